package main

import (
	"time"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/functions/operations"
	"github.com/openplay-games/openplay/shared/seating"
)

// matchmake is one pass of the matcher over one kind of game, as functions/operations/matchmake.go
// runs it: the waiting games, youngest first, up to operations.MatchmakeBatch, the players of
// each moved where games.Moves, the matcher's own rule, puts them.
func matchmake[G games.Game](w *world[G], now time.Time) {
	seeds := w.seedsYoungestFirst(operations.MatchmakeBatch)
	w.pass.query(len(seeds))
	moved := 0
	for _, seed := range seeds {
		moved += moveGame(w, seed, now)
	}
	w.matcher.observe(len(w.seeds), len(seeds), moved)
}

// moveGame moves the players of a waiting game as operations.moveGame does: the first of
// games.Moves, and after a spill again with the players left (read again); it counts what the
// store issues and returns how many players it moved.
func moveGame[G games.Game](w *world[G], from G, now time.Time) int {
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

// moveOnce makes the best move games.Moves finds for from's players among the waiting games of
// their pools, as operations.moveOnce does (in memory nothing changes between the read and the
// move, so the first commits), and returns how many players it moved and whether that was all.
func moveOnce[G games.Game](w *world[G], from G, now time.Time) (int, bool) {
	movers := from.Movers(now)
	if len(movers) == 0 {
		return 0, false
	}
	s := movers[0]
	st := w.stats(w.games[from.GameID()].size)
	candidates := w.seeking(seating.Pools(app, s.Variant, s.Criteria), games.Candidates, now)
	st.ops.query(len(candidates))
	moves := games.Moves(w.k.rules, app, from, candidates, now)
	if len(moves) == 0 {
		return 0, false
	}
	m := moves[0]
	moved, err := w.k.rules.Make(from, app, m.Into, m, now)
	if err != nil {
		panic(err) // Moves checked the two games, and nothing ran in between
	}
	// the two games; the two games and the ticket of each player moved (shared/store/automatch.go, merge)
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
