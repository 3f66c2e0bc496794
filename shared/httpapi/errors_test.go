package httpapi

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/openplay-games/openplay/shared/errs"
)

// TestRetryAfter checks the one place Retry-After comes from: an error's own wait, rounded up to
// whole seconds, else a second for an unavailable backend, else none.
func TestRetryAfter(t *testing.T) {
	for _, c := range []struct {
		name string
		err  *errs.Error
		want string
	}{
		{"rate limit with its window's end", &errs.Error{Kind: errs.Rate, Field: "invitedPlayerIds", Message: "too many", RetryAfter: 90*time.Second + time.Millisecond}, "91"},
		{"rate limit on a whole second", &errs.Error{Kind: errs.Rate, Message: "too many", RetryAfter: 2 * time.Second}, "2"},
		{"unavailable backend", errs.E(errs.Unavailable, "", "busy"), "1"},
		{"invalid input", errs.E(errs.Invalid, "x", "bad"), ""},
	} {
		rec := serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { WriteError(w, r, c.err) }), http.MethodGet, "/", "")
		assert.Equal(t, c.want, rec.Header().Get("Retry-After"), c.name)
	}
}
