package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	games "google.golang.org/api/games/v1"
)

// TestPlayerLeavingWhileTheMeshFormsBreaksNothing: Ana invites Ben and Chloe, a player outside
// the browser. Chloe joins, so Ana's and Ben's pages open connections to her and wait for her
// offers (she joined last: she offers); then she says bye to each and leaves. Her goodbye to
// connections still being set up is not a failure: Ana and Ben connect to each other and their
// room goes ROOM_ACTIVE with STATUS_OK, and neither page reports a failed connection.
func TestPlayerLeavingWhileTheMeshFormsBreaksNothing(t *testing.T) {
	browser := chromium(t)
	chloe := signUp(t, "Chloe")
	ana, ben := open(t, browser, "realtime/", "Ana"), open(t, browser, "realtime/", "Ben")

	ana.do(`document.getElementById("invitees").value = ` + quote(ben.ID+" "+chloe.ID) + `; document.getElementById("create").click()`)
	ben.waitFor(`document.querySelector("#invitations [data-room] button")`, 30*time.Second)
	roomID := eval[string](ben, `document.querySelector("#invitations [data-room]").dataset.room`)
	ben.do(`document.querySelector("#invitations [data-room] button").click()`)
	ben.waitFor(`sample.room !== undefined`, 30*time.Second)
	room, err := chloe.Games.Rooms.Join(roomID, &games.RoomJoinRequest{}).Do()
	require.NoError(t, err, "Chloe joins")
	chloeJoined := `sample.room.current.participants.some((p) => p.player?.playerId === ` + quote(chloe.ID) + ` && p.status === "PARTICIPANT_JOINED")`
	for _, p := range []*tab{ana, ben} {
		p.waitFor(chloeJoined, 30*time.Second)
	}

	for _, p := range room.Participants {
		if p.Player.PlayerId != chloe.ID {
			sendSignal(t, chloe, roomID, p.Id, "bye", 1)
		}
	}
	_, err = chloe.Games.Rooms.Leave(roomID, &games.RoomLeaveRequest{Reason: "PLAYER_LEFT"}).Do()
	require.NoError(t, err, "Chloe leaves")

	for _, p := range []*tab{ana, ben} {
		p.waitFor(`sample.room?.current.status === "ROOM_ACTIVE" && sample.events.includes("onRoomConnected")`, 60*time.Second)
		assert.NotContains(t, eval[string](p, `document.getElementById("log").innerText`), "failed", "%s's page", p.name)
		assert.Equal(t, 1, eval[int](p, `sample.room.connectedParticipantIds().length`), "%s is connected to the one other player", p.name)
	}
}

// sendSignal sends one signal as p, a player outside the browser, and requires it accepted.
func sendSignal(t *testing.T, p player, roomID, to, typ string, seq int) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"to": to, "type": typ, "seq": seq, "payload": "candidate:1 1 udp 1 127.0.0.1 9 typ host"})
	req, err := http.NewRequest(http.MethodPost, devServer+"/openplay/v1/rooms/"+roomID+"/signals", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+p.Token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "%s's %s to %s", p.Name, typ, to)
}
