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
	"github.com/openplay-games/openplay/shared/store"
)

// Creation is what a create call settles before the kind's rule makes the game: the command's
// fields every kind has (the game's ID, the invited players, the application's timeouts, …),
// what inviting the players charges the creator (nil when they invite nobody), and the time of
// the call.
type Creation struct {
	game.Create
	Invitations *ratelimit.Invitations
	Now         time.Time
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
		AutoMatching: req.Auto, Variant: req.Variant, Timeouts: settings.Timeouts}, Now: svc.Time()}
	if len(invitees) > 0 {
		c.Invitations = &ratelimit.Invitations{Sender: creator.ID, To: req.InviteeIDs, Field: "invitedPlayerIds",
			Limits: settings.Limits.Invitations, Now: c.Now}
	}
	return c, nil
}

// Create stores the game build makes at c.ID, in one transaction with the notifications it owes
// and the creator's invitation window, and delivers them. A retry gets the game the first call
// made.
func Create[G game.Game[G]](ctx context.Context, svc *service.Service, kind store.Games[G], c Creation,
	build func() (G, []notification.Notification, error)) (G, error) {
	g, _, notes, err := kind.Create(ctx, c.ID, c.Invitations, build)
	if err != nil {
		var none G
		return none, err
	}
	svc.Outbox.Deliver(ctx, notes)
	g.Refresh(c.Now) // a retry may come after a timer lapsed
	return g, nil
}
