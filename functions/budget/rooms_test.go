package budget

import (
	"fmt"
	"net/http"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/testenv"
)

// Rooms: the largest room holds eight players, each with the most a device may say about itself
// (16 capabilities and the network strings at 256 bytes, functions/rooms/decode.go).

const rooms = "/games/v1/rooms"

// device is the largest capabilities, client address and diagnostics a create or join carries.
func device() map[string]any {
	caps := make([]string, 16)
	for i := range caps {
		caps[i] = fmt.Sprintf("%03d", i) + text(253)
	}
	return map[string]any{"capabilities": caps,
		"clientAddress":      map[string]any{"kind": gamesv1.KindRoomClientAddress, "xmppAddress": text(256)},
		"networkDiagnostics": map[string]any{"kind": gamesv1.KindNetworkDiagnostics, "networkOperatorCode": text(256), "networkOperatorName": text(256), "registrationLatencyMillis": 10}}
}

func with(m map[string]any, kv ...any) map[string]any {
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

// roomCast is who the fixture's rooms are made of: a creator and seven invitees.
func (f *fixture) roomCast() (testenv.Player, []testenv.Player) {
	p := f.pool(game.MaxPlayers)
	return p[0], p[1:]
}

// createRoom is the largest rooms.create: seven invitees and the largest device.
func (f *fixture) createRoom() call {
	creator, invitees := f.roomCast()
	return call{http.MethodPost, rooms + "/create", creator.Token, body(f.t, with(device(), "kind", gamesv1.KindRoomCreateRequest,
		"invitedPlayerIds", playerIDs(invitees), "requestId", requestID()))}
}

// rooms makes n rooms of the creator with the seven invitees pending, and joins joined of the
// invitees (the first ones) to each.
func (f *fixture) rooms(n, joined int) []string {
	made := make([]string, n)
	f.parallel(n, func(i int) {
		var r gamesv1.Room
		f.do(f.createRoom(), &r)
		made[i] = r.RoomID
	})
	_, invitees := f.roomCast()
	// one invitee at a time in each room: joins to the same room would contend
	f.parallel(n*joined, func(i int) { f.do(f.joinRoom(made[i%n], invitees[i/n]), nil) })
	return made
}

func (f *fixture) joinRoom(id string, p testenv.Player) call {
	return call{http.MethodPost, rooms + "/" + id + "/join", p.Token, body(f.t, with(device(), "kind", gamesv1.KindRoomJoinRequest))}
}

// leaveDiagnostics is the largest leaveDiagnostics: a peer session for every other player.
func leaveDiagnostics() map[string]any {
	stats := map[string]any{"kind": gamesv1.KindAggregateStats, "count": "1", "max": "1", "min": "1", "sum": "1"}
	channel := map[string]any{"kind": gamesv1.KindPeerChannelDiagnostics, "bytesReceived": stats, "bytesSent": stats, "roundtripLatencyMillis": stats,
		"numMessagesLost": 1, "numMessagesReceived": 1, "numMessagesSent": 1, "numSendFailures": 1}
	var peers []map[string]any
	for i := range game.MaxPlayers {
		peers = append(peers, map[string]any{"kind": gamesv1.KindPeerSessionDiagnostics, "participantId": fmt.Sprintf("p_%d", i+1),
			"connectedTimestampMillis": "1", "reliableChannel": channel, "unreliableChannel": channel})
	}
	return map[string]any{"kind": gamesv1.KindRoomLeaveDiagnostics, "networkOperatorCode": text(256), "networkOperatorName": text(256),
		"peerSession": peers, "socketsUsed": true}
}

// waitingVariant is the variant of the games auto-matching players find waiting.
const waitingVariant = 7

// autoMatch is auto-matching criteria (kind is the request's criteria kind) for players who all
// play the same role: no two of them can meet, so a player auto-matching alone reads every
// waiting game, joins none and makes their own, and 80 of them at once contend for nothing.
func autoMatch(kind string, min, max int) map[string]any {
	return map[string]any{"kind": kind, "minAutoMatchingPlayers": min, "maxAutoMatchingPlayers": max, "exclusiveBitmask": "1"}
}

var roomCases = map[string]worstCase{
	// Each of 80 players auto-matching alone reads the oldest waiting rooms (games.Candidates of
	// them, the creator's, each with the largest device) before making their own.
	"RoomsCreate": func(f *fixture) []call {
		creator, _ := f.roomCast()
		f.parallel(games.Candidates, func(int) {
			f.do(call{http.MethodPost, rooms + "/create", creator.Token, body(f.t, with(device(), "kind", gamesv1.KindRoomCreateRequest,
				"variant", waitingVariant, "requestId", requestID(), "autoMatchingCriteria", autoMatch(gamesv1.KindRoomAutoMatchingCriteria, 7, 7)))}, nil)
		})
		crowd := f.crowd()
		return calls(concurrency, func(i int) call {
			return call{http.MethodPost, rooms + "/create", crowd[i].Token, body(f.t, with(device(), "kind", gamesv1.KindRoomCreateRequest,
				"variant", waitingVariant, "requestId", requestID(), "autoMatchingCriteria", autoMatch(gamesv1.KindRoomAutoMatchingCriteria, 1, 7)))}
		})
	},
	"RoomsGet": func(f *fixture) []call {
		id := f.rooms(1, game.MaxPlayers-1)[0]
		creator, _ := f.roomCast()
		return calls(concurrency, func(int) call { return call{http.MethodGet, rooms + "/" + id, creator.Token, nil} })
	},
	"RoomsJoin": func(f *fixture) []call {
		made := f.rooms(concurrency, 0)
		_, invitees := f.roomCast()
		return calls(concurrency, func(i int) call { return f.joinRoom(made[i], invitees[i%len(invitees)]) })
	},
	"RoomsLeave": func(f *fixture) []call {
		made := f.rooms(concurrency, 1)
		_, invitees := f.roomCast()
		return calls(concurrency, func(i int) call {
			return call{http.MethodPost, rooms + "/" + made[i] + "/leave", invitees[0].Token, body(f.t, map[string]any{
				"kind": gamesv1.KindRoomLeaveRequest, "reason": "REALTIME_PEER_CONNECTION_FAILURE", "leaveDiagnostics": leaveDiagnostics()})}
		})
	},
	"RoomsDecline": func(f *fixture) []call {
		made := f.rooms(concurrency, 0)
		_, invitees := f.roomCast()
		return calls(concurrency, func(i int) call {
			return call{http.MethodPost, rooms + "/" + made[i] + "/decline", invitees[i%len(invitees)].Token, nil}
		})
	},
	"RoomsDismiss": func(f *fixture) []call {
		made := f.rooms(concurrency, 0)
		_, invitees := f.roomCast()
		return calls(concurrency, func(i int) call {
			return call{http.MethodPost, rooms + "/" + made[i] + "/dismiss", invitees[i%len(invitees)].Token, nil}
		})
	},
	// The last invitee is invited to rooms where all the others joined, with the largest
	// devices: more than a page of the largest rooms.
	"RoomsList": func(f *fixture) []call {
		f.rooms(fullPages, game.MaxPlayers-2)
		_, invitees := f.roomCast()
		last := invitees[len(invitees)-1]
		return calls(concurrency, func(int) call { return call{http.MethodGet, rooms + "?maxResults=500", last.Token, nil} })
	},
	"RoomsReportStatus": func(f *fixture) []call {
		made := f.rooms(concurrency, game.MaxPlayers-1)
		creator, _ := f.roomCast()
		var updates []map[string]any
		for i := 2; i <= game.MaxPlayers; i++ {
			updates = append(updates, map[string]any{"kind": gamesv1.KindRoomP2PStatus, "participantId": fmt.Sprintf("p_%d", i),
				"status": "CONNECTION_FAILED", "error": "P2P_FAILED", "error_reason": text(256), "connectionSetupLatencyMillis": 1,
				"unreliableRoundtripLatencyMillis": 1})
		}
		report := body(f.t, map[string]any{"kind": gamesv1.KindRoomP2PStatuses, "updates": updates})
		return calls(concurrency, func(i int) call {
			return call{http.MethodPost, rooms + "/" + made[i] + "/reportstatus", creator.Token, report}
		})
	},
}
