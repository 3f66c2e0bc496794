package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/gamesv1"
)

// scenario is what one simulated group of size players does again and again.
type scenario struct {
	name string
	size int
	play func(b *bench, r *run, group []emulator.Account)
}

func (b *bench) scenarios() []scenario {
	return []scenario{
		{name: "rooms", size: b.cfg.RoomSize, play: (*bench).roomLifecycle},
		{name: "matches", size: 2, play: (*bench).playMatch},
		{name: "events", size: 1, play: (*bench).recordEvents},
		{name: "sessions", size: b.cfg.LobbySize, play: (*bench).lobbyChurn},
		{name: "detours", size: 3, play: (*bench).detours},
	}
}

// load runs sc on workers groups of players for d (a lifecycle under way at the deadline is
// finished), recording every call in rec, and says how the lifecycles ended.
func (b *bench) load(ctx context.Context, sc scenario, workers int, d time.Duration, rec *recorder) (string, error) {
	var mu sync.Mutex
	var completed, failed int
	var failures []string // the first few
	repeat(ctx, workers, d, func(w int) {
		r := b.client.run(ctx, rec)
		sc.play(b, r, b.players.group(sc.name, w))
		mu.Lock()
		defer mu.Unlock()
		if r.err == nil {
			completed++
		} else if failed++; len(failures) < 3 {
			failures = append(failures, r.err.Error())
		}
	})
	note := fmt.Sprintf("%s: %d lifecycles, %d failed", sc.name, completed, failed)
	if failed > 0 {
		note += fmt.Sprintf(" (%q)", failures)
	}
	return note, ctx.Err()
}

// playerIDs lists the players' IDs.
func playerIDs(g []emulator.Account) []string {
	out := make([]string, len(g))
	for i, p := range g {
		out[i] = p.ID
	}
	return out
}

// createRoom has g[0] create a room inviting the others of g, who join; it returns the room as
// created and its participant IDs by player.
func (b *bench) createRoom(r *run, g []emulator.Account) (gamesv1.Room, map[string]string) {
	var room gamesv1.Room
	r.call(g[0], "RoomsCreate", map[string]any{"invitedPlayerIds": playerIDs(g[1:]), "requestId": b.requestID()}, &room)
	for _, p := range g[1:] {
		r.call(p, "RoomsJoin", map[string]any{}, nil, "roomId", room.RoomID)
	}
	pids := map[string]string{}
	for _, p := range room.Participants {
		if p.Player != nil {
			pids[p.Player.PlayerID] = p.ID
		}
	}
	return room, pids
}

// roomLifecycle: the first player creates a room inviting the others, they join, the creator
// signals an offer to the first joiner, everyone reports being connected to everyone else until
// the room is active, and everyone leaves.
func (b *bench) roomLifecycle(r *run, g []emulator.Account) {
	room, pids := b.createRoom(r, g)
	r.call(g[0], "SignalsSend", map[string]any{"kind": "openplay#signalRequest", "to": pids[g[1].ID], "type": "offer", "seq": 1,
		"payload": "v=0\r\no=- 1 2 IN IP4 127.0.0.1"}, nil, "roomId", room.RoomID)
	var status string
	for _, p := range g {
		status = reportConnected(r, room.RoomID, pids, g, p)
	}
	r.check(status == "ROOM_ACTIVE", "RoomsReportStatus: room %s is %s after everyone reported, want ROOM_ACTIVE", room.RoomID, status)
	leaveRoom(r, room.RoomID, g)
}

func leaveRoom(r *run, roomID string, g []emulator.Account) {
	for _, p := range g {
		r.call(p, "RoomsLeave", map[string]any{"reason": "PLAYER_LEFT"}, nil, "roomId", roomID)
	}
}

// reportConnected has p report CONNECTION_ESTABLISHED with every other player of g and returns
// the room's status from the answer.
func reportConnected(r *run, roomID string, pids map[string]string, g []emulator.Account, p emulator.Account) string {
	var updates []map[string]any
	for _, other := range g {
		if other.ID != p.ID {
			updates = append(updates, map[string]any{"participantId": pids[other.ID], "status": "CONNECTION_ESTABLISHED",
				"connectionSetupLatencyMillis": 20 + rand.IntN(60)})
		}
	}
	var status gamesv1.RoomStatus
	r.call(p, "RoomsReportStatus", map[string]any{"updates": updates}, &status, "roomId", roomID)
	return status.Status
}

// createMatch has g[0] create a match inviting the others of g; it returns the match and its
// participant IDs by player.
func (b *bench) createMatch(r *run, g []emulator.Account) (*gamesv1.TurnBasedMatch, map[string]string) {
	var m gamesv1.TurnBasedMatch
	r.call(g[0], "TurnBasedMatchesCreate", map[string]any{"invitedPlayerIds": playerIDs(g[1:]), "requestId": b.requestID()}, &m)
	pids := map[string]string{}
	for _, p := range m.Participants {
		if p.Player != nil {
			pids[p.Player.PlayerID] = p.ID
		}
	}
	return &m, pids
}

// takeTurn has p pass the turn of m to next, with data unless it is empty.
func takeTurn(r *run, m *gamesv1.TurnBasedMatch, pids map[string]string, p, next emulator.Account, data string) {
	body := map[string]any{"matchVersion": m.MatchVersion, "pendingParticipantId": pids[next.ID]}
	if data != "" {
		body["data"] = map[string]any{"data": data}
	}
	r.call(p, "TurnBasedMatchesTakeTurn", body, m, "matchId", m.MatchID)
}

// finish has each of ps finish m, the first with data unless it is empty: g[0] won, g[1] lost.
func finish(r *run, m *gamesv1.TurnBasedMatch, pids map[string]string, g []emulator.Account, data string, ps ...emulator.Account) {
	results := []map[string]any{{"participantId": pids[g[0].ID], "placing": 1, "result": "MATCH_RESULT_WIN"},
		{"participantId": pids[g[1].ID], "placing": 2, "result": "MATCH_RESULT_LOSS"}}
	for i, p := range ps {
		body := map[string]any{"matchVersion": m.MatchVersion, "results": results}
		if i == 0 && data != "" {
			body["data"] = map[string]any{"data": data}
		}
		r.call(p, "TurnBasedMatchesFinish", body, m, "matchId", m.MatchID)
	}
}

// playMatch: a two-player turn-based game played to the end: the first turn invites the
// opponent, who joins; turns alternate with match data of realistic size; the pending player
// finishes with the results and the other confirms them.
func (b *bench) playMatch(r *run, g []emulator.Account) {
	m, pids := b.createMatch(r, g)
	for turn := range b.cfg.Turns {
		takeTurn(r, m, pids, g[turn%2], g[(turn+1)%2], b.matchData())
		if turn == 0 {
			r.call(g[1], "TurnBasedMatchesJoin", nil, nil, "matchId", m.MatchID)
		}
	}
	finish(r, m, pids, g, b.matchData(), g[b.cfg.Turns%2], g[(b.cfg.Turns+1)%2])
	r.check(m.Status == "MATCH_COMPLETE", "TurnBasedMatchesFinish: match %s is %s, want MATCH_COMPLETE", m.MatchID, m.Status)
}

// matchData is base64 game state of a size between -data-min and -data-max.
func (b *bench) matchData() string {
	raw := make([]byte, b.cfg.DataMin+rand.IntN(b.cfg.DataMax-b.cfg.DataMin+1))
	for i := range raw {
		raw[i] = byte(rand.Uint32())
	}
	return base64.URLEncoding.EncodeToString(raw)
}

// recordPeriods is how many one-minute periods an events.record batch reports.
const recordPeriods = 2

// recordEvents: one events.record batch: the periods that just ended, each counting every sample
// event once, all of which must be applied.
func (b *bench) recordEvents(r *run, g []emulator.Account) {
	end := time.Now().UnixMilli()
	var periods []map[string]any
	for k := range int64(recordPeriods) {
		var updates []map[string]any
		for _, id := range b.eventIDs {
			updates = append(updates, map[string]any{"definitionId": id, "updateCount": "1"})
		}
		periods = append(periods, map[string]any{"timePeriod": map[string]any{
			"periodStartMillis": strconv.FormatInt(end-(k+1)*60_000, 10), "periodEndMillis": strconv.FormatInt(end-k*60_000, 10)},
			"updates": updates})
	}
	var res gamesv1.EventUpdateResponse
	r.call(g[0], "EventsRecord", map[string]any{"requestId": b.requestID(), "currentTimeMillis": strconv.FormatInt(end, 10),
		"timePeriods": periods}, &res)
	r.check(len(res.BatchFailures)+len(res.EventFailures) == 0, "EventsRecord: not all applied: %+v %+v", res.BatchFailures, res.EventFailures)
}

// The MPSD lobby the sessions scenario churns: the sample template of infra/session-templates
// (an open lobby of up to 8), under its sample service config.
const (
	lobbyServiceConfig = "00000000-0000-0000-0000-000000000000"
	lobbyTemplate      = "lobby"
	activeMember       = `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
)

// lobby is the path parameters of a new lobby session.
func (b *bench) lobby() []string {
	return []string{"scid", lobbyServiceConfig, "template", lobbyTemplate, "name", "bench-" + b.requestID()}
}

// lobbyChurn: the first player creates a lobby session as an active member, the others join,
// each sets a member property, the host sets the session's properties, and everyone leaves (the
// last leave ends the session). Labels say which use of the session PUT each call is.
func (b *bench) lobbyChurn(r *run, g []emulator.Account) {
	session := b.lobby()
	r.call(g[0], "SessionsPut (create)", rawJSON(activeMember), nil, session...)
	for _, p := range g[1:] {
		r.call(p, "SessionsPut (join)", rawJSON(activeMember), nil, session...)
	}
	for i, p := range g {
		team := rawJSON(fmt.Sprintf(`{"members":{"me":{"properties":{"custom":{"team":%d}}}}}`, i%2))
		r.call(p, "SessionsPut (member properties)", team, nil, session...)
	}
	r.call(g[0], "SessionsPut (session properties)", rawJSON(`{"properties":{"system":{"keywords":["bench"]},"custom":{"map":"harbor","rounds":3}}}`),
		nil, session...)
	for i := len(g) - 1; i >= 0; i-- {
		r.call(g[i], "SessionsLeave", nil, nil, session...)
	}
}
