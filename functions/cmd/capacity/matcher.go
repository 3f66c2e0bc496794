package main

import (
	"slices"
	"time"

	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/room"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/functions/operations"
)

// matchmake is one pass of the matcher over one kind of game, as functions/operations/matchmake.go
// runs it: the waiting games changed at or after since, the most recently changed first, up to
// operations.MatchmakeBatch, and after the first pass of a call the waiting games of the pools
// game.StuckPools names, the players of each moved where game.Moves, the matcher's own rule, puts
// them. It returns how many changed games the pass read.
func matchmake[G game.Game[G]](w *world[G], since, now time.Time) int {
	changed := w.waitingSince(since, operations.MatchmakeBatch)
	w.pass.query(len(changed))
	seeds := changed
	if pools := game.StuckPools(changed, since, now); !since.IsZero() && len(pools) > 0 {
		unchanged := w.seeking(pools, games.Candidates, now)
		w.pass.query(len(unchanged))
		seeds = game.Also(slices.Clip(changed), unchanged)
	}
	moved := 0
	for _, seed := range seeds {
		moved += moveGame(w, seed, now)
	}
	w.matcher.observe(len(w.seeds), len(changed), moved)
	return len(changed)
}

// matcherCall is one scheduled call of the matcher, as Cloud Scheduler makes it each minute with
// ?for=operations.MaxMatchmakeFor: a pass over every waiting game, then every
// operations.MatchmakeEvery a pass over those changed since the pass before (less
// operations.MatchmakeSkew), until a pass finds fewer than two or the time is up.
type matcherCall struct {
	began, next, since, last time.Time
	passes                   int
	over                     bool
}

// seconds is how long the call has run: from its first pass to its last. A call is billed for
// all of it (request-based billing allocates the instance's CPU while a request is in flight).
func (c *matcherCall) seconds() float64 { return c.last.Sub(c.began).Seconds() }

func newMatcherCall(at time.Time) *matcherCall { return &matcherCall{began: at, next: at} }

// until makes the passes due up to now, on both kinds (matches first, as the matcher does).
func (c *matcherCall) until(now time.Time, rooms *world[*room.Room], matches *world[*match.Match]) {
	for !c.over && !c.next.After(now) {
		at := c.next
		seen := matchmake(matches, c.since, at) + matchmake(rooms, c.since, at)
		c.passes++
		c.last, c.next, c.since = at, at.Add(operations.MatchmakeEvery), at.Add(-operations.MatchmakeSkew)
		c.over = (c.passes > 1 && seen < 2) || c.next.Sub(c.began) > operations.MaxMatchmakeFor
	}
}

// moveGame moves the players of a waiting game as operations.moveGame does: the first of
// game.Moves, and after a spill again with the players left (read again); it counts what the
// store issues and returns how many players it moved.
func moveGame[G game.Game[G]](w *world[G], from G, now time.Time) int {
	moved := 0
	for {
		n, whole := moveOnce(w, from, now)
		moved += n
		if n == 0 || whole {
			return moved
		}
		w.stats(w.games[from.GameID()].size).ops.read(1)
	}
}

// moveOnce makes the best move game.Moves finds for from's players among the waiting games of
// their pools, as operations.moveOnce does (in memory nothing changes between the read and the
// move, so the first commits), and returns how many players it moved and whether that was all.
func moveOnce[G game.Game[G]](w *world[G], from G, now time.Time) (int, bool) {
	movers := from.Movers(now)
	if len(movers) == 0 {
		return 0, false
	}
	s := movers[0]
	st := w.stats(w.games[from.GameID()].size)
	candidates := w.seeking(game.Pools(app, s.Variant, s.Criteria), games.Candidates, now)
	st.ops.query(len(candidates))
	moves := game.Moves(app, from, candidates, now)
	if len(moves) == 0 {
		return 0, false
	}
	m := moves[0]
	moved, err := m.Make(from, app, m.Into, now)
	if err != nil {
		panic(err) // Moves checked the two games, and nothing ran in between
	}
	// the two games; the two games and the ticket of each player moved (shared/store/automatch.go, Merge)
	st.ops.transaction(2, 2+m.N, moved.Notes)
	if m.Whole {
		w.merged(from, m.Into, now)
	} else {
		w.spilled(from, m.Into, m.N, now)
	}
	return m.N, m.Whole
}

// matcherLoad is what the matcher's passes met: the most seeds waiting at a pass, the passes that
// took a full batch (seeds beyond it wait for the next pass), and the most players one pass moved.
type matcherLoad struct {
	passes, fullPasses, mostSeeds, mostMoved int
}

func (m *matcherLoad) observe(pending, taken, moved int) {
	m.passes++
	m.mostSeeds = max(m.mostSeeds, pending)
	m.mostMoved = max(m.mostMoved, moved)
	if taken == operations.MatchmakeBatch {
		m.fullPasses++
	}
}
