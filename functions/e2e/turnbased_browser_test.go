package e2e

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestTurnBasedGameInTheBrowser plays tic-tac-toe to the end: Ana invites Ben, each move is a
// takeTurn whose notification reaches the other player through their inbox listener, Ana's third
// X wins, both finish, and Ana's rematch reaches Ben as an invitation.
func TestTurnBasedGameInTheBrowser(t *testing.T) {
	browser := chromium(t)
	ana, ben := open(t, browser, "turnbased/", "Ana"), open(t, browser, "turnbased/", "Ben")
	const wait = 30 * time.Second
	click := func(p *tab, square int) {
		p.waitFor(`sample.match?.userMatchStatus === "USER_TURN"`, wait)
		p.do(`document.querySelectorAll("#board button")[` + strconv.Itoa(square) + `].click()`)
	}
	board := func(p *tab) string {
		return eval[string](p, `[...document.querySelectorAll("#board button")].map((b) => b.textContent || ".").join("")`)
	}

	ana.do(`document.getElementById("invitees").value = ` + quote(ben.ID) + `; document.getElementById("create").click()`)
	click(ana, 0) // X; the turn reaches Ben, who is invited now
	ben.waitFor(`document.querySelector("#invitations [data-match] button")`, wait)
	ben.do(`document.querySelector("#invitations [data-match] button").click()`)
	click(ben, 3)
	click(ana, 1)
	click(ben, 4)
	click(ana, 2) // X X X: Ana wins and finishes

	ana.waitFor(`sample.match?.status === "MATCH_COMPLETE"`, wait)
	ben.waitFor(`sample.match?.status === "MATCH_COMPLETE" && sample.match.userMatchStatus === "USER_MATCH_COMPLETED"`, wait)
	assert.Equal(t, "XXXOO....", board(ben))
	assert.Contains(t, eval[string](ana, `document.getElementById("status").textContent`), "win")
	assert.Contains(t, eval[string](ben, `document.getElementById("status").textContent`), "loss")
	assert.Equal(t, []string{"MATCH_INVITATION", "MATCH_TURN", "MATCH_COMPLETED"}, eval[[]string](ben, `sample.heard`),
		"every turn reached Ben through his inbox listener")
	assert.Equal(t, []string{"MATCH_TURN", "MATCH_TURN"}, eval[[]string](ana, `sample.heard`))
	ana.screenshot("turnbased-ana")
	ben.screenshot("turnbased-ben")

	ana.waitFor(`!document.getElementById("rematch").hidden`, wait)
	ana.do(`document.getElementById("rematch").click()`)
	ana.waitFor(`sample.match?.matchNumber === 2 && sample.match.userMatchStatus === "USER_TURN"`, wait)
	ben.waitFor(`sample.heard.includes("MATCH_REMATCH") && document.querySelector("#invitations [data-match] button")`, wait)
}
