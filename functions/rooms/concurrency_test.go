package rooms_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestEightPlayersReportAtOnce is the hot spot of a real-time room: every player reports its
// connections in the same instant. All calls must succeed and the room must end up active.
func TestEightPlayersReportAtOnce(t *testing.T) {
	a := newAPI(t)
	players := []testenv.Player{testenv.NewPlayer(t, "Host")}
	var invitees []string
	for range 7 {
		p := testenv.NewPlayer(t, "Guest")
		players = append(players, p)
		invitees = append(invitees, p.ID)
	}
	room := a.create(players[0], map[string]any{"invitedPlayerIds": invitees})
	path := "/games/v1/rooms/" + room.RoomID
	for _, p := range players[1:] {
		a.OK(p, http.MethodPost, path+"/join", nil, nil)
	}
	var wg sync.WaitGroup
	for _, p := range players {
		me := participantOf(t, room, p.ID).ID
		var updates []map[string]any
		for _, q := range room.Participants {
			if q.ID != me {
				updates = append(updates, map[string]any{"participantId": q.ID, "status": "CONNECTION_ESTABLISHED"})
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, raw := a.Do(p.Token, http.MethodPost, path+"/reportstatus", map[string]any{"updates": updates})
			assert.Equal(t, http.StatusOK, status, "reportStatus as %s: %s", me, raw)
		}()
	}
	wg.Wait()
	got := a.get(players[0], room.RoomID)
	require.Equal(t, "ROOM_ACTIVE", got.Status, "after the burst")
	require.Equal(t, int32(1+7+8), got.RoomStatusVersion, "after the burst: 16 changes")
	for _, p := range got.Participants {
		assert.True(t, p.Connected, "%s connected", p.ID)
	}
	var _ gamesv1.Room = got
}
