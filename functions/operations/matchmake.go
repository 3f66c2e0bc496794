package operations

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/seating"
)

// MatchmakeBatch is how many seeds of each kind one pass considers, youngest first.
const MatchmakeBatch = 200

// Matched reports a matchmaking pass: how many waiting players it moved into rooms and matches.
type Matched struct {
	Rooms   int `json:"rooms"`
	Matches int `json:"matches"`
}

// Matchmake serves the matcher: POST /operations/matchmake. Players who asked for a game at the
// same moment may each have made their own (a seed: see shared/match and shared/room). The
// matcher takes the seeds, youngest first, and moves each one's player into the oldest
// compatible game of their pool waiting for a player, closing the seed. Each move is one
// transaction over both games, which re-checks them, so a pass may overlap a create or another
// pass.
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
	matches, errMatches := h.svc.Store.SeedMatches(ctx, h.svc.Config.ApplicationID, MatchmakeBatch)
	if errMatches == nil {
		res.Matches, errMatches = each(ctx, "moving a seed match", matches, func(seed *match.Match) (bool, error) {
			return moveSeed(ctx, h, games.Matches(h.svc.Store), seed, now)
		})
	}
	rooms, errRooms := h.svc.Store.SeedRooms(ctx, h.svc.Config.ApplicationID, MatchmakeBatch)
	if errRooms == nil {
		res.Rooms, errRooms = each(ctx, "moving a seed room", rooms, func(seed *room.Room) (bool, error) {
			return moveSeed(ctx, h, games.Rooms(h.svc.Store), seed, now)
		})
	}
	return res, errors.Join(errMatches, errRooms)
}

// moveSeed moves the player of a seed into the oldest game of its pool that takes them, in one
// transaction over both games. It reports whether it moved them; a seed no game takes stays for
// the next pass.
func moveSeed[G games.Game](ctx context.Context, h *Handlers, k games.Kind[G], seed G, now time.Time) (bool, error) {
	app := h.svc.Config.ApplicationID
	seed.Expire(now)
	s, ok := k.Seeker(seed)
	if !ok {
		return false, nil
	}
	waiting, err := k.Seeking(ctx, seating.Pools(app, s.Variant, s.Criteria), games.Candidates)
	if err != nil {
		return false, err
	}
	for _, into := range waiting {
		if into.GameID() == seed.GameID() || into.CanPlace(app, s) != nil {
			continue
		}
		notes, err := k.Merge(ctx, seed.GameID(), into.GameID(), now, func(seed, into G) ([]notification.Notification, error) {
			notes := append(seed.Expire(now), into.Expire(now)...)
			placed, err := k.MoveCreator(app, seed, into, now)
			if err != nil {
				return nil, err
			}
			return append(notes, placed...), seed.MergeInto(into.GameID(), now)
		})
		if errs.Is(err, errs.Conflict) {
			continue // one of the two changed since it was read
		}
		h.svc.Deliver(ctx, notes)
		return err == nil, err
	}
	return false, nil
}
