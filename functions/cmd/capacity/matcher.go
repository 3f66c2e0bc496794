package main

import (
	"time"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/functions/operations"
	"github.com/openplay-games/openplay/shared/seating"
)

// matchmake is one pass of the matcher over one kind of game, as functions/operations/matchmake.go
// runs it: the seeds, youngest first, up to operations.MatchmakeBatch, each moved into the
// oldest game of its pool that takes its player, in one transaction over both games. This is
// the one place the simulation follows the matcher's rules: when they change, change it here.
func matchmake[G games.Game](w *world[G], now time.Time) {
	seeds := w.seedsYoungestFirst(operations.MatchmakeBatch)
	w.pass.query(len(seeds))
	moved := 0
	for _, seed := range seeds {
		if moveSeed(w, seed, now) {
			moved++
		}
	}
	w.matcher.observe(len(w.seeds), len(seeds), moved)
}

// moveSeed moves the player of a seed into the oldest game of its pool that takes them, as
// operations.moveSeed does, and counts what the store issues for it.
func moveSeed[G games.Game](w *world[G], seed G, now time.Time) bool {
	seed.Expire(now)
	s, ok := w.k.rules.Seeker(seed)
	if !ok {
		return false
	}
	st := w.stats(w.games[seed.GameID()].size)
	candidates := w.seeking(seating.Pools(app, s.Variant, s.Criteria), games.Candidates, now)
	st.ops.query(len(candidates))
	for _, into := range candidates {
		if into.GameID() == seed.GameID() || into.CanPlace(app, s) != nil {
			continue
		}
		notes := append(seed.Expire(now), into.Expire(now)...)
		placed, err := w.k.rules.MoveCreator(app, seed, into, now)
		if err != nil {
			panic(err) // CanPlace said the game takes them, and nothing ran in between
		}
		if err := seed.MergeInto(into.GameID(), now); err != nil {
			panic(err)
		}
		// the two games; the two games and the seed's ticket (shared/store/automatch.go, merge)
		st.ops.transaction(2, 3, append(notes, placed...))
		w.merged(seed, into, now)
		return true
	}
	return false
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
