package games

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// Rule is a game's rule applied by the caller me with the decoded command at now; it returns the
// notifications it owes (those of the timers that lapsed first included).
type Rule[G, C any] func(g G, me player.Profile, cmd C, now time.Time) ([]notification.Notification, error)

// Answer writes the response of a call that changed the game g.
type Answer[G any] func(w http.ResponseWriter, r *http.Request, g G) error

// Change is the path of every call that changes one room or match: the game the path names and
// the command decode reads from the body, the rule applied to it by the caller at the call's
// time in one transaction of the kind, the notifications it owes delivered, and answer's
// response with the game as stored.
func Change[G game.Game[G], C any](res Resource[G], w http.ResponseWriter, r *http.Request,
	decode func([]byte) (C, error), apply Rule[G, C], answer Answer[G]) error {
	id, err := res.ID(r)
	if err != nil {
		return err
	}
	cmd, err := httpapi.DecodeBody(r, decode)
	if err != nil {
		return err
	}
	ctx, me, now := r.Context(), httpapi.Player(r.Context()), res.svc.Time()
	g, notes, err := res.kind.Update(ctx, id, func(g G) ([]notification.Notification, error) {
		return apply(g, me, cmd, now)
	})
	if err != nil {
		return err
	}
	res.svc.Outbox.Deliver(ctx, notes)
	return answer(w, r, g)
}

// NoContent answers a call that changed a game and whose method has no response body: 204.
func NoContent[G any](w http.ResponseWriter, _ *http.Request, _ G) error {
	httpapi.NoContent(w)
	return nil
}

// NoBody decodes the body of a method that takes none: empty or {}.
func NoBody(body []byte) (struct{}, error) {
	return struct{}{}, httpapi.DecodeBytes(body, &struct{}{})
}
