package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestPlayerLeavingWhileTheMeshFormsBreaksNothing: Ana invites Ben and Chloe; Ben joins, and
// Chloe joins and leaves at once, while the others are still connecting to her. Her goodbye is
// not a failed connection: Ana and Ben connect to each other and their room goes ROOM_ACTIVE
// with STATUS_OK, nobody reports a connection to Chloe failed, and Chloe leaves as a player who
// left, not as one whose connections failed.
func TestPlayerLeavingWhileTheMeshFormsBreaksNothing(t *testing.T) {
	browser := chromium(t)
	ana, ben, chloe := open(t, browser, "realtime/", "Ana"), open(t, browser, "realtime/", "Ben"), open(t, browser, "realtime/", "Chloe")

	ana.do(`document.getElementById("invitees").value = ` + quote(ben.ID+" "+chloe.ID) + `; document.getElementById("create").click()`)
	for _, p := range []*tab{ben, chloe} {
		p.waitFor(`document.querySelector("#invitations [data-room] button")`, 30*time.Second)
	}
	roomID := eval[string](chloe, `document.querySelector("#invitations [data-room]").dataset.room`)
	ben.do(`document.querySelector("#invitations [data-room] button").click()`)
	chloe.do(`const room = await sample.client.joinRoom(` + quote(roomID) + `, { listener: {} }); await room.leave()`)

	for _, p := range []*tab{ana, ben} {
		p.waitFor(`sample.room?.current.status === "ROOM_ACTIVE" && sample.events.includes("onRoomConnected")`, 60*time.Second)
		assert.NotContains(t, eval[string](p, `document.getElementById("log").innerText`), "failed", "%s's page", p.name)
		assert.Equal(t, 1, eval[int](p, `sample.room.connectedParticipantIds().length`), "%s is connected to the one other player", p.name)
	}
	left := eval[[]string](ana, `sample.room.current.participants.filter((p) => p.status === "PARTICIPANT_LEFT").map((p) => p.leaveReason ?? "")`)
	assert.Equal(t, []string{"PLAYER_LEFT"}, left, "Chloe left as a player who left")
	assert.False(t, strings.Contains(eval[string](chloe, `document.getElementById("log").innerText`), "error"), "Chloe's page")
}
