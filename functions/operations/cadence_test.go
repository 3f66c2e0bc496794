package operations_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions/operations"
	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestScheduledMatcherEndsWhenIdle: a call that may go on for a while (?for=) passes over every
// waiting game, then once more over those changed since, and ends when that finds none.
func TestScheduledMatcherEndsWhenIdle(t *testing.T) {
	a := newAPI(t)
	var res operations.Matched
	a.operate("/operations/matchmake?for=20s", &res)
	assert.Equal(t, operations.Matched{Passes: 2}, res)

	a.operate("/operations/matchmake", &res)
	assert.Equal(t, 1, res.Passes, "without ?for=, one pass")
}

// TestScheduledMatcherMovesPlayersWhoArriveDuringTheCall: a player's seed made while a call is
// passing is matched by that call's next pass, not a minute later.
func TestScheduledMatcherMovesPlayersWhoArriveDuringTheCall(t *testing.T) {
	a := newAPI(t)
	st, app, now := a.Svc.Store, a.Svc.Config.ApplicationID, a.clock.Now()
	auto := game.AutoMatch{Min: 1, Max: 1}
	seed := func(id string) error {
		p := player.Profile{ID: "p" + ids.Random(), DisplayName: "P"}
		_, err := st.Rooms().Seed(t.Context(), id, now, func() (*room.Room, []notification.Notification, error) {
			return room.New(room.Create{Create: game.Create{ID: id, ApplicationID: app, Creator: p,
				AutoMatching: &auto, Timeouts: application.Defaults.Timeouts}}, now)
		})
		return err
	}
	first, second := ids.Random(), ids.Random()
	require.NoError(t, seed(first))
	seeded := make(chan error, 1)
	go func() {
		time.Sleep(operations.MatchmakeEvery / 4) // after the first pass has read the waiting games
		seeded <- seed(second)
	}()

	var res operations.Matched
	a.operate("/operations/matchmake?for=20s", &res)
	require.NoError(t, <-seeded)
	assert.Equal(t, 1, res.Rooms, "one player moved into the other's room")
	assert.GreaterOrEqual(t, res.Passes, 2)
	assert.Less(t, res.Passes, 10, "the call ended once nothing changed")
	for _, id := range []string{first, second} {
		r, err := st.Rooms().Get(t.Context(), id)
		require.NoError(t, err)
		if r.Status != room.Deleted {
			assert.Len(t, r.Participants, 2, "the room that took the other player is full")
			assert.Zero(t, r.OpenSlots)
		}
	}
}

// TestScheduledMatcherFindsRoomForAnUnchangedGame: a room made during a call, with slots to fill
// but players who may not move (an invitation is pending), is where a player who has waited alone
// since before the call can go: the call's next pass moves her, although her room did not change.
func TestScheduledMatcherFindsRoomForAnUnchangedGame(t *testing.T) {
	a := newAPI(t)
	ana, ben, chloe := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe")
	alone := a.createRoom(ana, autoMatch(4, 0))
	a.advance(time.Minute) // older than any pass's window of changed games
	var stuck gamesv1.Room
	made := make(chan error, 1)
	go func() {
		time.Sleep(operations.MatchmakeEvery / 4) // after the first pass has read the waiting games
		var err error
		stuck, err = a.createRoomErr(ben, map[string]any{"invitedPlayerIds": []string{chloe.ID},
			"autoMatchingCriteria": map[string]any{"minAutoMatchingPlayers": 2, "maxAutoMatchingPlayers": 2}})
		made <- err
	}()

	var res operations.Matched
	a.operate("/operations/matchmake?for=20s", &res)
	require.NoError(t, <-made, "Ben's room")
	require.NotEqual(t, alone.RoomID, stuck.RoomID, "Ben's room is his own")
	assert.Equal(t, 1, res.Rooms, "Ana moved")
	r := a.room(ana, stuck.RoomID)
	assert.Equal(t, []string{"PARTICIPANT_JOINED", "PARTICIPANT_INVITED", "PARTICIPANT_JOINED"},
		[]string{r.Participants[0].Status, r.Participants[1].Status, r.Participants[2].Status}, "Ben, Chloe invited, then Ana")
	assert.Equal(t, "ROOM_DELETED", a.room(ana, alone.RoomID).Status, "Ana's own room closed")
}

func TestMatcherRefusesABadFor(t *testing.T) {
	a := newAPI(t)
	for _, bad := range []string{"soon", "-1s", "51s", "1h"} {
		a.Fails("", http.MethodPost, "/operations/matchmake?for="+bad, nil, http.StatusBadRequest, "for")
	}
}
