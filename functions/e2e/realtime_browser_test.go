package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRealtimeGameInTheBrowser plays Paint party: Ana creates a room inviting Ben, Ben joins from
// his invitation, their browsers connect peer to peer and the room goes ROOM_ACTIVE; each sends
// the other 200 reliable messages, which all arrive once and in order; then Ben leaves and Ana
// sees him go.
func TestRealtimeGameInTheBrowser(t *testing.T) {
	browser := chromium(t)
	ana, ben := open(t, browser, "realtime/", "Ana"), open(t, browser, "realtime/", "Ben")

	ana.do(`document.getElementById("invitees").value = ` + quote(ben.ID) + `; document.getElementById("create").click()`)
	ben.waitFor(`document.querySelector("#invitations [data-room] button")`, 30*time.Second)
	ben.do(`document.querySelector("#invitations [data-room] button").click()`)
	for _, p := range []*tab{ana, ben} {
		p.waitFor(`sample.room?.current.status === "ROOM_ACTIVE" && sample.events.includes("onRoomConnected")`, 60*time.Second)
	}
	assert.Equal(t, 1, eval[int](ana, `sample.room.connectedParticipantIds().length`))

	const n = 200
	send := func(from, to *tab) string {
		return `(async () => {
			const room = sample.room, to = room.current.participants.find((p) => p.player?.playerId === ` + quote(to.ID) + `).id;
			const rtts = [];
			await new Promise((resolve, reject) => {
				let acked = 0;
				for (let i = 0; i < ` + fmt.Sprint(n) + `; i++) {
					const sentAt = performance.now();
					const token = room.sendReliableMessage(new TextEncoder().encode(JSON.stringify({ i })), to, (status) => {
						if (status !== 0) reject(new Error("message " + i + ": status " + status));
						rtts.push(performance.now() - sentAt);
						if (++acked === ` + fmt.Sprint(n) + `) resolve();
					});
					if (token < 0) reject(new Error("message " + i + " not sent"));
				}
			});
			return rtts;
		})()`
	}
	// Both directions at once, as players would.
	type result struct {
		rtts []float64
		err  error
	}
	done := make(chan result, 1)
	go func() {
		v, err := evalErr[[]float64](ben, send(ben, ana))
		done <- result{v, err}
	}()
	rtts := eval[[]float64](ana, send(ana, ben))
	benSent := <-done
	require.NoError(t, benSent.err, "%s: sending to %s", ben.name, ana.name)
	rtts = append(rtts, benSent.rtts...)

	for _, pair := range []struct{ from, to *tab }{{ana, ben}, {ben, ana}} {
		from := eval[string](pair.to, `sample.room.current.participants.find((p) => p.player?.playerId === `+quote(pair.from.ID)+`).id`)
		got := eval[[]int](pair.to, `sample.received.filter((m) => m.reliable && m.from === `+quote(from)+` && "i" in JSON.parse(m.text)).map((m) => JSON.parse(m.text).i)`)
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		assert.Equal(t, want, got, "%s's messages reach %s once each, in order", pair.from.name, pair.to.name)
	}
	report(t, "reliable message → acknowledgement, %d messages each way sent at once (queueing included): %s", n, percentiles(rtts))
	pings := eval[[]float64](ana, `(async () => {
		const room = sample.room, to = room.connectedParticipantIds()[0], rtts = [];
		for (let i = 0; i < 50; i++) {
			const sentAt = performance.now();
			await new Promise((resolve) => room.sendReliableMessage(new TextEncoder().encode(JSON.stringify({ ping: i })), to, resolve));
			rtts.push(performance.now() - sentAt);
		}
		return rtts;
	})()`)
	report(t, "data channel round trip (a reliable message and its acknowledgement, one at a time): %s", percentiles(pings))

	for i, p := range []*tab{ana, ben, ana, ben, ana} { // a few moves, for the screenshot
		p.do(fmt.Sprintf("sample.paint(%d)", 9*i+1))
	}
	ben.waitFor(`document.querySelectorAll("#board button")[37].style.background !== ""`, 10*time.Second)
	ana.screenshot("realtime-ana")
	ben.screenshot("realtime-ben")

	ben.do(`document.getElementById("leave").click()`)
	ben.waitFor(`sample.events.includes("onLeftRoom")`, 30*time.Second)
	ana.waitFor(`sample.events.includes("onP2PDisconnected") && sample.events.includes("onPeerLeft")`, 30*time.Second)
	status := eval[string](ana, `sample.room.current.participants.find((p) => p.player?.playerId === `+quote(ben.ID)+`).status`)
	assert.Equal(t, "PARTICIPANT_LEFT", status)
	assert.True(t, strings.Contains(eval[string](ana, `sample.events.join(" ")`), "onPeerJoined"), "Ana saw Ben join")
	require.Empty(t, eval[[]string](ana, `sample.room.connectedParticipantIds()`))
}
