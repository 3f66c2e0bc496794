package sessions

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// Transfer handles (docs/sessions.md, Transfers). POST /handles with type transfer makes one
// from a session (the origin, say a lobby) to another (the target, say its game) for a caller
// who is a member of both; the members of the origin then read and join the target through
// GET and PUT /handles/{handleId}/session, which serve them as they serve an invited player once
// present has admitted them. The origin is read before the target, outside the target's
// transaction: a member who leaves the origin at that very moment may still get in.

// createTransfer serves POST /handles with type transfer: 201 with the handle. A missing target
// or origin, or a caller who is not a member of both (nor a server principal), is 403. It sends
// no notification and counts toward no invitation limit.
func (h *Handlers) createTransfer(w http.ResponseWriter, r *http.Request, body []byte) error {
	t, err := session.DecodeTransfer(body)
	if err != nil {
		return err
	}
	c, now, id := caller(r), h.svc.Time(), newHandleID(session.InHandles)
	made, err := h.svc.Store.CreateTransfer(r.Context(), t.Ref, t.Origin,
		func(s *session.Session) error { return t.BindTarget(s, c, now) },
		func(s *session.Session) error { return t.BindOrigin(s, c, now) },
		func() *session.Transfer { return t.Make(id, c, now) })
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusCreated, made.Render())
	return nil
}

// admitTransfer reads the origin of t and admits the caller to its target (session.Transfer.Admit):
// a stale handle is 404, a caller who is not a member of the origin 403.
func (h *Handlers) admitTransfer(r *http.Request, t *session.Transfer) (session.Caller, error) {
	origin, err := h.svc.Store.Session(r.Context(), t.Origin)
	if errs.Is(err, errs.NotFound) {
		origin, err = nil, nil // Admit answers that the handle is stale
	}
	if err != nil {
		return session.Caller{}, err
	}
	return t.Admit(caller(r), origin, h.svc.Time())
}

// canReadTransfer applies the read rule of t to c, who is no party to it: the origin is read
// first, and the target only if the origin does not let c in.
func (h *Handlers) canReadTransfer(r *http.Request, t *session.Transfer, c session.Caller) error {
	var err error
	for _, ref := range []session.Ref{t.Origin, t.Ref} {
		s, readErr := h.svc.Store.Session(r.Context(), ref)
		if errs.Is(readErr, errs.NotFound) {
			s, readErr = nil, nil // handles may outlive their sessions
		}
		if readErr != nil {
			return readErr
		}
		if err = t.CanRead(c, s, h.svc.Time()); err == nil {
			return nil
		}
	}
	return err
}
