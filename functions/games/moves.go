package games

import (
	"slices"
	"time"

	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/store"
)

// Move is one way the matcher may move the players of a waiting game into Into: all its movers
// (Whole), or the last N of them when they spill.
type Move[G Game] struct {
	Into  G
	N     int
	Whole bool
}

// Make applies m to seed and into as the move's transaction read them: every mover with the
// kind's Move rule, or the last m.N with its Spill rule (each re-checks the two games).
func (k Kind[G]) Make(seed G, applicationID string, into G, m Move[G], now time.Time) (store.Moved, error) {
	if m.Whole {
		return k.Move(seed, applicationID, into, now)
	}
	return k.Spill(seed, applicationID, into, m.N, now)
}

// Moves lists, best first, where the matcher may move the movers of from among candidates (the
// waiting games of their pools, oldest first, as read): first the games that take them all, the
// one they fill best first (the fewest slots left open after them; the oldest among equals);
// then, for a kind that spills, the fuller games that take only some of them (game.Spill),
// the fullest first. Each move is re-checked in the transaction that makes it, so the caller
// tries them in order until one commits. The real matcher (functions/operations) and the
// capacity simulation both choose with it.
func Moves[G Game](k Kind[G], applicationID string, from G, candidates []G, now time.Time) []Move[G] {
	movers := from.Movers(now)
	if len(movers) == 0 {
		return nil
	}
	var whole, spills []Move[G]
	for _, into := range candidates {
		if into.GameID() == from.GameID() {
			continue
		}
		if takes(applicationID, into, movers, now) {
			whole = append(whole, Move[G]{Into: into, N: len(movers), Whole: true})
		} else if n := game.Spill(len(movers), from.Vacant(), into.Vacant()); n > 0 && k.Spill != nil &&
			takes(applicationID, into, movers[len(movers)-n:], now) {
			spills = append(spills, Move[G]{Into: into, N: n})
		}
	}
	fewestOpen := func(a, b Move[G]) int { return a.Into.Vacant() - b.Into.Vacant() }
	slices.SortStableFunc(whole, fewestOpen)
	slices.SortStableFunc(spills, fewestOpen)
	return append(whole, spills...)
}

// takes reports whether into, as read, has a slot for each of the movers.
func takes[G Game](applicationID string, into G, movers []game.Seeker, now time.Time) bool {
	if into.Vacant() < len(movers) {
		return false
	}
	for _, s := range movers {
		if into.CanPlace(applicationID, s, now) != nil {
			return false
		}
	}
	return true
}
