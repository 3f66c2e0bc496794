package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/openplay-games/openplay/shared/auth"
	"github.com/openplay-games/openplay/shared/gamesv1"
)

// tb is the turn-based matches' path.
const tb = "/games/v1/turnbasedmatches"

// scenario is what one simulated group of players does again and again: a room's life, a
// turn-based game, a batch of events. size is the group's number of players.
type scenario struct {
	name string
	size int
	run  func(b *bench, ctx context.Context, rec *recorder, group []auth.Account) error
}

func (b *bench) scenarios() []scenario {
	return []scenario{
		{name: "rooms", size: b.cfg.roomSize, run: (*bench).roomLifecycle},
		{name: "matches", size: 2, run: (*bench).playMatch},
		{name: "events", size: 1, run: (*bench).recordEvents},
		{name: "sessions", size: b.cfg.lobbySize, run: (*bench).lobbyChurn},
		{name: "detours", size: 3, run: (*bench).detours},
	}
}

// outcome is how a scenario's lifecycles ended in one phase.
type outcome struct {
	Scenario  string
	Completed int
	Failed    int
	Errors    []string // the first few distinct failures
	Elapsed   time.Duration
}

// load runs sc on workers workers for d (a lifecycle under way at the deadline is finished),
// each worker with a group of players of its own, recording every call in rec.
func (b *bench) load(ctx context.Context, sc scenario, workers int, d time.Duration, rec *recorder) (outcome, error) {
	if err := b.players.ensure(ctx, sc.name, workers, sc.size); err != nil {
		return outcome{}, err
	}
	out := outcome{Scenario: sc.name}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for w := range workers {
		group := b.players.group(sc.name, w)
		wg.Go(func() {
			for time.Now().Before(deadline) && ctx.Err() == nil {
				err := sc.run(b, ctx, rec, group)
				mu.Lock()
				if err == nil {
					out.Completed++
				} else {
					out.Failed++
					if len(out.Errors) < 5 {
						out.Errors = append(out.Errors, err.Error())
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	out.Elapsed = time.Since(start)
	return out, ctx.Err()
}

// roomLifecycle: the first player creates a room inviting the others, they join, everyone
// reports being connected to everyone else until the room is active, and everyone leaves.
func (b *bench) roomLifecycle(ctx context.Context, rec *recorder, g []auth.Account) error {
	invited := make([]string, 0, len(g)-1)
	for _, p := range g[1:] {
		invited = append(invited, p.ID)
	}
	var room gamesv1.Room
	if err := b.client.call(ctx, rec, "RoomsCreate", g[0], http.MethodPost, "/games/v1/rooms/create",
		map[string]any{"invitedPlayerIds": invited, "requestId": b.requestID()}, &room); err != nil {
		return err
	}
	path := "/games/v1/rooms/" + room.RoomID
	for _, p := range g[1:] {
		if err := b.client.call(ctx, rec, "RoomsJoin", p, http.MethodPost, path+"/join", map[string]any{}, nil); err != nil {
			return err
		}
	}
	status, err := b.reportConnected(ctx, rec, room, g, nil)
	if err != nil {
		return err
	}
	if status != "ROOM_ACTIVE" {
		return fmt.Errorf("RoomsReportStatus: room %s is %s after everyone reported, want ROOM_ACTIVE", room.RoomID, status)
	}
	for _, p := range g {
		if err := b.client.call(ctx, rec, "RoomsLeave", p, http.MethodPost, path+"/leave", map[string]any{"reason": "PLAYER_LEFT"}, nil); err != nil {
			return err
		}
	}
	return nil
}

// reportConnected has each player of g report CONNECTION_ESTABLISHED with every other one,
// one after another, or all at once when start is not nil (closing it starts them). It returns
// the room status of the last answer.
func (b *bench) reportConnected(ctx context.Context, rec *recorder, room gamesv1.Room, g []auth.Account, start <-chan struct{}) (string, error) {
	ids := map[string]string{}
	for _, p := range room.Participants {
		if p.Player != nil {
			ids[p.Player.PlayerID] = p.ID
		}
	}
	report := func(p auth.Account) (string, error) {
		var updates []map[string]any
		for _, other := range g {
			if other.ID != p.ID {
				updates = append(updates, map[string]any{"participantId": ids[other.ID], "status": "CONNECTION_ESTABLISHED",
					"connectionSetupLatencyMillis": 20 + rand.IntN(60)})
			}
		}
		var status gamesv1.RoomStatus
		err := b.client.call(ctx, rec, "RoomsReportStatus", p, http.MethodPost, "/games/v1/rooms/"+room.RoomID+"/reportstatus",
			map[string]any{"updates": updates}, &status)
		return status.Status, err
	}
	if start == nil {
		var last string
		for _, p := range g {
			s, err := report(p)
			if err != nil {
				return "", err
			}
			last = s
		}
		return last, nil
	}
	errc := make(chan error, len(g))
	for _, p := range g {
		go func() {
			<-start
			_, err := report(p)
			errc <- err
		}()
	}
	var first error
	for range g {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return "", first
}

// playMatch: a two-player turn-based game played to completion: create, the first turn
// invites the opponent, who joins; turns alternate with match data of realistic size; the
// pending player finishes with the results and the other confirms them.
func (b *bench) playMatch(ctx context.Context, rec *recorder, g []auth.Account) error {
	m, ids, err := b.createMatch(ctx, rec, g[0], g[1:])
	if err != nil {
		return err
	}
	path := tb + "/" + m.MatchID
	for turn := range b.cfg.turns {
		me, next := g[turn%2], g[(turn+1)%2]
		if err := b.client.call(ctx, rec, "TurnBasedMatchesTakeTurn", me, http.MethodPut, path+"/turn", map[string]any{
			"matchVersion": m.MatchVersion, "pendingParticipantId": ids[next.ID], "data": map[string]any{"data": b.matchData()}}, &m); err != nil {
			return err
		}
		if turn == 0 { // the first turn invited the opponent
			if err := b.client.call(ctx, rec, "TurnBasedMatchesJoin", g[1], http.MethodPut, path+"/join", nil, nil); err != nil {
				return err
			}
		}
	}
	results := []map[string]any{{"participantId": ids[g[0].ID], "placing": 1, "result": "MATCH_RESULT_WIN"},
		{"participantId": ids[g[1].ID], "placing": 2, "result": "MATCH_RESULT_LOSS"}}
	finisher, other := g[b.cfg.turns%2], g[(b.cfg.turns+1)%2]
	if err := b.client.call(ctx, rec, "TurnBasedMatchesFinish", finisher, http.MethodPut, path+"/finish", map[string]any{
		"matchVersion": m.MatchVersion, "results": results, "data": map[string]any{"data": b.matchData()}}, &m); err != nil {
		return err
	}
	if err := b.client.call(ctx, rec, "TurnBasedMatchesFinish", other, http.MethodPut, path+"/finish",
		map[string]any{"matchVersion": m.MatchVersion, "results": results}, &m); err != nil {
		return err
	}
	if m.Status != "MATCH_COMPLETE" {
		return fmt.Errorf("TurnBasedMatchesFinish: match %s is %s, want MATCH_COMPLETE", m.MatchID, m.Status)
	}
	return nil
}

// matchData is base64 game state of a size between -data-min and -data-max.
func (b *bench) matchData() string {
	raw := make([]byte, b.cfg.dataMin+rand.IntN(b.cfg.dataMax-b.cfg.dataMin+1))
	for i := range raw {
		raw[i] = byte(rand.Uint32())
	}
	return base64.URLEncoding.EncodeToString(raw)
}

// recordEvents: one events.record batch: two consecutive one-minute periods that just ended,
// each counting every sample event once, all of which must be applied.
func (b *bench) recordEvents(ctx context.Context, rec *recorder, g []auth.Account) error {
	end := time.Now().UnixMilli()
	var periods []map[string]any
	for k := range int64(2) {
		var updates []map[string]any
		for _, id := range b.eventIDs {
			updates = append(updates, map[string]any{"definitionId": id, "updateCount": "1"})
		}
		periods = append(periods, map[string]any{"timePeriod": map[string]any{
			"periodStartMillis": strconv.FormatInt(end-(k+1)*60_000, 10), "periodEndMillis": strconv.FormatInt(end-k*60_000, 10)},
			"updates": updates})
	}
	var res gamesv1.EventUpdateResponse
	if err := b.client.call(ctx, rec, "EventsRecord", g[0], http.MethodPost, "/games/v1/events", map[string]any{
		"requestId": b.requestID(), "currentTimeMillis": strconv.FormatInt(end, 10), "timePeriods": periods}, &res); err != nil {
		return err
	}
	if len(res.BatchFailures) > 0 || len(res.EventFailures) > 0 {
		return fmt.Errorf("EventsRecord: not all applied: %+v %+v", res.BatchFailures, res.EventFailures)
	}
	return nil
}
