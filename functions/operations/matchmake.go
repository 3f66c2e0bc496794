package operations

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/seating"
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
// A game no other takes stays for the next pass.
func moveGame[G games.Game](ctx context.Context, h *Handlers, k games.Kind[G], from G, now time.Time) (int, error) {
	app := h.svc.Config.ApplicationID
	movers := from.Movers(now)
	if len(movers) == 0 {
		return 0, nil
	}
	s := movers[0]
	candidates, err := k.Seeking(ctx, seating.Pools(app, s.Variant, s.Criteria), games.Candidates)
	if err != nil {
		return 0, err
	}
	fits := make([]G, 0, len(candidates))
	for _, into := range candidates {
		if into.GameID() != from.GameID() && takes(app, into, movers, now) {
			fits = append(fits, into)
		}
	}
	// the fewest slots left open first; the oldest first among equals (Seeking's order)
	slices.SortStableFunc(fits, func(a, b G) int { return a.Vacant() - b.Vacant() })
	for _, into := range fits {
		notes, err := k.Merge(ctx, from.GameID(), into.GameID(), now, func(seed, into G) ([]notification.Notification, error) {
			return k.Move(seed, app, into, now)
		})
		if errs.Is(err, errs.Conflict) {
			continue // one of the two changed since it was read
		}
		if err != nil {
			return 0, err
		}
		h.svc.Outbox.Deliver(ctx, notes)
		return len(movers), nil
	}
	return 0, nil
}

// takes reports whether into, as read, has a slot for each of the movers (the move's transaction
// checks them together).
func takes[G games.Game](applicationID string, into G, movers []seating.Seeker, now time.Time) bool {
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
