package games

import (
	"context"
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/store"
)

// Rule is a game's rule applied by the caller me with the decoded command at now; it returns the
// notifications it owes (those of the timers that lapsed first included).
type Rule[G, C any] func(g G, me player.Profile, cmd C, now time.Time) ([]notification.Notification, error)

// Change is the path of every call that changes one room or match, once the handler has read the
// game's ID and the command: the rule applied to the game in one transaction of kind, by the
// caller at the call's time, the notifications it owes delivered, and the game as stored.
func Change[G game.Game[G], C any](ctx context.Context, svc *service.Service, kind store.Games[G], id string, cmd C, apply Rule[G, C]) (G, error) {
	me, now := httpapi.Player(ctx), svc.Time()
	g, notes, err := kind.Update(ctx, id, func(g G) ([]notification.Notification, error) {
		return apply(g, me, cmd, now)
	})
	if err != nil {
		var none G
		return none, err
	}
	svc.Outbox.Deliver(ctx, notes)
	return g, nil
}

// NoContent answers a call that changed a game and whose method has no response body: 204.
func NoContent[G any](w http.ResponseWriter, _ *http.Request, _ G) error {
	httpapi.NoContent(w)
	return nil
}
