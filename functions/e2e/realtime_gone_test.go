package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestPlayerWhosePageGoesAwayLeaves: Ana and Ben play in a room that went ROOM_ACTIVE; Ben's page
// goes away (he navigates elsewhere, as when a tab is closed), without calling leave() or just
// after calling it, too soon for its call to get out. His room leaves as the page goes, so the
// server counts him out and Ana's page hears it: before, he stayed joined for good and her page
// tried to connect to him again and again.
func TestPlayerWhosePageGoesAwayLeaves(t *testing.T) {
	browser := chromium(t)
	for name, goAway := range map[string]string{
		"without leave()":    `location.href = "about:blank"`,
		"just after leave()": `void quick.room.leave(); location.href = "about:blank"`,
	} {
		t.Run(name, func(t *testing.T) {
			ana, ben := open(t, browser, "realtime/", "Ana"), open(t, browser, "realtime/", "Ben")
			roomID := quickRoom(ana, `sample.client.createRoom({ invitedPlayerIds: [`+quote(ben.ID)+`], listener })`)
			quickRoom(ben, `sample.client.joinRoom(`+quote(roomID)+`, { listener })`)
			for _, p := range []*tab{ana, ben} {
				p.waitFor(`quick.room.current.status === "ROOM_ACTIVE"`, 30*time.Second)
			}
			benID := eval[string](ben, `quick.room.myParticipantId`)

			_, err := chromedp.Run(ben.ctx, chromedp.Evaluate[bool](`(() => { `+goAway+`; return true })()`))
			require.NoError(t, err)
			ana.waitFor(`quick.room.current.participants.find((p) => p.id === `+quote(benID)+`)?.status === "PARTICIPANT_LEFT"`, 20*time.Second)
			ana.do(`await quick.room.leave()`)
		})
	}
}
