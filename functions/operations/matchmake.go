package operations

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/seating"
	"github.com/openplay-games/openplay/shared/store"
)

// MatchmakeBatch is how many waiting games of each kind one pass considers, youngest first.
const MatchmakeBatch = 200

// Matched reports a matchmaking pass: how many waiting players it moved into rooms and matches.
type Matched struct {
	Rooms   int `json:"rooms"`
	Matches int `json:"matches"`
}

// Matchmake serves the matcher: POST /operations/matchmake. Players who asked for a game at the
// same moment may each have made their own (a seed: see shared/match and shared/room), or filled
// several games partly. The matcher takes the application's games waiting for players, youngest
// first, and moves all the players of each one that is still a seed whose players have only
// joined into the game of their pool that they fill best (the fewest slots left open after them;
// the oldest of those), closing the seed. Each move is one transaction over both games, which
// re-checks them, so a pass may overlap a create or another pass.
func (h *Handlers) Matchmake(w http.ResponseWriter, r *http.Request) error {
	res, err := h.matchmake(r.Context(), h.svc.Time())
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, res)
	return nil
}

func (h *Handlers) matchmake(ctx context.Context, now time.Time) (Matched, error) {
	ctx, cancel := context.WithTimeout(ctx, Budget)
	defer cancel()
	var res Matched
	var errMatches, errRooms error
	res.Matches, errMatches = consolidate(ctx, h, games.Matches(h.svc.Store), now)
	res.Rooms, errRooms = consolidate(ctx, h, games.Rooms(h.svc.Store), now)
	return res, errors.Join(errMatches, errRooms)
}

// consolidate moves the players of each of the application's waiting games the matcher may move
// (see moveGame) and returns how many players it moved. One game that cannot be moved does not
// hold up the others.
func consolidate[G games.Game](ctx context.Context, h *Handlers, k games.Kind[G], now time.Time) (int, error) {
	waiting, err := k.Waiting(ctx, h.svc.Config.ApplicationID, MatchmakeBatch)
	if err != nil {
		return 0, err
	}
	moved := 0
	_, err = each(ctx, "moving a waiting game", waiting, func(g G) (bool, error) {
		n, err := moveGame(ctx, h, k, g, now)
		moved += n
		return n > 0, err
	})
	return moved, err
}

// moveGame moves the players of from, if the matcher may move them, into the waiting game of
// their pools they fill best, in one transaction over both games, and returns how many it moved.
// When no game takes them all, it moves some of them one by one into a fuller game that they
// fill (spill), and tries again with those left, so that games of four holding 3, 3 and 2
// become two full ones. A game no other takes stays for the next pass.
func moveGame[G games.Game](ctx context.Context, h *Handlers, k games.Kind[G], from G, now time.Time) (int, error) {
	moved := 0
	for {
		n, whole, err := moveOnce(ctx, h, k, from, now)
		moved += n
		if err != nil || n == 0 || whole {
			return moved, err
		}
		if from, err = k.Get(ctx, from.GameID()); err != nil {
			return moved, err
		}
	}
}

// moveOnce makes the best move the matcher may make with from's movers (games.Moves) that
// commits, and returns how many players it moved and whether that was all of them.
func moveOnce[G games.Game](ctx context.Context, h *Handlers, k games.Kind[G], from G, now time.Time) (int, bool, error) {
	app := h.svc.Config.ApplicationID
	movers := from.Movers(now)
	if len(movers) == 0 {
		return 0, false, nil
	}
	s := movers[0]
	candidates, err := k.Seeking(ctx, seating.Pools(app, s.Variant, s.Criteria), games.Candidates)
	if err != nil {
		return 0, false, err
	}
	for _, m := range games.Moves(k, app, from, candidates, now) {
		notes, err := k.Merge(ctx, from.GameID(), m.Into.GameID(), now, func(seed, into G) (store.Moved, error) {
			return k.Make(seed, app, into, m, now)
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
