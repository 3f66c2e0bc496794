package games

import (
	"context"
	"time"

	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/ratelimit"
	"github.com/openplay-games/openplay/shared/service"
)

// Creation is what a create call settles before the kind's rule makes the game: the command's
// fields every kind has (the game's ID, the invited players, the application's timeouts, …),
// what inviting the players charges the creator (nil when they invite nobody), whether the
// creator auto-matches alone (see game.CreateRequest's Alone), and the time of the call.
type Creation struct {
	game.Create
	Invitations *ratelimit.Invitations
	Alone       bool
	Now         time.Time
}

// Maker is what a kind of game does in a create call.
type Maker[G game.Game[G]] struct {
	// New makes the game the call asks for, with the notifications it owes.
	New func() (G, []notification.Notification, error)
	// Join places the creator, auto-matching alone, in a waiting game.
	Join func(waiting G, s game.Seeker) ([]notification.Notification, error)
	// Seeding, when set, runs before an auto-matching creator whom no waiting game took gets a
	// game of their own (a seed, which New makes): rooms look up the pool's wait estimate.
	Seeding func(ctx context.Context) error
}

// Open makes the game a create call asks for: a creator auto-matching alone joins a waiting
// game or else gets a seed (see autoMatch); anyone else gets the game New makes, stored with
// what it owes (see create).
func Open[G game.Game[G]](ctx context.Context, res Resource[G], c Creation, m Maker[G]) (G, error) {
	if !c.Alone {
		return create(ctx, res, c, m.New)
	}
	return autoMatch(ctx, res, c, m)
}

// Prepare checks who the creator asks to play with and looks up the invitees, reads the
// application's settings, and names the game: at random, or by idFor from the requestId so that
// a retry lands on the same game (and is not charged again).
func Prepare(ctx context.Context, svc *service.Service, creator player.Profile, req game.CreateRequest,
	idFor func(applicationID, creatorID string, requestID int64) string) (Creation, error) {
	invitees, err := seats(ctx, svc.Auth, creator.ID, req.InviteeIDs, req.Auto)
	if err != nil {
		return Creation{}, err
	}
	settings, err := svc.Settings(ctx)
	if err != nil {
		return Creation{}, err
	}
	id := ids.Random()
	if req.RequestID != nil {
		id = idFor(svc.Config.ApplicationID, creator.ID, *req.RequestID)
	}
	c := Creation{Create: game.Create{ID: id, ApplicationID: svc.Config.ApplicationID, Creator: creator, Invitees: invitees,
		AutoMatching: req.Auto, Variant: req.Variant, Timeouts: settings.Timeouts}, Alone: req.Alone(), Now: svc.Time()}
	if len(invitees) > 0 {
		c.Invitations = &ratelimit.Invitations{Sender: creator.ID, To: req.InviteeIDs, Field: "invitedPlayerIds",
			Limits: settings.Limits.Invitations, Now: c.Now}
	}
	return c, nil
}

// create stores the game build makes at c.ID, in one transaction with the notifications it owes
// and the creator's invitation window, and delivers them. A retry gets the game the first call
// made.
func create[G game.Game[G]](ctx context.Context, res Resource[G], c Creation,
	build func() (G, []notification.Notification, error)) (G, error) {
	g, _, notes, err := res.kind.Create(ctx, c.ID, c.Invitations, build)
	if err != nil {
		var none G
		return none, err
	}
	res.svc.Outbox.Deliver(ctx, notes)
	g.Refresh(c.Now) // a retry may come after a timer lapsed
	return g, nil
}
