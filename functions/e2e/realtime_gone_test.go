package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestPlayerWhosePageGoesAwayLeaves: Ana and Ben play in a room that went ROOM_ACTIVE; Ben's page
// goes away (he navigates elsewhere, as when a tab is closed) without calling leave(). His room
// leaves as the page goes, so the server counts him out and Ana's page hears it: before, he
// stayed joined for good and her page tried to connect to him again and again.
func TestPlayerWhosePageGoesAwayLeaves(t *testing.T) {
	browser := chromium(t)
	ana, ben := open(t, browser, "realtime/", "Ana"), open(t, browser, "realtime/", "Ben")
	roomID := quickRoom(ana, `sample.client.createRoom({ invitedPlayerIds: [`+quote(ben.ID)+`], listener })`)
	quickRoom(ben, `sample.client.joinRoom(`+quote(roomID)+`, { listener })`)
	for _, p := range []*tab{ana, ben} {
		p.waitFor(`quick.room.current.status === "ROOM_ACTIVE"`, 30*time.Second)
	}
	benID := eval[string](ben, `quick.room.myParticipantId`)

	require.NoError(t, chromedp.Do(ben.ctx, chromedp.Navigate("about:blank")))
	ana.waitFor(`quick.room.current.participants.find((p) => p.id === `+quote(benID)+`)?.status === "PARTICIPANT_LEFT"`, 15*time.Second)
	ana.do(`await quick.room.leave()`)
}
