package main

import (
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/game"
)

// world is one kind of game in memory: what Firestore would hold of it, as the auto-matching
// queries see it, and the simulation's own bookkeeping (who waits since when, what it cost).
type world[G game.Game[G]] struct {
	k        kind[G]
	timeouts application.Timeouts
	// visible is how long a create takes (the benchmark's p50): a seed is not in other creates'
	// queries until it is committed, so players asking within it of each other each make one.
	visible time.Duration
	pools   map[string][]entry[G] // waiting games of each pool, oldest first
	seeds   []entry[G]            // seeds, oldest first
	games   map[string]*waiting   // games not yet full, by ID
	bySize  map[int]*stats
	next    int // the next game ID
	// pass counts the matcher's own queries; matcher what its passes met.
	pass    ops
	matcher matcherLoad
}

type entry[G any] struct {
	g         G
	visibleAt time.Time
}

// waiting is a game still filling: when each of its players asked, when it was last written,
// and how many players it took in the current second (the per-document write rate).
type waiting struct {
	size     int
	arrivals []time.Time
	written  time.Time
	second   int64
	inSecond int
}

func newWorld[G game.Game[G]](k kind[G], t application.Timeouts, visible time.Duration) *world[G] {
	return &world[G]{k: k, timeouts: t, visible: visible, pools: map[string][]entry[G]{},
		games: map[string]*waiting{}, bySize: map[int]*stats{}}
}

func (w *world[G]) stats(size int) *stats {
	s, ok := w.bySize[size]
	if !ok {
		s = &stats{}
		w.bySize[size] = s
	}
	return s
}

// seeking is the store's SeekingX query: up to limit visible games of the pools waiting for a
// player, oldest first. It drops the games that stopped waiting from its lists as it goes.
func (w *world[G]) seeking(pools []string, limit int, now time.Time) []G {
	var found []entry[G]
	for _, p := range pools {
		list, kept, i := w.pools[p], w.pools[p][:0], 0
		for n := 0; i < len(list) && n < limit; i++ {
			if !w.k.state(list[i].g).seeking {
				continue
			}
			kept = append(kept, list[i])
			if !list[i].visibleAt.After(now) {
				found, n = append(found, list[i]), n+1
			}
		}
		w.pools[p] = append(kept, list[i:]...)
	}
	sort.SliceStable(found, func(a, b int) bool {
		return w.k.state(found[a].g).created.Before(w.k.state(found[b].g).created)
	})
	out := make([]G, 0, min(limit, len(found)))
	for _, e := range found[:min(limit, len(found))] {
		out = append(out, e.g)
	}
	return out
}

// waitingSince is the store's WaitingX query: up to limit of the games still waiting for players
// that changed at or after since, the most recently changed first.
func (w *world[G]) waitingSince(since time.Time, limit int) []G {
	kept := w.seeds[:0]
	for _, e := range w.seeds {
		if _, live := w.games[e.g.GameID()]; live && w.k.state(e.g).seeking {
			kept = append(kept, e)
		}
	}
	w.seeds = kept
	var changed []G // youngest first among games changed at the same moment
	for i := len(kept) - 1; i >= 0; i-- {
		if g := kept[i].g; !w.games[g.GameID()].written.Before(since) {
			changed = append(changed, g)
		}
	}
	slices.SortStableFunc(changed, func(a, b G) int {
		return w.games[b.GameID()].written.Compare(w.games[a.GameID()].written)
	})
	return changed[:min(limit, len(changed))]
}

// create is one create call by a player auto-matching alone, as games.Open runs it: the
// oldest waiting game of their pools that takes them, or else their own game (a seed). It counts
// what the store issues for it (shared/store/automatch.go).
//
// A placement writes the game only if nobody wrote it since the create read it; the simulation
// takes any write within a create's duration (visible) as such a one, so that placement fails
// (an aborted transaction: the game read outside it and the ticket and the document at the
// ticket's ID inside, nothing written) and the player goes on to the next candidate, as
// games.Open does. That is the worst case: calls of one instance take turns on a pool and
// never fail so, and the simulation does not know how many instances there are.
func (w *world[G]) create(s game.Seeker, size int, now time.Time) {
	st := w.stats(size)
	st.requests++
	st.ops.invocations++
	candidates := w.seeking(game.Pools(app, s.Variant, s.Criteria), games.Candidates, now)
	st.ops.query(len(candidates))
	for _, g := range candidates {
		if g.CanPlace(app, s, now) != nil {
			continue
		}
		if now.Sub(w.games[g.GameID()].written) < w.visible {
			st.contended++
			st.ops.transaction(3, 0, nil)
			continue
		}
		notes, err := w.k.join(g, s, now) // with what its lapsed timers owe
		if err != nil {
			panic(err) // CanPlace said it takes them, and nothing ran in between
		}
		// the ticket and the game at the ticket's ID (both missing), the game; the game and the ticket
		st.ops.transaction(3, 2, notes)
		w.placed(g, now, now)
		return
	}
	id := strconv.Itoa(w.next)
	w.next++
	g, notes, err := w.k.seed(id, s, w.timeouts, now)
	if err != nil {
		panic(err)
	}
	if w.k.waitEstimate {
		st.ops.query(min(st.seeds, waitSamples)) // the pool's last fills (store.RoomWaitEstimate)
	}
	st.ops.transaction(2, 2, notes) // the ticket and the game at its ID; the game and the ticket
	st.seeds++
	e := entry[G]{g: g, visibleAt: now.Add(w.visible)}
	pool := w.k.state(g).pool
	w.pools[pool] = append(w.pools[pool], e)
	w.seeds = append(w.seeds, e)
	w.games[g.GameID()] = &waiting{size: size, arrivals: []time.Time{now}, written: now}
}

// waitSamples is how many rooms of its pool a room's wait estimate reads (shared/store): the
// last to fill, then those that never did.
const waitSamples = 20

// placed records that players who asked at asked have slots in g now, in one write, and whether
// that filled it.
func (w *world[G]) placed(g G, now time.Time, asked ...time.Time) {
	wt := w.games[g.GameID()]
	wt.arrivals = append(wt.arrivals, asked...)
	st := w.stats(wt.size)
	wt.written = now
	if sec := now.Unix(); sec == wt.second {
		wt.inSecond++
	} else {
		wt.second, wt.inSecond = sec, 1
	}
	st.hottestGame = max(st.hottestGame, wt.inSecond)
	if w.k.state(g).openSlots > 0 {
		return
	}
	st.formed++
	for _, a := range wt.arrivals {
		st.waits = append(st.waits, float32(now.Sub(a).Seconds()))
	}
	delete(w.games, g.GameID())
}

// sweep fires the auto-match timers that ran out, as the sweeper does (one transaction per due
// game), and counts the players of the games it closed unfilled as stranded (a seeker asks for
// exactly size-1 others, so a game short of players does not go on).
func (w *world[G]) sweep(now time.Time) {
	for _, list := range w.pools {
		for _, e := range list {
			state := w.k.state(e.g)
			wt, open := w.games[e.g.GameID()]
			if !open || state.autoMatchClosesAt.After(now) {
				continue
			}
			st := w.stats(wt.size)
			st.ops.query(1)
			st.ops.transaction(1, 1, w.k.expire(e.g, now))
			st.stranded += len(wt.arrivals)
			delete(w.games, e.g.GameID())
		}
	}
}

// merged moves the bookkeeping of a game's players into the game they were moved to.
func (w *world[G]) merged(seed, into G, now time.Time) {
	from := w.games[seed.GameID()]
	delete(w.games, seed.GameID())
	w.stats(from.size).merges++
	w.placed(into, now, from.arrivals...)
}

// spilled moves the bookkeeping of the last n players of a game, who were moved out of it alone,
// into the game they were moved to.
func (w *world[G]) spilled(from, into G, n int, now time.Time) {
	wt := w.games[from.GameID()]
	moved := slices.Clone(wt.arrivals[len(wt.arrivals)-n:])
	wt.arrivals = wt.arrivals[:len(wt.arrivals)-n]
	w.stats(wt.size).spilled += n
	wt.written = now
	w.placed(into, now, moved...)
}

// stillWaiting counts, at the end, the players in games that have not filled.
func (w *world[G]) stillWaiting() {
	for _, wt := range w.games {
		w.stats(wt.size).waitingAtEnd += len(wt.arrivals)
	}
}
