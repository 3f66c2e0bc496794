package httpapi

import (
	"context"
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
)

// The headers of cross-origin answers (CORS, https://fetch.spec.whatwg.org/#http-cors-protocol).
const (
	// corsMethods are every method the API has.
	corsMethods = "GET, HEAD, POST, PUT, DELETE"
	// corsExposed are the answer headers a page may read besides the simple ones: MPSD's ETag and
	// Content-Location, the Retry-After of a 429 or 503, and the request ID to quote in a report.
	corsExposed = "ETag, Content-Location, Retry-After, X-Request-Id"
	// corsMaxAge is how long, in seconds, a browser may keep a preflight's answer (Chromium keeps
	// it at most two hours).
	corsMaxAge = "7200"
)

// CrossOrigin lets pages of other origins call the API from browsers, those of the origins
// allows accepts: it answers their preflights (an OPTIONS request asking whether a method and
// headers may be sent), and marks the answers to their calls readable by them. A preflight from
// an origin not allowed is refused with 403 naming the setting (the browser then sends no call);
// a call from one gets an answer with no CORS headers, which the page cannot read (as does a call
// when the settings cannot be read). Calls without an Origin header (servers, native clients)
// pass unchanged but for Vary. A preflight is answered for any path: the router then answers
// the call itself, 404 and 405 included.
func CrossOrigin(allows func(ctx context.Context, origin string) (bool, error)) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			origin := r.Header.Get("Origin")
			preflight := r.Method == http.MethodOptions && origin != "" && r.Header.Get("Access-Control-Request-Method") != ""
			h := w.Header()
			h.Add("Vary", "Origin") // the answer depends on it, for any cache between
			if origin == "" {
				next.ServeHTTP(w, r)
				return
			}
			ok, err := allows(r.Context(), origin)
			switch {
			case err != nil && preflight:
				WriteError(w, r, err)
			case preflight && !ok:
				WriteError(w, r, errs.E(errs.Permission, "Origin",
					"pages of %s may not call this API: add the origin to cors.allowedOrigins in the application's settings", origin))
			case preflight:
				h.Add("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers")
				h.Set("Access-Control-Allow-Origin", origin)
				h.Set("Access-Control-Allow-Methods", corsMethods)
				if asked := r.Header.Get("Access-Control-Request-Headers"); asked != "" {
					// Calls carry their credentials in Authorization, not cookies: any header the
					// page asks to send (Authorization, Content-Type, If-Match, MPSD's
					// x-xbl-contract-version, …) may be sent.
					h.Set("Access-Control-Allow-Headers", asked)
				}
				h.Set("Access-Control-Max-Age", corsMaxAge)
				w.WriteHeader(http.StatusNoContent)
			default:
				if ok {
					h.Set("Access-Control-Allow-Origin", origin)
					h.Set("Access-Control-Expose-Headers", corsExposed)
				}
				next.ServeHTTP(w, r)
			}
		})
	}
}
