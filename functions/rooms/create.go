package rooms

import (
	"net/http"
	"strconv"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/seating"
)

// Create serves rooms.create: POST /games/v1/rooms/create. The caller creates the room and is
// joined; each invited player gets an invitation notification. With a requestId, a retry returns
// the room the first call made.
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
	if err := seating.Check(me.ID, req.inviteeIDs, req.auto); err != nil {
		return nil, err
	}
	invitees, err := h.lookupInvitees(r, req.inviteeIDs)
	if err != nil {
		return nil, err
	}
	id := ids.Random()
	if req.requestID != nil {
		id = room.IDFor(h.svc.Config.ApplicationID, me.ID, *req.requestID)
	}
	now := h.svc.Time()
	rm, _, notes, err := h.svc.Store.CreateRoom(r.Context(), id, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{ID: id, ApplicationID: h.svc.Config.ApplicationID, Creator: me,
			Invitees: invitees, AutoMatching: req.auto, Variant: req.variant, Client: req.client}, now)
	})
	if err != nil {
		return nil, err
	}
	h.svc.Deliver(r.Context(), notes)
	return rm, nil
}

// lookupInvitees finds each invited player's profile; an ID that is no Firebase user is a 400.
func (h *Handlers) lookupInvitees(r *http.Request, ids []string) ([]player.Profile, error) {
	profiles, err := h.svc.Auth.Profiles(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	out := make([]player.Profile, len(ids))
	for i, id := range ids {
		p, ok := profiles[id]
		if !ok {
			return nil, errs.E(errs.Invalid, "invitedPlayerIds["+strconv.Itoa(i)+"]", "no player with ID %q", id)
		}
		out[i] = p
	}
	return out, nil
}
