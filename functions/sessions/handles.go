package sessions

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/session"
)

// CreateHandle serves POST /handles with type invite: a member invites a player to the session;
// the invited player gets a SESSION_INVITE notification on openplay-invitations. 201 with the
// handle. Other handle types are not supported yet (400).
func (h *Handlers) CreateHandle(w http.ResponseWriter, r *http.Request) {
	err := contract(r)
	var body []byte
	if err == nil {
		body, err = httpapi.ReadBody(r)
	}
	var inv *session.Invite
	if err == nil {
		inv, err = session.DecodeInvite(body)
	}
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	c, now, id := caller(r), h.svc.Time(), newGUID()
	made, note, err := h.svc.Store.CreateInvite(r.Context(), inv.Ref, func(s *session.Session) (*session.Invite, notification.Notification, error) {
		return s.Invite(*inv, id, c, now, h.svc.Config.ApplicationID)
	})
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	h.svc.Deliver(r.Context(), []notification.Notification{note})
	httpapi.WriteJSON(w, r, http.StatusCreated, made.Render())
}
