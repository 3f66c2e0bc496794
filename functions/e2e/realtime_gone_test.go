package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
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

// TestPlayerWhoseDeviceGoesSilentIsTakenOut: Ana, Ben and Chloe play in a room that went
// ROOM_ACTIVE; Chloe's page crashes (as a device does, or a network that drops), so nothing tells
// anyone she left. Ana's and Ben's connections to her fail, they report it, she does not answer,
// and the server takes her out with PEER_CONNECTION_FAILURE: both pages hear it and the room is
// ROOM_ACTIVE again with the two of them. Before, she stayed joined for as long as the room
// lasted, and the others tried to connect to her again and again.
func TestPlayerWhoseDeviceGoesSilentIsTakenOut(t *testing.T) {
	browser := chromium(t)
	ana, ben, chloe := open(t, browser, "realtime/", "Ana"), open(t, browser, "realtime/", "Ben"), open(t, browser, "realtime/", "Chloe")
	roomID := quickRoom(ana, `sample.client.createRoom({ invitedPlayerIds: [`+quote(ben.ID)+`, `+quote(chloe.ID)+`], listener })`)
	quickRoom(ben, `sample.client.joinRoom(`+quote(roomID)+`, { listener })`)
	quickRoom(chloe, `sample.client.joinRoom(`+quote(roomID)+`, { listener })`)
	for _, p := range []*tab{ana, ben, chloe} {
		p.waitFor(`quick.room.current.status === "ROOM_ACTIVE"`, 30*time.Second)
	}
	chloeID := eval[string](chloe, `quick.room.myParticipantId`)

	crash, cancel := context.WithTimeout(chloe.ctx, 5*time.Second)
	defer cancel()
	_, _ = chromedp.Call(crash, page.Crash, cdp.Empty{}) // the page is gone before it can answer
	crashedAt := time.Now()
	gone := `quick.room.current.participants.find((p) => p.id === ` + quote(chloeID) + `)`
	for _, p := range []*tab{ana, ben} {
		p.waitFor(gone+`?.status === "PARTICIPANT_LEFT" && `+gone+`.leaveReason === "PEER_CONNECTION_FAILURE"`, 3*time.Minute)
		t.Logf("%s's page saw Chloe taken out %.1f s after her page crashed", p.name, time.Since(crashedAt).Seconds())
	}
	for _, p := range []*tab{ana, ben} {
		p.waitFor(`quick.room.current.status === "ROOM_ACTIVE" && quick.room.connectedParticipantIds().length === 1`, 30*time.Second)
	}
	ana.do(`await quick.room.leave()`)
	ben.do(`await quick.room.leave()`)
}

// TestPlayersWhoAreStillThereStayIn: Ana and Ben play in a room that went ROOM_ACTIVE; their
// connection breaks and cannot be made again (Ben's browser can no longer negotiate one). Each
// page reports the other failed, so the server waits for each to say they are there: both pages
// do, and both stay in well past the 30 s they had. Ana's page gives a connection two minutes
// to open, so while she waits for Ben's offer only her still-here reports answer his.
func TestPlayersWhoAreStillThereStayIn(t *testing.T) {
	browser := chromium(t)
	ana, ben := open(t, browser, "realtime/", "Ana"), open(t, browser, "realtime/", "Ben")
	roomID := quickRoom(ana, `sample.client.createRoom({ invitedPlayerIds: [`+quote(ben.ID)+`], listener, connectTimeoutMs: 120000 })`)
	quickRoom(ben, `sample.client.joinRoom(`+quote(roomID)+`, { listener })`)
	for _, p := range []*tab{ana, ben} {
		p.waitFor(`quick.room.current.status === "ROOM_ACTIVE"`, 30*time.Second)
	}
	anaID := eval[string](ana, `quick.room.myParticipantId`)

	ben.do(`for (const step of ["createOffer", "createAnswer"]) RTCPeerConnection.prototype[step] = () => Promise.reject(new Error("the test broke it"));
		quick.room.peers.get(` + quote(anaID) + `).pc.close()`)
	ana.waitFor(`quick.room.current.status === "ROOM_CONNECTING"`, 60*time.Second)
	time.Sleep(45 * time.Second)
	statuses := eval[string](ben, `(async () => (await sample.client.rooms.get(`+quote(roomID)+`)).participants.map((p) => p.status).join())()`)
	require.Equal(t, "PARTICIPANT_JOINED,PARTICIPANT_JOINED", statuses, "Ana and Ben, both still there")
	ana.do(`await quick.room.leave()`)
	ben.do(`await quick.room.leave()`)
}
