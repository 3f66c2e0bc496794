package httpapi

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
)

// Admission bounds the memory the calls an instance runs hold together: each call reserves the
// most its route may hold (measured at its worst by the memory budget test, docs/testing.md)
// before it runs, and gives it back when it ends. A call that does not fit waits for its turn,
// first come first served, for up to Wait; then it is refused with 503 and Retry-After, so that an
// instance under a burst of heavy calls answers some later rather than run out of memory.
type Admission struct {
	capacity int64
	wait     time.Duration

	mu    sync.Mutex
	used  int64
	queue []*admissionTicket
}

type admissionTicket struct {
	n     int64
	ready chan struct{}
}

// NewAdmission returns an admission of capacity bytes whose calls wait at most wait.
func NewAdmission(capacity int64, wait time.Duration) *Admission {
	return &Admission{capacity: capacity, wait: wait}
}

// Admit reserves n bytes for each call of the route it wraps (see Acquire).
func (a *Admission) Admit(n int64) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			release, err := a.Acquire(r.Context(), n)
			if err != nil {
				WriteError(w, r, err)
				return
			}
			defer release()
			next.ServeHTTP(w, r)
		})
	}
}

// Acquire reserves n bytes (at most the whole capacity, so that any call can run alone), waiting
// for them as Admission says; release gives them back.
func (a *Admission) Acquire(ctx context.Context, n int64) (release func(), err error) {
	n = min(n, a.capacity)
	if err := a.acquire(ctx, n); err != nil {
		return nil, err
	}
	return func() { a.release(n) }, nil
}

func (a *Admission) acquire(ctx context.Context, n int64) error {
	a.mu.Lock()
	if len(a.queue) == 0 && a.used+n <= a.capacity {
		a.used += n
		a.mu.Unlock()
		return nil
	}
	t := &admissionTicket{n: n, ready: make(chan struct{})}
	a.queue = append(a.queue, t)
	a.mu.Unlock()

	timer := time.NewTimer(a.wait)
	defer timer.Stop()
	select {
	case <-t.ready:
		return nil
	case <-timer.C:
	case <-ctx.Done():
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	select {
	case <-t.ready: // admitted meanwhile
		return nil
	default:
	}
	a.queue = slices.DeleteFunc(a.queue, func(q *admissionTicket) bool { return q == t })
	a.admitQueued() // those behind it may fit now
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return errs.E(errs.Unavailable, "", "the instance is busy with other calls; retry after a moment")
}

func (a *Admission) release(n int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.used -= n
	a.admitQueued()
}

// admitQueued admits waiting calls in order while the first fits. a.mu is held.
func (a *Admission) admitQueued() {
	for len(a.queue) > 0 && a.used+a.queue[0].n <= a.capacity {
		t := a.queue[0]
		a.queue = a.queue[1:]
		a.used += t.n
		close(t.ready)
	}
}
