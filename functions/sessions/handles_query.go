package sessions

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// QueryHandles serves POST /handles/query[?include=…]: the body's type picks the query (activity:
// queryActivities; search: querySearch, search.go); other types are 400 naming type.
func (h *Handlers) QueryHandles(w http.ResponseWriter, r *http.Request) error {
	err := contract(r)
	var body []byte
	if err == nil {
		body, err = httpapi.ReadBody(r)
	}
	if err != nil {
		return err
	}
	switch t := session.HandleType(body); {
	case t == "activity":
		return h.queryActivities(w, r, body)
	case t == "search":
		return h.querySearch(w, r, body)
	case t == "":
		return errs.E(errs.Invalid, "type", "a handle query names its type (activity or search)")
	default:
		return errs.E(errs.Invalid, "type", "handle type %q has no query (activity and search have)", t)
	}
}
