package operations

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/store"
)

// MatchmakeBatch is how many waiting games of each kind one pass considers, the most recently
// changed first.
const MatchmakeBatch = 200

// A scheduled call goes on passing for a while (?for=), since Cloud Scheduler calls at most once
// a minute and a crowd should settle in seconds. Its first pass considers every waiting game; the
// next, every MatchmakeEvery, only those that changed since the pass before began, less
// MatchmakeSkew: a call stamps its change with the time it began and commits it within its deadline
// (the scheduled minute's first pass catches a later one). The call ends as soon as a pass finds
// fewer than two games changed (a race takes two), so an idle minute costs two passes.
const (
	MatchmakeEvery = 2 * time.Second
	// MaxMatchmakeFor is the longest ?for= a call takes: it ends before the next scheduled
	// call and within a function's default 60 s timeout.
	MaxMatchmakeFor = 50 * time.Second
	MatchmakeSkew   = 10 * time.Second
)

// Matched reports a matchmaking call: how many waiting players it moved into rooms and matches,
// in how many passes.
type Matched struct {
	Rooms   int `json:"rooms"`
	Matches int `json:"matches"`
	Passes  int `json:"passes"`
}

// Matchmake serves the matcher: POST /operations/matchmake[?for=50s]. Players who asked for a
// game at the same moment may each have made their own (a seed: see shared/match and
// shared/room), or filled several games partly. A pass takes the application's games waiting for
// players, the most recently changed first, and moves the players of each one whose players have
// only joined where game.Moves puts them. Each move is one transaction over both games, which
// re-checks them, so a pass may overlap a create or another pass. With ?for=, the call passes
// again every MatchmakeEvery for that long (at most MaxMatchmakeFor) while games change.
func (h *Handlers) Matchmake(w http.ResponseWriter, r *http.Request) error {
	var repeat time.Duration
	if v := r.URL.Query().Get("for"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 || d > MaxMatchmakeFor {
			return errs.E(errs.Invalid, "for", "for must be a duration from 0s to %s, such as 50s", MaxMatchmakeFor)
		}
		repeat = d
	}
	res, err := h.matchmake(r.Context(), repeat)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, res)
	return nil
}

// matchmake passes over every waiting game, then, for up to repeat, over those changed since the
// pass before, every MatchmakeEvery, until a pass finds fewer than two.
func (h *Handlers) matchmake(ctx context.Context, repeat time.Duration) (Matched, error) {
	ctx, cancel := context.WithTimeout(ctx, max(Budget, repeat))
	defer cancel()
	began := time.Now()
	var res Matched
	var since time.Time // the first pass: every waiting game
	for {
		now := h.svc.Time()
		moved, seen, err := h.pass(ctx, since, now)
		res.Rooms, res.Matches, res.Passes = res.Rooms+moved.Rooms, res.Matches+moved.Matches, res.Passes+1
		if err != nil || (res.Passes > 1 && seen < 2) || time.Since(began)+MatchmakeEvery > repeat {
			return res, err
		}
		since = now.Add(-MatchmakeSkew)
		select {
		case <-ctx.Done():
			return res, nil
		case <-time.After(MatchmakeEvery):
		}
	}
}

// pass is one pass over both kinds' waiting games that changed at or after since: how many
// players it moved and how many games it read.
func (h *Handlers) pass(ctx context.Context, since, now time.Time) (Matched, int, error) {
	var res Matched
	matches, errMatches := consolidate(ctx, h, h.svc.Store.Matches(), since, now)
	rooms, errRooms := consolidate(ctx, h, h.svc.Store.Rooms(), since, now)
	res.Matches, res.Rooms = matches.moved, rooms.moved
	return res, matches.seen + rooms.seen, errors.Join(errMatches, errRooms)
}

// consolidated is what a pass did with one kind: the waiting games it read, the players it moved.
type consolidated struct{ seen, moved int }

// consolidate moves the players of each of the application's waiting games changed at or after
// since that the matcher may move (see moveGame). A pass over the changed games alone (since set)
// also tries the movable games of the pools where a game made since waits whose own players may
// not move (game.StuckPools): it may be where they can go now. One game that cannot be moved does
// not hold up the others.
func consolidate[G game.Game[G]](ctx context.Context, h *Handlers, kind store.Games[G], since, now time.Time) (consolidated, error) {
	waiting, err := kind.Waiting(ctx, h.svc.Config.ApplicationID, since, MatchmakeBatch)
	if err != nil {
		return consolidated{}, err
	}
	res := consolidated{seen: len(waiting)}
	if !since.IsZero() {
		unchanged, err := kind.Seeking(ctx, game.StuckPools(waiting, since, now), games.Candidates)
		if err != nil {
			return res, err
		}
		waiting = game.Also(waiting, unchanged)
	}
	_, err = each(ctx, "moving a waiting game", waiting, func(g G) (bool, error) {
		n, err := moveGame(ctx, h, kind, g, now)
		res.moved += n
		return n > 0, err
	})
	return res, err
}

// moveGame moves the players of from, if the matcher may move them, into the waiting game of
// their pools they fill best, in one transaction over both games, and returns how many it moved.
// When no game takes them all, it moves some of them one by one into a fuller game that they
// fill (spill), and tries again with those left, so that games of four holding 3, 3 and 2
// become two full ones. A game no other takes stays for the next pass.
func moveGame[G game.Game[G]](ctx context.Context, h *Handlers, kind store.Games[G], from G, now time.Time) (int, error) {
	moved := 0
	for {
		n, whole, err := moveOnce(ctx, h, kind, from, now)
		moved += n
		if err != nil || n == 0 || whole {
			return moved, err
		}
		if from, err = kind.Get(ctx, from.GameID()); err != nil {
			return moved, err
		}
	}
}

// moveOnce makes the best move the matcher may make with from's movers (game.Moves) that
// commits, and returns how many players it moved and whether that was all of them.
func moveOnce[G game.Game[G]](ctx context.Context, h *Handlers, kind store.Games[G], from G, now time.Time) (int, bool, error) {
	app := h.svc.Config.ApplicationID
	movers := from.Movers(now)
	if len(movers) == 0 {
		return 0, false, nil
	}
	s := movers[0]
	candidates, err := kind.Seeking(ctx, game.Pools(app, s.Variant, s.Criteria), games.Candidates)
	if err != nil {
		return 0, false, err
	}
	for _, m := range game.Moves(app, from, candidates, now) {
		notes, err := kind.Merge(ctx, from.GameID(), m.Into.GameID(), now, func(seed, into G) (game.Moved, error) {
			return m.Make(seed, app, into, now)
		})
		if errs.Is(err, errs.Conflict) {
			continue // one of the two changed since it was read
		}
		if err != nil {
			return 0, false, err
		}
		h.svc.Outbox.Deliver(ctx, notes)
		return m.N, m.Whole, nil
	}
	return 0, false, nil
}
