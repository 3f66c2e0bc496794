package sessions

import (
	"context"
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/ratelimit"
	"github.com/openplay-games/openplay/shared/session"
)

// Invite handles. POST /handles makes one; GET and DELETE /handles/{handleId} read and delete
// it; GET and PUT /handles/{handleId}/session read and write its session, which is how an
// invited player accepts: the handle lets them read the session and join it as a reservation
// would (session.Caller.Invited). A handle reaches only the session it was made for: once that
// session is gone, or a new one was made under its name, the handle is stale (404 on the routes
// that reach the session). Handles are immutable, so the handle is read before the session's own
// read or transaction: two reads per call (plus the transaction of a read that finds a timer
// due, as in Get).

// CreateHandle serves POST /handles with type invite: a member invites a player to the session;
// the invited player gets a SESSION_INVITE notification on openplay-invitations. 201 with the
// handle. Type search is createSearch's (search.go); other types are not supported yet (400). A player's invites count toward their
// invitation limits (429 past them); a server principal's do not, as it acts for many players.
func (h *Handlers) CreateHandle(w http.ResponseWriter, r *http.Request) error {
	err := contract(r)
	var body []byte
	if err == nil {
		body, err = httpapi.ReadBody(r)
	}
	if err == nil && session.HandleType(body) == "search" {
		return h.createSearch(w, r, body)
	}
	var inv *session.Invite
	if err == nil {
		inv, err = session.DecodeInvite(body)
	}
	c, now, id := caller(r), h.svc.Time(), newGUID()
	var charge *ratelimit.Invitations
	if err == nil {
		charge, err = h.inviteCharge(r.Context(), c, inv.Invited, now)
	}
	if err != nil {
		return err
	}
	made, note, err := h.svc.Store.CreateInvite(r.Context(), inv.Ref, charge, func(s *session.Session) (*session.Invite, notification.Notification, error) {
		return s.Invite(*inv, id, c, now, h.svc.Config.ApplicationID)
	})
	if err != nil {
		return err
	}
	h.svc.Deliver(r.Context(), []notification.Notification{note})
	httpapi.WriteJSON(w, r, http.StatusCreated, made.Render())
	return nil
}

// QueryHandles serves POST /handles/query, by the body's type: search (querySearch, search.go).
// Other types are not supported yet (400).
func (h *Handlers) QueryHandles(w http.ResponseWriter, r *http.Request) error {
	err := contract(r)
	var body []byte
	if err == nil {
		body, err = httpapi.ReadBody(r)
	}
	if err != nil {
		return err
	}
	switch t := session.HandleType(body); t {
	case "search":
		return h.querySearch(w, r, body)
	default:
		return errs.E(errs.Invalid, "type", "handle query type %q is not supported yet (only search is)", t)
	}
}

// inviteCharge is what an invite from c to the player invited counts toward c's invitation
// limits: nothing for a server principal.
func (h *Handlers) inviteCharge(ctx context.Context, c session.Caller, invited string, now time.Time) (*ratelimit.Invitations, error) {
	if c.Server {
		return nil, nil
	}
	settings, err := h.svc.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return &ratelimit.Invitations{Sender: c.ID, To: []string{invited}, Field: "invitedXuid",
		Limits: settings.Limits.Invitations, Now: now}, nil
}

// GetHandle serves GET /handles/{handleId}: the handle as POST /handles answered it, to its
// sender, its invited player, members of its session (the one it was made for) and server
// principals (403 otherwise; the session is read only for that check). An unknown or expired
// handle is 404.
func (h *Handlers) GetHandle(w http.ResponseWriter, r *http.Request) error {
	c := caller(r)
	inv, err := h.handle(r)
	if err == nil && !inv.Party(c) {
		var s *session.Session
		s, err = h.svc.Store.Session(r.Context(), inv.Ref)
		if errs.Is(err, errs.NotFound) {
			s, err = nil, nil // handles may outlive their session
		}
		if err == nil {
			err = inv.CanRead(c, s)
		}
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, inv.Render())
	return nil
}

// DeleteHandle serves DELETE /handles/{handleId}: its sender or a server principal deletes it
// (204); anyone else gets 403, an unknown or expired handle 404.
func (h *Handlers) DeleteHandle(w http.ResponseWriter, r *http.Request) error {
	id, err := handleID(r)
	if err == nil {
		c, now := caller(r), h.svc.Time()
		err = h.svc.Store.DeleteInvite(r.Context(), id, func(inv *session.Invite) error {
			if err := inv.Valid(now); err != nil {
				return err
			}
			return inv.CanDelete(c)
		})
	}
	if err != nil {
		return err
	}
	httpapi.NoContent(w)
	return nil
}

// GetByHandle serves GET /handles/{handleId}/session: the handle's session exactly as GET on its
// path answers it, with Content-Location naming that path; a stale handle (its session gone or
// made anew) is 404. The invited player may read it even when it is private; anyone else follows
// the normal read rules.
func (h *Handlers) GetByHandle(w http.ResponseWriter, r *http.Request) error {
	inv, err := h.handle(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Location", inv.Ref.Path())
	return h.read(w, r, inv.Ref, inv.Grant(caller(r)), inv)
}

// PutByHandle serves PUT /handles/{handleId}/session: a session PUT on the handle's session, with
// Content-Location naming its path. The invited player joins it as a reserved player would (a
// closed or locked session stays read-only: 403). The write never creates the session, nor
// reaches a new one made under its name: a stale handle is 404, as MPSD answers.
func (h *Handlers) PutByHandle(w http.ResponseWriter, r *http.Request) error {
	req, err := request(r, session.DecodeRequest)
	var inv *session.Invite
	if err == nil {
		inv, err = h.handle(r)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Location", inv.Ref.Path())
	return h.apply(w, r, inv.Ref, inv.Grant(caller(r)), req, session.Put{MustExist: true}, inv)
}

// handle reads the valid handle the path names: unknown and expired handles are 404.
func (h *Handlers) handle(r *http.Request) (*session.Invite, error) {
	id, err := handleID(r)
	if err != nil {
		return nil, err
	}
	inv, err := h.svc.Store.Invite(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return inv, inv.Valid(h.svc.Time())
}
