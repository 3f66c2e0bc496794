package operations_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions/operations"
	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/store"
)

// TestMatcherMendsThreeThreeTwo: rooms of four holding 3, 3 and 2 players, each placed by a
// create of their own, as a crowd's creates can leave them. No room takes another whole; the
// matcher moves the two of the third one by one into the other two, which fill, and the third,
// left empty, is deleted. Each moved player is told where they went, and their ticket names it.
func TestMatcherMendsThreeThreeTwo(t *testing.T) {
	a := newAPI(t)
	st, app, now := a.Svc.Store, a.Svc.Config.ApplicationID, a.clock.Now()
	auto := game.AutoMatch{Min: 3, Max: 3}
	tickets := map[string]string{} // player → ticket
	rooms := make([]string, 3)
	for i, size := range []int{3, 3, 2} {
		for j := range size {
			p := player.Profile{ID: "p" + ids.Random(), DisplayName: "P"}
			s := game.Seeker{Player: p, Criteria: auto}
			tickets[p.ID] = ids.Random()
			if j == 0 {
				rooms[i] = tickets[p.ID]
				_, err := st.Rooms().Seed(t.Context(), rooms[i], now, func() (*room.Room, []notification.Notification, error) {
					return room.New(room.Create{Create: game.Create{ID: rooms[i], ApplicationID: app,
						Creator: p, AutoMatching: &auto, Timeouts: application.Defaults.Timeouts}}, now)
				})
				require.NoError(t, err)
				continue
			}
			_, err := st.Rooms().PlaceIn(t.Context(), tickets[p.ID], p.ID, rooms[i], now, func(r *room.Room) ([]notification.Notification, error) {
				return r.Place(app, s, room.Client{}, false, now)
			})
			require.NoError(t, err)
		}
		now = now.Add(time.Second) // the rooms' ages tell them apart
	}
	a.advance(3 * time.Second)

	var moved operations.Matched
	a.operate("/operations/matchmake", &moved)
	assert.Equal(t, 2, moved.Rooms, "players moved")

	client, err := st.Client(t.Context())
	require.NoError(t, err)
	full := 0
	for _, id := range rooms {
		r, err := st.Rooms().Get(t.Context(), id)
		require.NoError(t, err)
		joined := 0
		for _, p := range r.Participants {
			if p.Status == room.Joined {
				joined++
			}
		}
		switch {
		case r.Status == room.Deleted:
			assert.Equal(t, rooms[2], id, "the room of two is the one left empty")
			for _, p := range r.Participants {
				into := p.MovedTo
				if into == "" {
					into = r.MergedInto
				}
				require.Contains(t, rooms[:2], into, "%s moved into one of the rooms of three", p.Player.ID)
				in, err := st.Rooms().Get(t.Context(), into)
				require.NoError(t, err)
				placed := in.Participant(p.Player.ID)
				require.NotNil(t, placed, "%s is in the room they were moved to", p.Player.ID)
				wantOutbox(t, a, "room~"+into+"~automatched~"+placed.ID) // told where they went
				snap, err := client.Collection(store.Tickets).Doc(tickets[p.Player.ID]).Get(t.Context())
				require.NoError(t, err)
				assert.Equal(t, into, snap.Data()["gameId"], "%s's ticket names the room they are in", p.Player.ID)
			}
		case joined == 4 && r.OpenSlots == 0:
			full++
		}
	}
	assert.Equal(t, 2, full, "full rooms")
	var again operations.Matched
	a.operate("/operations/matchmake", &again)
	assert.Equal(t, operations.Matched{Passes: 1}, again, "a second pass has nothing left to do")
}
