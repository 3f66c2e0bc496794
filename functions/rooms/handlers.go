// Package rooms serves the Play Games v1 real-time rooms resource: one handler per method,
// each registered in the route table as its own entry point (RoomsCreate, RoomsGet, …).
//
// Every mutating handler is one Firestore transaction on the room document (see store), with the
// notifications it owes written to the outbox in that transaction and published after commit.
// The `language` query parameter is accepted; descriptions are in English.
package rooms

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/gamesreq"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/service"
)

// Handlers serves the rooms methods for one instance.
type Handlers struct {
	svc *service.Service
}

// New returns the rooms handlers of svc.
func New(svc *service.Service) *Handlers { return &Handlers{svc: svc} }

// roomID reads and checks the {roomId} path parameter.
func roomID(r *http.Request) (string, error) { return gamesreq.GameID(r, "roomId", "room") }

// rule is a domain rule applied by the caller me with the decoded command at now.
type rule[C any] func(rm *room.Room, me player.Profile, cmd C, now time.Time) error

// change is the common path of the methods that change a room: decode the body, apply the rule
// to the room in the path in one transaction (with the status notifications the change owes the
// other participants), deliver the notifications, and return the room as stored.
func change[C any](h *Handlers, r *http.Request, decode func([]byte) (C, error), apply rule[C]) (*room.Room, error) {
	id, err := roomID(r)
	if err != nil {
		return nil, err
	}
	cmd, err := httpapi.DecodeBody(r, decode)
	if err != nil {
		return nil, err
	}
	me, now := httpapi.Player(r.Context()), h.svc.Time()
	rm, notes, err := h.svc.Store.UpdateRoom(r.Context(), id, func(rm *room.Room) ([]notification.Notification, error) {
		expired := rm.Expire(now) // lapsed timers fire first; stored with the change if it succeeds
		before := rm.Snapshot()
		if err := apply(rm, me, cmd, now); err != nil {
			return nil, err
		}
		return append(expired, rm.StatusNotifications(before, me.ID, now)...), nil
	})
	if err != nil {
		return nil, err
	}
	h.svc.Deliver(r.Context(), notes)
	return rm, nil
}

// noBody decodes the body of a method that takes none: empty or {}.
func noBody(body []byte) (struct{}, error) {
	return struct{}{}, httpapi.DecodeBytes(body, &struct{}{})
}

// answerRoom answers with the Room resource as the caller sees it, or with err.
func answerRoom(w http.ResponseWriter, r *http.Request, rm *room.Room, err error) {
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, renderRoom(rm, httpapi.Player(r.Context()).ID))
}
