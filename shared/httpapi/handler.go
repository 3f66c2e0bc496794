package httpapi

import "net/http"

// HandlerFunc is an endpoint's handler: it answers the request itself, or returns the error to
// answer with. Every handler has this shape, so that writing an error is done in one place.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// ServeHTTP runs f and answers a returned error with WriteError; when f returns nil it has
// answered already.
func (f HandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := f(w, r); err != nil {
		WriteError(w, r, err)
	}
}
