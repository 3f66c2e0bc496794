package e2e

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMovedPlayerFollowsTheirRoom: Ana quick-matches for a room of two or three and waits alone
// in her seed; Ben, who wants a room of two only, gets a seed of his own. The matcher moves Ana
// into Ben's room, which fills: her page follows the ROOM_AUTO_MATCHED there, connects to Ben
// peer to peer, and the room goes ROOM_ACTIVE; a message crosses.
func TestMovedPlayerFollowsTheirRoom(t *testing.T) {
	browser := chromium(t)
	ana, ben := open(t, browser, "realtime/", "Ana"), open(t, browser, "realtime/", "Ben")
	variant := 1000 + rand.IntN(1_000_000) // a pool of the test's own
	create := func(p *tab, maxOthers int) string {
		return quickRoom(p, fmt.Sprintf(`sample.client.createRoom({ variant: %d,
			autoMatchingCriteria: { minAutoMatchingPlayers: 1, maxAutoMatchingPlayers: %d }, listener })`, variant, maxOthers))
	}
	anaRoom, benRoom := create(ana, 2), create(ben, 1)
	require.NotEqual(t, anaRoom, benRoom, "Ben, who wants a room of two, is not placed in Ana's room of three")

	res, err := http.Post(devServer+"/operations/matchmake?secret="+devSecret, "application/json", nil)
	require.NoError(t, err, "matchmake")
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "matchmake")

	ana.waitFor(`quick.room.roomId === `+quote(benRoom)+` && quick.room.current.status === "ROOM_ACTIVE"`, 60*time.Second)
	ben.waitFor(`quick.room.current.status === "ROOM_ACTIVE"`, 30*time.Second)
	assert.Equal(t, "p_2", eval[string](ana, `quick.room.myParticipantId`), "Ana's participant ID in Ben's room")
	assert.Equal(t, []string{"onRoomMoved " + anaRoom + " " + benRoom, "onRoomConnected 0"},
		eval[[]string](ana, `quick.events.filter((e) => e.startsWith("onRoom"))`), "Ana's page heard she was moved, then connected")

	ana.do(`quick.room.sendReliableMessage(new TextEncoder().encode("hello"), quick.room.connectedParticipantIds()[0])`)
	ben.waitFor(`quick.events.includes("message hello")`, 10*time.Second)
	for _, p := range []*tab{ana, ben} {
		p.do(`await quick.room.leave()`)
		assert.Contains(t, eval[[]string](p, `quick.events`), "onLeftRoom 0", "%s left", p.name)
	}
}

// quickRoom makes a room in the page with the library alone (no sample game): call is the
// expression that makes it, given a RoomListener `listener` that records the room's events in
// quick.events. The room is quick.room; its ID is returned.
func quickRoom(p *tab, call string) string {
	p.t.Helper()
	return eval[string](p, `(async () => {
		const events = [];
		const listener = {
			onRoomMoved: (r, from) => events.push("onRoomMoved " + from + " " + r.roomId),
			onRoomConnected: (status) => events.push("onRoomConnected " + status),
			onLeftRoom: (status) => events.push("onLeftRoom " + status),
			onRealTimeMessageReceived: (m) => events.push("message " + new TextDecoder().decode(m.messageData)),
		};
		const room = await `+call+`;
		window.quick = { room, events };
		return room.roomId;
	})()`)
}
