package matches

import (
	"context"
	"time"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/seating"
	"github.com/openplay-games/openplay/shared/store"
)

// autoMatch finds a player auto-matching alone a match: the oldest waiting match of their pools
// that takes them (they join it, and play if the turn waits at their slot), or else their own
// match (a seed). One ticket per call (cmd.ID) makes a retry land in the same match.
func (h *Handlers) autoMatch(ctx context.Context, cmd match.Create, now time.Time) (*match.Match, error) {
	seeker := seating.Seeker{Player: cmd.Creator, Criteria: *cmd.AutoMatching, Variant: cmd.Variant}
	return games.AutoMatch(ctx, h.svc, games.Matches(h.svc.Store), games.Ticket[*match.Match]{ID: cmd.ID, Seeker: seeker,
		Join: func(m *match.Match) ([]notification.Notification, error) {
			return m.Place(cmd.ApplicationID, seeker, false, now)
		},
		Seed: func() (store.Placed[*match.Match], error) {
			return h.svc.Store.SeedMatch(ctx, cmd.ID, now, func() (*match.Match, []notification.Notification, error) {
				m, err := match.New(cmd, now)
				return m, nil, err
			})
		},
	}, now)
}
