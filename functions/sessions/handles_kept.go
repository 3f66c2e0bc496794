package sessions

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// Handles kept outside sessionHandles: a search handle lives in its session's document, an
// activity in its owner's activity document. GET and DELETE /handles/{handleId} look for a
// handle where its ID says it is kept (session.HandlePlaces): a search handle is found with one
// indexed query on the sessions, an activity with one on the activities and its session read,
// so at most two reads. GET and PUT /handles/{handleId}/session do not reach them (404): neither
// grants anything, so their session is read and joined on its own path.

// atEachPlace runs do for each place the handle id may be kept, in turn, until one finds it:
// the place its ID names, or each place for an ID that names none (one made before IDs did).
// A handle is kept in one place only, so a 404 from one place sends it on to the next; from the
// last, it is the answer.
func atEachPlace(id string, do func(session.HandlePlace) error) error {
	var err error
	for _, place := range session.HandlePlaces(id) {
		if err = do(place); !errs.Is(err, errs.NotFound) {
			return err
		}
	}
	return err
}

// getSearch answers GET /handles/{handleId} for a search handle: the handle alone, from its
// live session, to any signed-in player, as the handle queries answer it.
func (h *Handlers) getSearch(w http.ResponseWriter, r *http.Request, id string) error {
	stored, err := h.svc.Store.SearchHandleSession(r.Context(), id)
	if err != nil {
		return err
	}
	s, err := session.FindSearch(stored, id, h.svc.Time())
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, s.RenderSearch(caller(r).ID, nil))
	return nil
}

// getActivity answers GET /handles/{handleId} for an activity that still holds, to any
// signed-in player, as the handle queries answer it.
func (h *Handlers) getActivity(w http.ResponseWriter, r *http.Request, id string) error {
	a, err := h.svc.Store.ActivityByID(r.Context(), id)
	if err != nil {
		return err
	}
	s, err := h.svc.Store.Session(r.Context(), a.Ref)
	if errs.Is(err, errs.NotFound) {
		s, err = nil, nil // the activity no longer holds: Find answers 404
	}
	if err == nil {
		err = a.Find(s, h.svc.Time())
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, a.Render())
	return nil
}

// deleteSearch deletes, for DELETE /handles/{handleId}, a search handle, for a member who has
// accepted, an owner once the session has owners, or a server principal: one transaction on its
// session, whose due timers it applies and whose taps it delivers, as making it does.
func (h *Handlers) deleteSearch(r *http.Request, id string) error {
	stored, err := h.svc.Store.SearchHandleSession(r.Context(), id)
	if err != nil {
		return err
	}
	c, now := caller(r), h.svc.Time()
	res, err := h.svc.Store.PutExistingSession(r.Context(), stored.Ref, now, func(stored *session.Session, _ *session.Template) (*session.Result, error) {
		return session.ClearSearch(stored, id, c, now, h.svc.Config.ApplicationID)
	})
	if err != nil {
		return err // a session that ended meanwhile no longer holds it: 404
	}
	h.svc.Outbox.Deliver(r.Context(), res.Notes)
	return nil
}

// deleteActivity deletes, for DELETE /handles/{handleId}, an activity, for its owner or a
// server principal: the activity's query and its session's read, then its delete on condition
// that it is unchanged since the query (Store.DeleteActivity).
func (h *Handlers) deleteActivity(r *http.Request, id string) error {
	c, now := caller(r), h.svc.Time()
	return h.svc.Store.DeleteActivity(r.Context(), id, func(a *session.Activity, s *session.Session) error {
		return a.Delete(c, s, now)
	})
}
