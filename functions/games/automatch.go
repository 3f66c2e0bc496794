package games

import (
	"context"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/store"
)

// Candidates is how many waiting games of the sizes they accept a player auto-matching alone
// tries, oldest first, before they make their own game (or, moved by the matcher, keep it).
const Candidates = 50

// Ticket is one create call auto-matching alone. ID is the call's ticket (the ID its seed would
// have), so that a retry lands in the same game. Join places the seeker in a waiting game; Seed
// stores their own game when none takes them.
type Ticket[G game.Game[G]] struct {
	ID     string
	Seeker game.Seeker
	Join   func(waiting G) ([]notification.Notification, error)
	Seed   func() (store.Placed[G], error)
}

// AutoMatch finds the ticket's player a game: the oldest waiting game of their pools that takes
// them, or else their own (a seed), which the matcher may still move. Calls of one instance take
// turns per pool (the store's InstanceTurn), so each reads the waiting games after the call
// before it placed its player or made its seed, and joins that seed rather than making its own;
// a turn is a query and a transaction or two. A game another instance's call is changing (the
// store's conflict for contention) or that filled meanwhile is skipped for the next one at once,
// instead of backing off and retrying for it. What the placement owes is delivered after the
// turn.
func AutoMatch[G game.Game[G]](ctx context.Context, svc *service.Service, kind store.Games[G], t Ticket[G], now time.Time) (G, error) {
	var none G
	pools := game.Pools(svc.Config.ApplicationID, t.Seeker.Variant, t.Seeker.Criteria)
	release, err := svc.Store.InstanceTurn(ctx, pools...)
	if err != nil {
		return none, err
	}
	placed, err := place(ctx, svc, kind, t, pools, now)
	release()
	if err != nil {
		return none, err
	}
	return settled(ctx, svc, kind, placed, now)
}

// place puts the ticket's player in the oldest waiting game of pools that takes them, or in a
// seed of their own.
func place[G game.Game[G]](ctx context.Context, svc *service.Service, kind store.Games[G], t Ticket[G], pools []string, now time.Time) (store.Placed[G], error) {
	waiting, err := kind.Seeking(ctx, pools, Candidates)
	if err != nil {
		return store.Placed[G]{}, err
	}
	for _, c := range waiting {
		if c.CanPlace(svc.Config.ApplicationID, t.Seeker, now) != nil {
			continue
		}
		placed, err := kind.PlaceIn(ctx, t.ID, t.Seeker.Player.ID, c.GameID(), now, t.Join)
		if errs.Is(err, errs.Conflict) {
			continue // someone took the slot first, or holds the game now
		}
		return placed, err
	}
	return t.Seed()
}

// settled delivers what a placement owes and returns the game, which a retried call reads (as
// of now: see game.Game's Refresh).
func settled[G game.Game[G]](ctx context.Context, svc *service.Service, kind store.Games[G], p store.Placed[G], now time.Time) (G, error) {
	var none G
	if p.Game == none {
		g, err := kind.Get(ctx, p.GameID)
		if err == nil {
			g.Refresh(now)
		}
		return g, err
	}
	svc.Outbox.Deliver(ctx, p.Notes)
	return p.Game, nil
}
