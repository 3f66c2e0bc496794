package httpapi

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeadlineEndsTheRequestContext: the handler's context carries the deadline and ends at it.
func TestDeadlineEndsTheRequestContext(t *testing.T) {
	const d = 50 * time.Millisecond
	var deadline time.Time
	var hasDeadline bool
	var ended error
	h := Deadline(d)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		deadline, hasDeadline = r.Context().Deadline()
		<-r.Context().Done()
		ended = r.Context().Err()
	}))
	start := time.Now()
	serve(h, http.MethodGet, "/", "")

	require.True(t, hasDeadline)
	assert.WithinDuration(t, start.Add(d), deadline, d)
	assert.ErrorIs(t, ended, context.DeadlineExceeded)
}
