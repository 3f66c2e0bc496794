package operations

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/store"
)

// SweepBatch is how many due games one query returns.
const SweepBatch = 100

// Swept reports a sweep: how many rooms, matches and sessions it changed.
type Swept struct {
	Rooms    int `json:"rooms"`
	Matches  int `json:"matches"`
	Sessions int `json:"sessions"`
}

// Sweep serves the sweeper: POST /operations/sweep. It finds the rooms and matches whose next
// timer has run out, and the sessions whose member initialization stage has (an indexed query on
// their deadline, in batches), and fires their timers, each in its own transaction with the
// notifications it owes. A game another sweep (or a player's call) already moved on is left as
// it is. (A session's other timers wait for its next read or write, as MPSD's do.)
func (h *Handlers) Sweep(w http.ResponseWriter, r *http.Request) error {
	res, err := h.sweep(r.Context(), h.svc.Time())
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, res)
	return nil
}

func (h *Handlers) sweep(ctx context.Context, now time.Time) (Swept, error) {
	ctx, cancel := context.WithTimeout(ctx, Budget)
	defer cancel()
	var res Swept
	var errMatches, errRooms error
	// a game counts when this sweep changed it: not when another sweep or a player got there first
	res.Matches, errMatches = h.sweepCollection(ctx, store.Matches, now, func(id string) (bool, error) {
		var changed bool
		_, notes, err := h.svc.Store.Matches().Update(ctx, id, func(m *match.Match) ([]notification.Notification, error) {
			before := m.StateVersion()
			notes := m.Expire(now)
			changed = m.StateVersion() != before
			return notes, nil
		})
		h.svc.Outbox.Deliver(ctx, notes)
		return err == nil && changed, err
	})
	res.Rooms, errRooms = h.sweepCollection(ctx, store.Rooms, now, func(id string) (bool, error) {
		var changed bool
		_, notes, err := h.svc.Store.Rooms().Update(ctx, id, func(rm *room.Room) ([]notification.Notification, error) {
			before := rm.StateVersion()
			notes := rm.Expire(now)
			changed = rm.StateVersion() != before
			return notes, nil
		})
		h.svc.Outbox.Deliver(ctx, notes)
		return err == nil && changed, err
	})
	var errSessions error
	res.Sessions, errSessions = h.sweepCollection(ctx, store.Sessions, now, func(key string) (bool, error) {
		ref, err := session.RefFromKey(key)
		if err != nil {
			return false, err
		}
		res, err := h.svc.Store.PutExistingSession(ctx, ref, now, func(stored *session.Session, _ *session.Template) (*session.Result, error) {
			return session.Refresh(stored, now, h.svc.Config.ApplicationID), nil
		})
		if err != nil {
			return false, err
		}
		h.svc.Outbox.Deliver(ctx, res.Notes)
		return res.Changed, nil
	})
	return res, errors.Join(errMatches, errRooms, errSessions)
}

// sweepCollection expires the collection's due games page by page, until none is left or the
// budget runs out. A game that fails is logged and passed over (the next pass tries it again);
// the first failure is returned once the rest are done.
func (h *Handlers) sweepCollection(ctx context.Context, collection string, now time.Time, expire func(id string) (bool, error)) (int, error) {
	total := 0
	var after *store.DueCursor
	var failed error
	for {
		page, err := h.svc.Store.DueGames(ctx, collection, h.svc.Config.ApplicationID, now, SweepBatch, after)
		if err != nil {
			return total, errors.Join(failed, err)
		}
		n, err := each(ctx, "sweeping "+collection, page.IDs, expire)
		total += n
		if failed == nil {
			failed = err
		}
		if page.Next == nil {
			return total, failed
		}
		after = page.Next
	}
}
