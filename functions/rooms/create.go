package rooms

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/gamesreq"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/room"
)

// Create serves rooms.create: POST /games/v1/rooms/create. The caller creates the room and is
// joined; each invited player gets an invitation notification. A caller auto-matching alone
// joins a compatible room waiting for players, if there is one (see autoMatch). With a
// requestId, a retry returns the room the first call made or joined.
func (h *Handlers) Create(w http.ResponseWriter, r *http.Request) {
	rm, err := h.create(r)
	answerRoom(w, r, rm, err)
}

func (h *Handlers) create(r *http.Request) (*room.Room, error) {
	me := httpapi.Player(r.Context())
	body, err := httpapi.ReadBody(r)
	if err != nil {
		return nil, err
	}
	req, err := decodeCreate(body)
	if err != nil {
		return nil, err
	}
	invitees, err := gamesreq.Seats(r.Context(), h.svc.Auth, me.ID, req.inviteeIDs, req.auto)
	if err != nil {
		return nil, err
	}
	settings, err := h.svc.Settings(r.Context())
	if err != nil {
		return nil, err
	}
	id := ids.Random()
	if req.requestID != nil {
		id = room.IDFor(h.svc.Config.ApplicationID, me.ID, *req.requestID)
	}
	now := h.svc.Time()
	cmd := room.Create{ID: id, ApplicationID: h.svc.Config.ApplicationID, Creator: me, Invitees: invitees,
		AutoMatching: req.auto, Variant: req.variant, Client: req.client, Timeouts: settings.Timeouts}
	if req.auto != nil && len(invitees) == 0 {
		return h.autoMatch(r.Context(), cmd, now)
	}
	rm, _, notes, err := h.svc.Store.CreateRoom(r.Context(), id, func() (*room.Room, []notification.Notification, error) {
		return room.New(cmd, now)
	})
	if err != nil {
		return nil, err
	}
	h.svc.Deliver(r.Context(), notes)
	rm.Expire(now) // a retry may come after a timer lapsed
	return rm, nil
}
