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

// Handles: invite handles here, transfer handles on the same routes with their own rules in
// transfer.go; search and activity handles, kept elsewhere (in their session, in the owner's
// activity), are read and deleted by ID through handles_kept.go. POST /handles makes one; GET
// and DELETE /handles/{handleId} read and delete it; GET and PUT /handles/{handleId}/session
// read and write its session, which is how an invited player accepts: the handle lets them read
// the session and join it as a reservation would (session.Caller.Invited). A handle reaches only
// the session it was made for: once that session is gone, or a new one was made under its name,
// the handle is stale (404 on the routes that reach the session). Handles are immutable, so the
// handle is read before the session's own read or transaction: two reads per call (plus the
// transaction of a read that finds a timer due, as in Get; a transfer handle's origin is a
// third).

// CreateHandle serves POST /handles with type invite: a member invites a player to the session;
// the invited player gets a SESSION_INVITE notification on openplay-invitations. 201 with the
// handle. A player's invites count toward their invitation limits (429 past them); a server
// principal's do not, as it acts for many players. Types transfer, activity and search are
// createTransfer's, createActivity's (handles_activity.go) and createSearch's (search.go); other
// handle types are not supported yet (400).
func (h *Handlers) CreateHandle(w http.ResponseWriter, r *http.Request) error {
	err := contract(r)
	var body []byte
	if err == nil {
		body, err = httpapi.ReadBody(r)
	}
	if err == nil {
		switch session.HandleType(body) {
		case "transfer":
			return h.createTransfer(w, r, body)
		case "activity":
			return h.createActivity(w, r, body)
		case "search":
			return h.createSearch(w, r, body)
		}
	}
	var inv *session.Invite
	if err == nil {
		inv, err = session.DecodeInvite(body)
	}
	c, now, id := caller(r), h.svc.Time(), newHandleID(session.InHandles)
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
	h.svc.Outbox.Deliver(r.Context(), []notification.Notification{note})
	httpapi.WriteJSON(w, r, http.StatusCreated, made.Render())
	return nil
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

// GetHandle serves GET /handles/{handleId}: the handle as POST /handles answered it (a search
// handle without what a query may include). An invite handle is for its sender, its invited
// player, members of its session (the one it was made for) and server principals (403
// otherwise; the session is read only for that check); a transfer handle's readers are its
// sender, members of either of its sessions and server principals. A search handle or an
// activity (getSearch, getActivity) is anyone's to read. An unknown or expired handle is 404.
func (h *Handlers) GetHandle(w http.ResponseWriter, r *http.Request) error {
	id, err := handleID(r)
	if err != nil {
		return err
	}
	return atEachPlace(id, func(place session.HandlePlace) error {
		switch place {
		case session.InSession:
			return h.getSearch(w, r, id)
		case session.InActivity:
			return h.getActivity(w, r, id)
		}
		return h.getStored(w, r, id)
	})
}

// getStored answers GET /handles/{handleId} for an invite or transfer handle.
func (h *Handlers) getStored(w http.ResponseWriter, r *http.Request, id string) error {
	hd, err := h.svc.Store.Handle(r.Context(), id)
	if err == nil {
		err = hd.Valid(h.svc.Time())
	}
	if c := caller(r); err == nil && !hd.Party(c) {
		err = h.canRead(r, hd, c)
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, hd.Render())
	return nil
}

// canRead applies the read rule of hd, which c is no party to, reading the sessions it needs.
func (h *Handlers) canRead(r *http.Request, hd session.Handle, c session.Caller) error {
	switch hd := hd.(type) {
	case *session.Invite:
		s, err := h.svc.Store.Session(r.Context(), hd.Ref)
		if errs.Is(err, errs.NotFound) {
			s, err = nil, nil // handles may outlive their session
		}
		if err != nil {
			return err
		}
		return hd.CanRead(c, s)
	case *session.Transfer:
		return h.canReadTransfer(r, hd, c)
	}
	return errs.E(errs.Internal, "handleId", "handle of type %T", hd)
}

// DeleteHandle serves DELETE /handles/{handleId}: 204 once deleted. An invite or transfer
// handle is deleted by its sender or a server principal, a search handle (deleteSearch) by who
// may make it, an activity (deleteActivity) by its owner or a server principal; anyone else
// gets 403, an unknown or expired handle 404. The handle is looked for where its ID says it is
// kept (atEachPlace) and deleted in one transaction, or, an activity, with one write on condition
// that it is unchanged since it was found.
func (h *Handlers) DeleteHandle(w http.ResponseWriter, r *http.Request) error {
	id, err := handleID(r)
	if err == nil {
		err = atEachPlace(id, func(place session.HandlePlace) error {
			switch place {
			case session.InSession:
				return h.deleteSearch(r, id)
			case session.InActivity:
				return h.deleteActivity(r, id)
			}
			return h.deleteStored(r, id)
		})
	}
	if err != nil {
		return err
	}
	httpapi.NoContent(w)
	return nil
}

// deleteStored deletes, for DELETE /handles/{handleId}, an invite or transfer handle that has
// not expired, for its sender or a server principal.
func (h *Handlers) deleteStored(r *http.Request, id string) error {
	c, now := caller(r), h.svc.Time()
	return h.svc.Store.DeleteHandle(r.Context(), id, func(hd session.Handle) error {
		if err := hd.Valid(now); err != nil {
			return err
		}
		return hd.CanDelete(c)
	})
}

// GetByHandle serves GET /handles/{handleId}/session: the handle's session exactly as GET on its
// path answers it, with Content-Location naming that path; a stale handle (its session gone or
// made anew) is 404. The invited player may read it even when it is private; anyone else follows
// the normal read rules. Through a transfer handle, only members of its origin (and server
// principals) get in, as an invited player does.
func (h *Handlers) GetByHandle(w http.ResponseWriter, r *http.Request) error {
	hd, err := h.handle(r)
	var c session.Caller
	if err == nil {
		c, err = h.present(r, hd)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Location", hd.Target().Path())
	return h.read(w, r, hd.Target(), c, hd)
}

// PutByHandle serves PUT /handles/{handleId}/session: a session PUT on the handle's session, with
// Content-Location naming its path. The invited player (through a transfer handle, a member of
// its origin) joins it as a reserved player would (a closed or locked session stays read-only:
// 403). The write never creates the session, nor reaches a new one made under its name: a stale
// handle is 404, as MPSD answers.
func (h *Handlers) PutByHandle(w http.ResponseWriter, r *http.Request) error {
	req, err := request(r, session.DecodeRequest)
	var hd session.Handle
	if err == nil {
		hd, err = h.handle(r)
	}
	var c session.Caller
	if err == nil {
		c, err = h.present(r, hd)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Location", hd.Target().Path())
	return h.apply(w, r, hd.Target(), c, req, session.Put{MustExist: true}, hd)
}

// present is the caller presenting hd to reach its session: who they are there.
func (h *Handlers) present(r *http.Request, hd session.Handle) (session.Caller, error) {
	switch hd := hd.(type) {
	case *session.Invite:
		return hd.Grant(caller(r)), nil
	case *session.Transfer:
		return h.admitTransfer(r, hd)
	}
	return session.Caller{}, errs.E(errs.Internal, "handleId", "handle of type %T", hd)
}

// handle reads the valid handle the path names: unknown and expired handles are 404.
func (h *Handlers) handle(r *http.Request) (session.Handle, error) {
	id, err := handleID(r)
	if err != nil {
		return nil, err
	}
	hd, err := h.svc.Store.Handle(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return hd, hd.Valid(h.svc.Time())
}
