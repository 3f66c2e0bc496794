// Package rooms serves the Play Games v1 real-time rooms resource: one handler per method,
// each registered in the route table as its own entry point (RoomsCreate, RoomsGet, …).
//
// Every mutating handler is one Firestore transaction on the room document (see store), with the
// notifications it owes written to the outbox in that transaction and published after commit.
// The `language` query parameter is accepted; descriptions are in English.
package rooms

import (
	"context"
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
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
func roomID(r *http.Request) (string, error) {
	id := r.PathValue("roomId")
	if !room.ValidID(id) {
		return "", errs.E(errs.Invalid, "roomId", "%q is not a room ID", id)
	}
	return id, nil
}

// update runs rule on the room in the path in one transaction, delivers the notifications it
// owes, and returns the room as stored.
func (h *Handlers) update(ctx context.Context, r *http.Request, rule func(rm *room.Room) error) (*room.Room, error) {
	id, err := roomID(r)
	if err != nil {
		return nil, err
	}
	rm, notes, err := h.svc.Store.UpdateRoom(ctx, id, func(rm *room.Room) ([]notification.Notification, error) {
		return nil, rule(rm)
	})
	if err != nil {
		return nil, err
	}
	h.svc.Deliver(ctx, notes)
	return rm, nil
}
