package game

import (
	"slices"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
)

// Move is one way the matcher may move the players of a waiting game into Into: all its movers
// (Whole), or the last N of them when they spill.
type Move[G Game[G]] struct {
	Into  G
	N     int
	Whole bool
}

// Make applies m to seed and into as the move's transaction read them: every mover with
// MoveInto, or the last m.N with SpillInto (each re-checks the two games). Moves makes a move
// that is not whole only for a Spiller; for another kind it is a coded conflict.
func (m Move[G]) Make(seed G, applicationID string, into G, now time.Time) (Moved, error) {
	if m.Whole {
		return seed.MoveInto(applicationID, into, now)
	}
	spiller, ok := any(seed).(Spiller[G])
	if !ok {
		return Moved{}, errs.E(errs.Conflict, "id", "game %s moves only whole", seed.GameID())
	}
	return spiller.SpillInto(applicationID, into, m.N, now)
}

// Moves lists, best first, where the matcher may move the movers of from among candidates (the
// waiting games of their pools, oldest first, as read): first the games that take them all, the
// one they fill best first (the fewest slots left open after them; the oldest among equals);
// then, for a kind that spills (Spiller), the fuller games that take only some of them (Spill),
// the fullest first. Each move is re-checked in the transaction that makes it, so the caller
// tries them in order until one commits. The real matcher (functions/operations) and the
// capacity simulation both choose with it.
func Moves[G Game[G]](applicationID string, from G, candidates []G, now time.Time) []Move[G] {
	movers := from.Movers(now)
	if len(movers) == 0 {
		return nil
	}
	_, spills := any(from).(Spiller[G])
	var whole, spilled []Move[G]
	for _, into := range candidates {
		if into.GameID() == from.GameID() {
			continue
		}
		if takes(applicationID, into, movers, now) {
			whole = append(whole, Move[G]{Into: into, N: len(movers), Whole: true})
		} else if n := Spill(len(movers), from.Vacant(), into.Vacant()); n > 0 && spills &&
			takes(applicationID, into, movers[len(movers)-n:], now) {
			spilled = append(spilled, Move[G]{Into: into, N: n})
		}
	}
	fewestOpen := func(a, b Move[G]) int { return a.Into.Vacant() - b.Into.Vacant() }
	slices.SortStableFunc(whole, fewestOpen)
	slices.SortStableFunc(spilled, fewestOpen)
	return append(whole, spilled...)
}

// takes reports whether into, as read, has a slot for each of the movers.
func takes[G Game[G]](applicationID string, into G, movers []Seeker, now time.Time) bool {
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

// StuckPools are the pools of the games among changed, made at or after since, that can take
// players but whose own players may not move (someone connected or played, or invitations are
// pending): such a game is somewhere the movers of a game that did not change since may now go,
// and a pass that reads only the changed games would not see them. A game made before since was
// there for the pass that read every waiting game, and what can take its slots only shrinks
// (spilling frees slots only in a game whose players may move), so only new ones count. Each
// pool is listed once, in the order met.
func StuckPools[G Game[G]](changed []G, since, now time.Time) []string {
	var pools []string
	for _, g := range changed {
		if g.CreatedAt().Before(since) || len(g.Movers(now)) > 0 || g.Vacant() == 0 {
			continue
		}
		if pool := g.Pool(); pool != "" && !slices.Contains(pools, pool) {
			pools = append(pools, pool)
		}
	}
	return pools
}

// Also appends to games those of more that it does not hold yet (a game is known by its ID).
func Also[G Game[G]](games, more []G) []G {
	for _, g := range more {
		if !slices.ContainsFunc(games, func(h G) bool { return h.GameID() == g.GameID() }) {
			games = append(games, g)
		}
	}
	return games
}
