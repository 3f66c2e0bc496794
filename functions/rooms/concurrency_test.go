package rooms_test

import (
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"cloud.google.com/go/pubsub/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestEightPlayersReportAtOnce is the hot spot of a real-time room: every player reports its
// connections in the same instant. All calls must succeed, the room must end up active, and the
// change to ROOM_ACTIVE must be told exactly once to each player but the one whose report made it.
func TestEightPlayersReportAtOnce(t *testing.T) {
	a := newAPI(t)
	updates := testenv.Subscribe(t, notification.TopicRoomUpdates)
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
	type report struct {
		me     string
		status int
		raw    []byte
		err    error
	}
	reports := make([]report, len(players))
	var wg sync.WaitGroup
	for i, p := range players {
		me := participantOf(t, room, p.ID).ID
		var connected []map[string]any
		for _, q := range room.Participants {
			if q.ID != me {
				connected = append(connected, map[string]any{"participantId": q.ID, "status": "CONNECTION_ESTABLISHED"})
			}
		}
		wg.Go(func() {
			status, raw, err := a.DoErr(p.Token, http.MethodPost, path+"/reportstatus", map[string]any{"updates": connected})
			reports[i] = report{me: me, status: status, raw: raw, err: err}
		})
	}
	wg.Wait()
	for _, r := range reports {
		require.NoError(t, r.err, "reportStatus as %s", r.me)
		assert.Equal(t, http.StatusOK, r.status, "reportStatus as %s: %s", r.me, r.raw)
	}
	got := a.get(players[0], room.RoomID)
	require.Equal(t, "ROOM_ACTIVE", got.Status)
	assert.Equal(t, int32(1+7+8), got.RoomStatusVersion, "one change per join and per report")
	for _, p := range got.Participants {
		assert.True(t, p.Connected, "%s not connected", p.ID)
	}

	joined := int64(1 + 7) // the room's version once all had joined: the joins were told too
	msgs := updates.Collect(func(m *pubsub.Message) bool {
		n := decode(t, m)
		return n.Type == notification.RoomStatus && n.RoomID == room.RoomID && n.Version > joined
	}, len(players)-1, 10*time.Second)
	recipients := map[string]bool{}
	for _, m := range msgs {
		n := decode(t, m)
		assert.Equal(t, int64(got.RoomStatusVersion), n.Version, "only the change to ROOM_ACTIVE is told")
		assert.Equal(t, "The room is now ROOM_ACTIVE", n.Text)
		assert.False(t, recipients[n.Recipient], "%s told twice", n.Recipient)
		recipients[n.Recipient] = true
	}
	assert.Len(t, recipients, len(players)-1, "every player but the last to report is told once")
}

func decode(t *testing.T, m *pubsub.Message) notification.Notification {
	var n notification.Notification
	require.NoError(t, json.Unmarshal(m.Data, &n))
	return n
}
