package sessions

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// Handles kept outside sessionHandles: a search handle lives in its session's document, an
// activity in its owner's activity document. GET and DELETE /handles/{handleId} reach them by
// ID once the ID names no invite or transfer handle: first the session holding a search handle
// of that ID, then an activity of that ID, each one indexed query. GET and PUT
// /handles/{handleId}/session do not reach them (404): neither grants anything, so their session
// is read and joined on its own path.

// getKept answers GET /handles/{handleId} for a search handle (the handle alone, from its live
// session) or an activity that still holds, to any signed-in player, as the handle queries
// answer them.
func (h *Handlers) getKept(w http.ResponseWriter, r *http.Request, id string) error {
	now := h.svc.Time()
	stored, err := h.svc.Store.SearchHandleSession(r.Context(), id)
	if err == nil {
		s, err := session.FindSearch(stored, id, now)
		if err != nil {
			return err
		}
		httpapi.WriteJSON(w, r, http.StatusOK, s.RenderSearch(caller(r).ID, nil))
		return nil
	}
	if !errs.Is(err, errs.NotFound) {
		return err
	}
	a, err := h.svc.Store.ActivityByID(r.Context(), id)
	if err != nil {
		return err
	}
	s, err := h.svc.Store.Session(r.Context(), a.Ref)
	if errs.Is(err, errs.NotFound) {
		s, err = nil, nil // the activity no longer holds: Find answers 404
	}
	if err == nil {
		err = a.Find(s, now)
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, a.Render())
	return nil
}

// deleteKept deletes, for DELETE /handles/{handleId}, a search handle (a member who has
// accepted, an owner once the session has owners, or a server principal: one transaction on its
// session, whose due timers it applies and whose taps it delivers, as making it does) or an
// activity (its owner or a server principal: one transaction on the activity).
func (h *Handlers) deleteKept(r *http.Request, id string) error {
	c, now := caller(r), h.svc.Time()
	stored, err := h.svc.Store.SearchHandleSession(r.Context(), id)
	if err == nil {
		res, err := h.svc.Store.PutExistingSession(r.Context(), stored.Ref, now, func(stored *session.Session, _ *session.Template) (*session.Result, error) {
			return session.ClearSearch(stored, id, c, now, h.svc.Config.ApplicationID)
		})
		if err != nil {
			return err // a session that ended meanwhile no longer holds it: 404
		}
		h.svc.Outbox.Deliver(r.Context(), res.Notes)
		return nil
	}
	if !errs.Is(err, errs.NotFound) {
		return err
	}
	a, err := h.svc.Store.ActivityByID(r.Context(), id)
	if err != nil {
		return err
	}
	return h.svc.Store.DeleteActivity(r.Context(), a, func(s *session.Session) error { return a.Delete(c, s, now) })
}
