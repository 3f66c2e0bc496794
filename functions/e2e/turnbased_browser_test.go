package e2e

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// turnWait is how long a tic-tac-toe page may take to show what the test waits for.
const turnWait = 30 * time.Second

// click plays a square once it is the player's turn.
func click(p *tab, square int) {
	p.t.Helper()
	p.waitFor(`sample.match?.userMatchStatus === "USER_TURN"`, turnWait)
	p.do(`document.querySelectorAll("#board button")[` + strconv.Itoa(square) + `].click()`)
}

// board is the page's board, a dot for an empty square.
func board(p *tab) string {
	p.t.Helper()
	return eval[string](p, `[...document.querySelectorAll("#board button")].map((b) => b.textContent || ".").join("")`)
}

// TestTurnBasedGameInTheBrowser plays tic-tac-toe to the end: Ana invites Ben, each move is a
// takeTurn whose notification reaches the other player through their inbox listener, Ana's third
// X wins, both finish, and Ana's rematch reaches Ben as an invitation.
func TestTurnBasedGameInTheBrowser(t *testing.T) {
	browser := chromium(t)
	ana, ben := open(t, browser, "turnbased/", "Ana"), open(t, browser, "turnbased/", "Ben")
	const wait = turnWait

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

// TestTurnBasedGameResumesAfterAReload: Ana reloads her page in the middle of a game; her lobby
// lists it as her turn, she opens it and plays on, and Ben sees her move.
func TestTurnBasedGameResumesAfterAReload(t *testing.T) {
	browser := chromium(t)
	ana, ben := open(t, browser, "turnbased/", "Ana"), open(t, browser, "turnbased/", "Ben")
	ana.do(`document.getElementById("invitees").value = ` + quote(ben.ID) + `; document.getElementById("create").click()`)
	click(ana, 0)
	ben.waitFor(`document.querySelector("#invitations [data-match] button")`, turnWait)
	ben.do(`document.querySelector("#invitations [data-match] button").click()`)
	click(ben, 4)
	ana.waitFor(`sample.match?.userMatchStatus === "USER_TURN"`, turnWait)

	require.NoError(t, chromedp.Do(ana.ctx, chromedp.Reload()), "reloading Ana's page")
	ana.waitFor(`window.sample !== undefined && document.querySelector("#games [data-match] button")`, turnWait)
	assert.Contains(t, eval[string](ana, `document.getElementById("games").textContent`), "your turn")
	ana.do(`document.querySelector("#games [data-match] button").click()`)
	click(ana, 8)
	ben.waitFor(`sample.match?.userMatchStatus === "USER_TURN"`, turnWait)
	assert.Equal(t, "X...O...X", board(ben), "Ben sees the move Ana made after her reload")
}
