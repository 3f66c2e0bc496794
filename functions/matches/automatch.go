package matches

import (
	"context"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/seating"
	"github.com/openplay-games/openplay/shared/store"
)

// candidates is how many waiting matches of the sizes they accept a create call tries, oldest
// first, before making its own.
const candidates = 50

// autoMatch finds a player auto-matching alone a match: the oldest waiting match of their pools
// that takes them (they join it, and play if the turn waits at their slot), or else their own
// match (a seed). One ticket per call (cmd.ID) makes a retry land in the same match.
func (h *Handlers) autoMatch(ctx context.Context, cmd match.Create, now time.Time) (*match.Match, error) {
	seeker := seating.Seeker{Player: cmd.Creator, Criteria: *cmd.AutoMatching, Variant: cmd.Variant}
	waiting, err := h.svc.Store.SeekingMatches(ctx, seating.Pools(cmd.ApplicationID, cmd.Variant, *cmd.AutoMatching), candidates)
	if err != nil {
		return nil, err
	}
	for _, c := range waiting {
		if c.Expire(now); c.CanPlace(cmd.ApplicationID, seeker) != nil {
			continue
		}
		placed, err := h.svc.Store.PlaceInMatch(ctx, cmd.ID, c.ID, now, func(m *match.Match) ([]notification.Notification, error) {
			expired := m.Expire(now)
			n, err := m.Place(cmd.ApplicationID, seeker, false, now)
			return append(expired, n...), err
		})
		if errs.Is(err, errs.Conflict) {
			continue // someone took the slot first
		}
		if err != nil {
			return nil, err
		}
		return h.settled(ctx, placed, now)
	}
	placed, err := h.svc.Store.SeedMatch(ctx, cmd.ID, now, func() (*match.Match, []notification.Notification, error) {
		m, err := match.New(cmd, now)
		return m, nil, err
	})
	if err != nil {
		return nil, err
	}
	return h.settled(ctx, placed, now)
}

// settled delivers what a placement owes and returns the match, which a retried call reads (with
// its lapsed timers applied).
func (h *Handlers) settled(ctx context.Context, p store.Placed[*match.Match], now time.Time) (*match.Match, error) {
	if p.Game == nil {
		g, err := h.svc.Store.Match(ctx, p.GameID)
		if err == nil {
			g.Expire(now)
		}
		return g, err
	}
	h.svc.Deliver(ctx, p.Notes)
	return p.Game, nil
}
