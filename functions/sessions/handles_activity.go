package sessions

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// Activity handles: POST /handles with type activity sets the caller's current activity in a
// service config (replacing the one before), POST /handles/query with type activity reads the
// activities of some players. An activity is checked when it is read (session.Activity), so a
// session write never touches it. GET and DELETE /handles/{id} reach them by ID (handles_kept.go).

// createActivity serves POST /handles with type activity: an active member of the session makes
// it their activity; 201 with the handle as the query renders it.
func (h *Handlers) createActivity(w http.ResponseWriter, r *http.Request, body []byte) error {
	ref, err := session.DecodeActivity(body)
	if err != nil {
		return err
	}
	c, id, now := caller(r), newHandleID(session.InActivity), h.svc.Time()
	act, err := h.svc.Store.SetActivity(r.Context(), ref, c.ID, func(s *session.Session) (*session.Activity, error) {
		return s.SetActivity(id, c, now)
	})
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusCreated, act.Render())
	return nil
}

// queryActivities answers an activity query: each owner's activity that still holds, in the
// owners' order, read with its session one session at a time.
func (h *Handlers) queryActivities(w http.ResponseWriter, r *http.Request, body []byte) error {
	q, err := session.DecodeActivityQuery(body, r.URL.Query().Get("include"))
	if err != nil {
		return err
	}
	acts, err := h.svc.Store.Activities(r.Context(), q.SCID, q.Owners)
	if err != nil {
		return err
	}
	now, results := h.svc.Time(), []map[string]any{}
	for _, a := range acts {
		s, err := h.svc.Store.Session(r.Context(), a.Ref)
		if errs.Is(err, errs.NotFound) {
			s, err = nil, nil // its session is gone: the activity no longer holds
		}
		if err != nil {
			return err
		}
		if res, ok := q.Result(a, s, now); ok {
			results = append(results, res)
		}
	}
	httpapi.WriteJSON(w, r, http.StatusOK, map[string]any{"results": results})
	return nil
}
