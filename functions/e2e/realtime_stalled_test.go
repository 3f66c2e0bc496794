package e2e

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRoomConnectsWhileItsListenerStalls: Ana's page can no longer reach Firestore's listen
// stream, as when a Firestore stream stalls reconnecting: the listener she starts for the room's
// signals never gets them. Ben joins the room she invited him to and offers; her room reads its
// signals over HTTP while the connection is being set up, answers, and the room goes ROOM_ACTIVE
// with STATUS_OK well before the 30 s connect timeout; a message crosses.
func TestRoomConnectsWhileItsListenerStalls(t *testing.T) {
	browser := chromium(t)
	ana, ben := open(t, browser, "realtime/", "Ana"), open(t, browser, "realtime/", "Ben")
	_, err := chromedp.Call(ana.ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{
		{URLPattern: "*://*:*/google.firestore.v1.Firestore/Listen/*", Block: true}}})
	require.NoError(t, err)

	roomID := quickRoom(ana, `sample.client.createRoom({ invitedPlayerIds: [`+quote(ben.ID)+`], listener })`)
	start := time.Now()
	quickRoom(ben, `sample.client.joinRoom(`+quote(roomID)+`, { listener })`)
	for _, p := range []*tab{ana, ben} {
		p.waitFor(`quick.room.current.status === "ROOM_ACTIVE" && quick.events.includes("onRoomConnected 0")`, 25*time.Second)
	}
	report(t, "room of 2 whose host's signals listener stalls (signals read over HTTP): join → ROOM_ACTIVE in both browsers: %d ms", time.Since(start).Milliseconds())
	assert.True(t, slices.ContainsFunc(ana.log.blocked(), func(url string) bool { return strings.Contains(url, "/google.firestore.v1.Firestore/Listen/") }),
		"Ana's page tried to reach Firestore's listen stream and was refused: %v", ana.log.blocked())
	assert.Equal(t, []string{"onRoomConnected 0"}, eval[[]string](ana, `quick.events`), "Ana's room connected at once")

	ana.do(`quick.room.sendReliableMessage(new TextEncoder().encode("hello"), quick.room.connectedParticipantIds()[0])`)
	ben.waitFor(`quick.events.includes("message hello")`, 10*time.Second)
	for _, p := range []*tab{ana, ben} {
		p.do(`await quick.room.leave()`)
	}
}
