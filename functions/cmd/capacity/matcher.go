package main

import (
	"slices"
	"time"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/functions/operations"
	"github.com/openplay-games/openplay/shared/seating"
)

// matchmake is one pass of the matcher over one kind of game, as functions/operations/matchmake.go
// runs it: the waiting games, youngest first, up to operations.MatchmakeBatch, each whose players
// may move moved whole into the game of their pool they fill best, in one transaction over both
// games. This is the one place the simulation follows the matcher's rules: when they change,
// change it here.
func matchmake[G games.Game](w *world[G], now time.Time) {
	seeds := w.seedsYoungestFirst(operations.MatchmakeBatch)
	w.pass.query(len(seeds))
	moved := 0
	for _, seed := range seeds {
		moved += moveGame(w, seed, now)
	}
	w.matcher.observe(len(w.seeds), len(seeds), moved)
}

// moveGame moves the players of a waiting game, if the matcher may move them, into the waiting
// game of their pool with the fewest slots left after them (the oldest among equals), as
// operations.moveGame does; it counts what the store issues and returns how many it moved.
func moveGame[G games.Game](w *world[G], seed G, now time.Time) int {
	movers := seed.Movers(now)
	if len(movers) == 0 {
		return 0
	}
	s := movers[0]
	st := w.stats(w.games[seed.GameID()].size)
	candidates := w.seeking(seating.Pools(app, s.Variant, s.Criteria), games.Candidates, now)
	st.ops.query(len(candidates))
	var fits []G
	for _, into := range candidates {
		if into.GameID() != seed.GameID() && takes(into, movers, now) {
			fits = append(fits, into)
		}
	}
	if len(fits) == 0 {
		return 0
	}
	slices.SortStableFunc(fits, func(a, b G) int { return a.Vacant() - b.Vacant() })
	into := fits[0]
	moved, err := w.k.rules.Move(seed, app, into, now)
	if err != nil {
		panic(err) // every mover fits, and nothing ran in between
	}
	notes := moved.Notes
	// the two games; the two games and the ticket of each mover (shared/store/automatch.go, merge)
	st.ops.transaction(2, 2+len(movers), notes)
	w.merged(seed, into, now)
	return len(movers)
}

// takes reports whether into has a slot for each of the movers.
func takes[G games.Game](into G, movers []seating.Seeker, now time.Time) bool {
	if into.Vacant() < len(movers) {
		return false
	}
	for _, s := range movers {
		if into.CanPlace(app, s, now) != nil {
			return false
		}
	}
	return true
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
