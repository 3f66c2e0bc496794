package e2e

import (
	"testing"
	"time"
)

// TestConnectionStartedOverByOneSide: Ana and Ben play in a room that went ROOM_ACTIVE. Ben's
// end of their connection closes and his page offers a new one before Ana's page has seen the
// old one go (here it never does: the test cuts its events off). Her page answers the offer with
// a new connection, rather than take it for a change to the old one, and a message goes through
// again. Before, the offer was lost on the old connection and they stayed apart.
func TestConnectionStartedOverByOneSide(t *testing.T) {
	browser := chromium(t)
	ana, ben := open(t, browser, "realtime/", "Ana"), open(t, browser, "realtime/", "Ben")
	roomID := quickRoom(ana, `sample.client.createRoom({ invitedPlayerIds: [`+quote(ben.ID)+`], listener })`)
	quickRoom(ben, `sample.client.joinRoom(`+quote(roomID)+`, { listener })`)
	for _, p := range []*tab{ana, ben} {
		p.waitFor(`quick.room.current.status === "ROOM_ACTIVE"`, 30*time.Second)
	}
	anaID, benID := quote(eval[string](ana, `quick.room.myParticipantId`)), quote(eval[string](ben, `quick.room.myParticipantId`))

	ana.do(`const old = quick.room.peers.get(` + benID + `);
		old.pc.onconnectionstatechange = null; old.reliable.onclose = null; old.unreliable.onclose = null;
		window.old = old`)
	ben.do(`quick.room.peers.get(` + anaID + `).pc.close()`)
	ana.waitFor(`quick.room.peers.get(`+benID+`) !== window.old && quick.room.peers.get(`+benID+`)?.isOpen`, 30*time.Second)
	ben.waitFor(`quick.room.peers.get(`+anaID+`)?.isOpen`, 30*time.Second)
	ana.do(`quick.room.sendReliableMessage(new TextEncoder().encode("again"), ` + benID + `)`)
	ben.waitFor(`quick.events.includes("message again")`, 10*time.Second)
	ana.do(`await quick.room.leave()`)
	ben.do(`await quick.room.leave()`)
}
