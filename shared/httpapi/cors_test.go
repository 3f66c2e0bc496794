package httpapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openplay-games/openplay/shared/errs"
)

// TestCrossOriginWithoutSettings: when the settings cannot be read, a preflight answers the
// error (503, to be retried) rather than a refusal, and a call is served without CORS headers
// (its own answer says what went wrong); the call's handler runs once, the preflight's never.
func TestCrossOriginWithoutSettings(t *testing.T) {
	calls := 0
	h := CrossOrigin(func(context.Context, string) (bool, error) {
		return false, errs.E(errs.Unavailable, "", "Firestore is unavailable")
	})(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { calls++ }))

	pre := httptest.NewRequest(http.MethodOptions, "/games/v1/rooms", nil)
	pre.Header.Set("Origin", "https://game.example.com")
	pre.Header.Set("Access-Control-Request-Method", http.MethodGet)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, pre)
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))

	call := httptest.NewRequest(http.MethodGet, "/games/v1/rooms", nil)
	call.Header.Set("Origin", "https://game.example.com")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, call)
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))
	assert.Equal(t, 1, calls)
}

// TestOptionsWithoutPreflight: an OPTIONS request that is not a browser's preflight (no
// Access-Control-Request-Method) goes to the router like any call, which answers 405.
func TestOptionsWithoutPreflight(t *testing.T) {
	h := CrossOrigin(func(context.Context, string) (bool, error) { return true, nil })(
		Router(Endpoint{Method: http.MethodGet, Path: "/games/v1/rooms", Handler: http.NotFoundHandler()}))
	req := httptest.NewRequest(http.MethodOptions, "/games/v1/rooms", nil)
	req.Header.Set("Origin", "https://game.example.com")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	assert.Equal(t, "https://game.example.com", rec.Header().Get("Access-Control-Allow-Origin"), "the page may read the error")
}
