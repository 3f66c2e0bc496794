package e2e

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestLatePlayerGetsTheBoard: Ana invites Ben and Chloe to Paint party; Ana and Ben connect and
// paint while Chloe has not answered yet. When Chloe joins, the others send her the board as she
// connects, so her board shows what they painted before she came.
func TestLatePlayerGetsTheBoard(t *testing.T) {
	browser := chromium(t)
	ana, ben, chloe := open(t, browser, "realtime/", "Ana"), open(t, browser, "realtime/", "Ben"), open(t, browser, "realtime/", "Chloe")
	invitation := `document.querySelector("#invitations [data-room] button")`

	ana.do(`document.getElementById("invitees").value = ` + quote(ben.ID+" "+chloe.ID) + `; document.getElementById("create").click()`)
	ben.waitFor(invitation, 30*time.Second)
	ben.do(invitation + `.click()`)
	for _, p := range []*tab{ana, ben} {
		p.waitFor(`sample.room?.connectedParticipantIds().length === 1`, 30*time.Second)
	}
	ana.do(`sample.paint(5)`)
	ben.do(`sample.paint(9)`)
	ana.waitFor(`sample.board[9] !== undefined`, 10*time.Second)

	chloe.waitFor(invitation, 30*time.Second)
	chloe.do(invitation + `.click()`)
	for _, p := range []*tab{ana, ben, chloe} {
		p.waitFor(`sample.room?.current.status === "ROOM_ACTIVE"`, 60*time.Second)
	}
	chloe.waitFor(`sample.board[5] !== undefined && sample.board[9] !== undefined`, 10*time.Second)
	assert.Equal(t, []string{"p_1", "p_2"}, eval[[]string](chloe, `[sample.board[5], sample.board[9]]`), "Chloe sees who painted what")
	assert.Equal(t, 2, eval[int](chloe, `sample.board.filter((who) => who !== undefined).length`), "nothing else painted")
}
