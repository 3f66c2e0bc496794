package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// held is a handler that runs until released, reporting each call that started.
type held struct {
	started chan string
	release chan struct{}
}

func newHeld() *held { return &held{started: make(chan string, 10), release: make(chan struct{})} }

func (h *held) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.started <- r.URL.Path
	<-h.release
	NoContent(w)
}

// serveAsync runs a request through h on its own goroutine; the answer comes on the channel.
func serveAsync(h http.Handler, path string) <-chan *httptest.ResponseRecorder {
	done := make(chan *httptest.ResponseRecorder, 1)
	go func() { done <- serve(h, http.MethodGet, path, "") }()
	return done
}

// TestAdmissionBoundsWhatRuns: calls run while what they reserve fits the capacity; the next
// one waits, first come first served (a small call does not overtake a large one waiting), and
// runs once enough is given back; a call larger than the whole capacity runs alone.
func TestAdmissionBoundsWhatRuns(t *testing.T) {
	a := NewAdmission(10, time.Minute)
	h := newHeld()
	small, large, huge := a.Admit(4)(h), a.Admit(8)(h), a.Admit(100)(h)

	first, second := serveAsync(small, "/a"), serveAsync(small, "/b") // 8 of 10
	assert.ElementsMatch(t, []string{"/a", "/b"}, []string{<-h.started, <-h.started})
	waitingLarge := serveAsync(large, "/large")
	require.Eventually(t, func() bool { return queued(a) == 1 }, time.Second, time.Millisecond)
	waitingSmall := serveAsync(small, "/c") // 4 would fit beside 8, but the large call came first
	require.Eventually(t, func() bool { return queued(a) == 2 }, time.Second, time.Millisecond)
	assert.Empty(t, h.started)

	h.release <- struct{}{}
	h.release <- struct{}{}
	assert.Equal(t, http.StatusNoContent, (<-first).Code)
	assert.Equal(t, http.StatusNoContent, (<-second).Code)
	assert.Equal(t, "/large", <-h.started)
	assert.Empty(t, h.started, "the small call waits until the large one is done")
	h.release <- struct{}{}
	assert.Equal(t, http.StatusNoContent, (<-waitingLarge).Code)
	assert.Equal(t, "/c", <-h.started)
	h.release <- struct{}{}
	assert.Equal(t, http.StatusNoContent, (<-waitingSmall).Code)

	alone := serveAsync(huge, "/huge")
	assert.Equal(t, "/huge", <-h.started)
	h.release <- struct{}{}
	assert.Equal(t, http.StatusNoContent, (<-alone).Code)
}

// TestAdmissionRefusesAfterItsWait: a call that waited its whole wait is a 503 with Retry-After
// in Google's error shape, and gives its place to those behind it.
func TestAdmissionRefusesAfterItsWait(t *testing.T) {
	a := NewAdmission(10, 10*time.Millisecond)
	h := newHeld()
	running := serveAsync(a.Admit(10)(h), "/running")
	<-h.started

	rec := serve(a.Admit(1)(h), http.MethodGet, "/refused", "")
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Equal(t, "1", rec.Header().Get("Retry-After"))
	var body errorBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
	assert.Equal(t, "UNAVAILABLE", body.Error.Status)
	assert.Contains(t, body.Error.Message, "busy")
	assert.Zero(t, queued(a))

	h.release <- struct{}{}
	assert.Equal(t, http.StatusNoContent, (<-running).Code)
	assert.Zero(t, used(a), "everything reserved was given back")
}

// TestAdmissionGivesUpWithItsCaller: a call whose client went away stops waiting.
func TestAdmissionGivesUpWithItsCaller(t *testing.T) {
	a := NewAdmission(1, time.Minute)
	release, err := a.Acquire(context.Background(), 1)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var waitErr error
	wg.Go(func() { _, waitErr = a.Acquire(ctx, 1) })
	require.Eventually(t, func() bool { return queued(a) == 1 }, time.Second, time.Millisecond)
	cancel()
	wg.Wait()
	assert.ErrorIs(t, waitErr, context.Canceled)
	release()
	assert.Zero(t, used(a))
	assert.Zero(t, queued(a))
}

func queued(a *Admission) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.queue)
}

func used(a *Admission) int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.used
}
