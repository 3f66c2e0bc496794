package e2e

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
	games "google.golang.org/api/games/v1"
)

// TestInboxReportsWhatCameWhileAway: Bea's page listens to her inbox and loses its network; 28
// invitations reach her inbox meanwhile, more than the listener's window of 25 newest. When the
// network is back, Firestore sends the window as it is, so the page must read the 3 it pushed
// out: her page hears every one of the 28, each once (before, the 3 oldest were never heard).
func TestInboxReportsWhatCameWhileAway(t *testing.T) {
	browser := chromium(t)
	bea := open(t, browser, "turnbased/", "Bea")
	me := player{ID: bea.ID, Name: "Bea", Token: eval[string](bea, `sample.client.auth.currentUser.getIdToken()`)}
	bea.do(`window.heard = []; sample.client.inbox.subscribe((n) => heard.push(n.id)); await sample.client.inbox.ready`)

	offline := func(off bool) {
		t.Helper()
		emulate := cdp.Command[map[string]any, cdp.Empty]{Method: "Network.emulateNetworkConditions"}
		_, err := chromedp.Call(bea.ctx, emulate, map[string]any{"offline": off, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
		require.NoError(t, err)
	}
	offline(true)
	const invitations = 28 // two senders: one may invite one player 20 times in 10 minutes
	senders := []player{signUp(t, "Gus"), signUp(t, "Hal")}
	for i := range invitations {
		_, err := senders[i%2].Games.Rooms.Create(&games.RoomCreateRequest{InvitedPlayerIds: []string{bea.ID}}).Do()
		require.NoError(t, err, "invitation %d", i)
	}
	var delivered []string
	require.Eventually(t, func() bool {
		delivered = delivered[:0]
		for _, n := range inbox(t, me) {
			if n.Type == "ROOM_INVITATION" {
				delivered = append(delivered, n.ID)
			}
		}
		return len(delivered) == invitations
	}, 30*time.Second, 200*time.Millisecond, "the invitations reach Bea's inbox")
	require.Equal(t, 0, eval[int](bea, `heard.length`), "the page heard an invitation while offline")

	offline(false)
	bea.waitFor(fmt.Sprintf(`heard.length >= %d`, invitations), 60*time.Second)
	time.Sleep(time.Second) // anything heard twice would be heard by now
	heard := eval[[]string](bea, `heard`)
	slices.Sort(heard)
	slices.Sort(delivered)
	require.Equal(t, delivered, heard, "every invitation heard once")
}
