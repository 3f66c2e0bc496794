package sessions

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// createSearch serves POST /handles with type search: a member (an owner, once the session has
// owners) or a server principal gives a searchable session its search handle, replacing the one
// it had. One transaction on the session, which holds the handle; the timers it finds due are
// applied and their shoulder taps sent. 201 with the handle as a query renders it with everything included; 404 when the
// session does not exist.
func (h *Handlers) createSearch(w http.ResponseWriter, r *http.Request, body []byte) error {
	sh, err := session.DecodeSearchHandle(body)
	if err != nil {
		return err
	}
	c, now, id := caller(r), h.svc.Time(), newHandleID(session.InSession)
	res, err := h.svc.Store.PutExistingSession(r.Context(), sh.Ref, now, func(stored *session.Session, _ *session.Template) (*session.Result, error) {
		return session.SetSearch(stored, *sh, id, c, now, h.svc.Config.ApplicationID)
	})
	if err != nil {
		return err
	}
	h.svc.Outbox.Deliver(r.Context(), res.Notes)
	httpapi.WriteJSON(w, r, http.StatusCreated, res.Session.RenderSearch(c.ID, session.SearchIncludes))
	return nil
}

// querySearch serves POST /handles/query with type search: the search handles of one template
// that pass the filter, in orderBy's order (newest first when it ties or is empty), as
// {"results": [...]}: at most session.MaxSearchResults, from the newest session.MaxSearchScan
// handles and session.MaxSearchBytes of stored sessions. Each is rendered from its live session
// (timers applied), with what ?include= names of relatedInfo, customProperties and roleInfo.
func (h *Handlers) querySearch(w http.ResponseWriter, r *http.Request, body []byte) error {
	q, err := session.DecodeSearchQuery(body, r.URL.Query().Get("include"))
	if err != nil {
		return err
	}
	results := q.Results(caller(r).ID)
	if err := h.svc.Store.QuerySearchHandles(r.Context(), q, h.svc.Time(), results.Add); err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, map[string]any{"results": results.List()})
	return nil
}
