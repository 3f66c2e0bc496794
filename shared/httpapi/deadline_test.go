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
	var deadline, entered time.Time
	var hasDeadline bool
	var ended error
	h := Deadline(d)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered = time.Now()
		deadline, hasDeadline = r.Context().Deadline()
		<-r.Context().Done()
		ended = r.Context().Err()
	}))
	start := time.Now()
	serve(h, http.MethodGet, "/", "")

	require.True(t, hasDeadline)
	// d from when the middleware took the request: after start, before the handler ran.
	assert.False(t, deadline.Before(start.Add(d)), "deadline %v, d after %v at the earliest", deadline, start)
	assert.False(t, deadline.After(entered.Add(d)), "deadline %v, d after %v at the latest", deadline, entered)
	assert.ErrorIs(t, ended, context.DeadlineExceeded)
}
