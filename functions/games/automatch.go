package games

import (
	"context"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/store"
)

// Candidates is how many waiting games of the sizes they accept a player auto-matching alone
// tries, oldest first, before they make their own game (or, moved by the matcher, keep it).
const Candidates = 50

// autoMatch finds the creator of c, auto-matching alone, a game: the oldest waiting game of
// their pools that takes them, or else their own (a seed), which the matcher may still move.
// The call's ticket is c.ID (the ID its seed would have), so that a retry lands in the same game.
// Calls of one instance take turns per pool (the store's InstanceTurn), so each reads the
// waiting games after the call before it placed its player or made its seed, and joins that
// seed rather than making its own; a turn is a query and a transaction or two. A game another
// instance's call is changing (the store's conflict for contention) or that filled meanwhile is
// skipped for the next one at once, instead of backing off and retrying for it. What the
// placement owes is delivered after the turn.
func autoMatch[G game.Game[G]](ctx context.Context, res Resource[G], c Creation, m Maker[G]) (G, error) {
	var none G
	seeker := game.Seeker{Player: c.Creator, Criteria: *c.AutoMatching, Variant: c.Variant}
	pools := game.Pools(c.ApplicationID, seeker.Variant, seeker.Criteria)
	release, err := res.svc.Store.InstanceTurn(ctx, pools...)
	if err != nil {
		return none, err
	}
	placed, err := place(ctx, res, c, seeker, pools, m)
	release()
	if err != nil {
		return none, err
	}
	return settled(ctx, res, placed, c)
}

// place puts the seeker in the oldest waiting game of pools that takes them, or in a seed of
// their own.
func place[G game.Game[G]](ctx context.Context, res Resource[G], c Creation, seeker game.Seeker, pools []string, m Maker[G]) (store.Placed[G], error) {
	waiting, err := res.kind.Seeking(ctx, pools, Candidates)
	if err != nil {
		return store.Placed[G]{}, err
	}
	join := func(g G) ([]notification.Notification, error) { return m.Join(g, seeker) }
	for _, w := range waiting {
		if w.CanPlace(c.ApplicationID, seeker, c.Now) != nil {
			continue
		}
		placed, err := res.kind.PlaceIn(ctx, c.ID, seeker.Player.ID, w.GameID(), c.Now, join)
		if errs.Is(err, errs.Conflict) {
			continue // someone took the slot first, or holds the game now
		}
		return placed, err
	}
	if m.Seeding != nil {
		if err := m.Seeding(ctx); err != nil {
			return store.Placed[G]{}, err
		}
	}
	return res.kind.Seed(ctx, c.ID, c.Now, m.New)
}

// settled delivers what a placement owes and returns the game, which a retried call reads (as
// of now: see game.Game's Refresh).
func settled[G game.Game[G]](ctx context.Context, res Resource[G], p store.Placed[G], c Creation) (G, error) {
	var none G
	if p.Game == none {
		g, err := res.kind.Get(ctx, p.GameID)
		if err == nil {
			g.Refresh(c.Now)
		}
		return g, err
	}
	res.svc.Outbox.Deliver(ctx, p.Notes)
	return p.Game, nil
}
