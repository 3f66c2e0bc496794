package sessions

import (
	"net/http"
	"strconv"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// Leave serves DELETE …/sessions/{name}/members/me: the same as a PUT of {"members":{"me":null}}.
func (h *Handlers) Leave(w http.ResponseWriter, r *http.Request) {
	h.write(w, r, &session.Request{Leave: true}, false)
}

// RemoveMember serves DELETE …/sessions/{name}/members/{index}: a server principal removes a
// member by index (anyone else gets 403).
func (h *Handlers) RemoveMember(w http.ResponseWriter, r *http.Request) {
	raw := r.PathValue("index")
	i, err := strconv.Atoi(raw)
	if err != nil || i < 0 || strconv.Itoa(i) != raw {
		httpapi.WriteError(w, r, errs.E(errs.Invalid, "index", "%q is not a member index", raw))
		return
	}
	h.write(w, r, &session.Request{Indexed: map[int]*session.MemberDelta{i: nil}}, false)
}

// RemoveServer serves DELETE …/sessions/{name}/servers/{server}: a server principal removes a
// server entry (anyone else gets 403).
func (h *Handlers) RemoveServer(w http.ResponseWriter, r *http.Request) {
	h.write(w, r, &session.Request{Servers: map[string]any{r.PathValue("server"): nil}}, false)
}
