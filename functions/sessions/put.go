package sessions

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// Put serves the session PUT: PUT /serviceconfigs/{scid}/sessionTemplates/{template}/sessions/{name}.
// It creates (201), joins, updates or leaves (200), or answers 204 when no session exists after
// it (the last member left, or a create that would be empty).
func (h *Handlers) Put(w http.ResponseWriter, r *http.Request) {
	err := contract(r)
	var body []byte
	if err == nil {
		body, err = httpapi.ReadBody(r)
	}
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	req, err := session.DecodeRequest(body)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	h.write(w, r, req, false)
}

// PutProperties serves PUT …/sessions/{name}/properties with a body {system, custom}: a session
// PUT of only properties, except that a missing session is 404.
func (h *Handlers) PutProperties(w http.ResponseWriter, r *http.Request) {
	err := contract(r)
	var body []byte
	if err == nil {
		body, err = httpapi.ReadBody(r)
	}
	var req *session.Request
	if err == nil {
		req, err = session.DecodeProperties(body)
	}
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	h.write(w, r, req, true)
}
