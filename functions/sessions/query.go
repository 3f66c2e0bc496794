package sessions

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// Query serves GET /serviceconfigs/{scid}/sessions?xuid=&keyword=&private=&reservations=&inactive=&take=:
// the sessions with a member (xuid: an OpenPlay player ID) or a keyword, newest first, as
// {"results": [...]}: those among the first session.MaxQueryBytes of stored sessions.
func (h *Handlers) Query(w http.ResponseWriter, r *http.Request) {
	q, err := decodeQuery(r)
	if err == nil {
		err = q.Authorize(caller(r))
	}
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	results := []map[string]any{}
	err = h.svc.Store.QuerySessions(r.Context(), r.PathValue("scid"), q, h.svc.Time(), func(s *session.Session) {
		results = append(results, q.Result(s))
	})
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, map[string]any{"results": results})
}

func decodeQuery(r *http.Request) (session.Query, error) {
	if err := contract(r); err != nil {
		return session.Query{}, err
	}
	if err := session.CheckSCID(r.PathValue("scid")); err != nil {
		return session.Query{}, err
	}
	v := r.URL.Query()
	q := session.Query{Player: v.Get("xuid"), Keyword: v.Get("keyword")}
	for name, dst := range map[string]*bool{"private": &q.Private, "reservations": &q.Reservations, "inactive": &q.Inactive} {
		switch v.Get(name) {
		case "", "false":
		case "true":
			*dst = true
		default:
			return q, errs.E(errs.Invalid, name, "must be true or false")
		}
	}
	q.Visibility = v.Get("visibility")
	if q.Visibility != "" && q.Visibility != "open" && !(q.Visibility == "private" && q.Private) {
		return q, errs.E(errs.Invalid, "visibility", "only open, or private with private=true, is supported")
	}
	var err error
	q.Take, err = httpapi.QueryInt(r, "take", 0, session.MaxTake, session.MaxTake)
	return q, err
}
