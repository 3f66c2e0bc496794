package sessions

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// Get serves GET /serviceconfigs/{scid}/sessionTemplates/{template}/sessions/{name}: the
// session as the caller may see it, 204 when there is none, 304 when If-None-Match names its
// current ETag. Timers that have fired are applied first (a write), as MPSD evaluates them
// lazily before serving a read.
func (h *Handlers) Get(w http.ResponseWriter, r *http.Request) {
	ref, err := ref(r)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	h.read(w, r, ref, caller(r), nil)
}

// read answers the session ref as c may see it (see Get). A read through a handle (via; nil
// otherwise) reaches only the session the handle was made for.
func (h *Handlers) read(w http.ResponseWriter, r *http.Request, ref session.Ref, c session.Caller, via *session.Invite) {
	now := h.svc.Time()
	s, err := h.svc.Store.Session(r.Context(), ref)
	if errs.Is(err, errs.NotFound) {
		s, err = nil, nil
	}
	if s != nil && s.Due(now) {
		var res *session.Result
		res, err = h.svc.Store.PutExistingSession(r.Context(), ref, now, func(stored *session.Session, _ *session.Template) (*session.Result, error) {
			if stored == nil {
				return &session.Result{Outcome: session.Deleted}, nil
			}
			return session.Refresh(stored, now, h.svc.Config.ApplicationID), nil
		})
		if err == nil {
			h.svc.Deliver(r.Context(), res.Notes)
			s = res.Session
		}
	}
	if err == nil && via != nil {
		err = via.Bound(s)
	}
	if err == nil && s == nil {
		httpapi.NoContent(w)
		return
	}
	if err == nil {
		err = s.CanRead(c)
	}
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" && session.ETagMatches(inm, s.ETag()) {
		w.Header().Set("ETag", s.ETag())
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeSession(w, r, http.StatusOK, s, c.ID)
}
