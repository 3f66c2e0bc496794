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
	req, err := request(r, session.DecodeRequest)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	h.write(w, r, req, false)
}

// PutProperties serves PUT …/sessions/{name}/properties with a body {system, custom}: a session
// PUT of only properties, except that a missing session is 404.
func (h *Handlers) PutProperties(w http.ResponseWriter, r *http.Request) {
	req, err := request(r, session.DecodeProperties)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	h.write(w, r, req, true)
}

// request checks the contract header and decodes a write's body with decode.
func request(r *http.Request, decode func([]byte) (*session.Request, error)) (*session.Request, error) {
	if err := contract(r); err != nil {
		return nil, err
	}
	body, err := httpapi.ReadBody(r)
	if err != nil {
		return nil, err
	}
	return decode(body)
}
