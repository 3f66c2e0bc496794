package budget

import (
	"fmt"
	"net/http"

	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/signal"
)

// Signals: the largest room, and signals with the largest payload (signal.MaxPayloadBytes) from
// its creator (participant p_1) to its first invitee (p_2).

func (f *fixture) signal(roomID string, seq int) call {
	creator, _ := f.roomCast()
	return call{http.MethodPost, "/openplay/v1/rooms/" + roomID + "/signals", creator.Token, body(f.t, map[string]any{
		"kind": "openplay#signalRequest", "to": "p_2", "type": "offer", "seq": seq, "payload": text(signal.MaxPayloadBytes)})}
}

// signalsPage is the most signals one read returns.
const signalsPage = 100

var signalCases = map[string]worstCase{
	"SignalsSend": func(f *fixture) []call {
		id := f.rooms(1, game.MaxPlayers-1)[0]
		return calls(concurrency, func(i int) call { return f.signal(id, i+1) })
	},
	// A full page of the largest signals, read by their recipient.
	"SignalsList": func(f *fixture) []call {
		id := f.rooms(1, game.MaxPlayers-1)[0]
		f.parallel(signalsPage, func(i int) { f.do(f.signal(id, i+1), nil) })
		_, invitees := f.roomCast()
		path := fmt.Sprintf("/openplay/v1/rooms/%s/signals?maxResults=%d", id, signalsPage)
		return calls(concurrency, func(int) call { return call{http.MethodGet, path, invitees[0].Token, nil} })
	},
	"IceServersGet": func(f *fixture) []call {
		creator, _ := f.roomCast()
		return calls(concurrency, func(int) call { return call{http.MethodGet, "/openplay/v1/iceServers", creator.Token, nil} })
	},
}
