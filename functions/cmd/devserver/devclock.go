package main

import (
	"net/http"
	"sync"
	"time"
)

// devClock is the dev server's clock: real time plus an offset that tests move forward with
// POST /_dev/clock?advance=336h, so that a turn timeout can be tested without waiting 14 days.
// It exists only in the dev server; deployed functions use real time.
type devClock struct {
	mu     sync.Mutex
	offset time.Duration
}

// Now is the real time plus the offset.
func (c *devClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().UTC().Add(c.offset)
}

// ServeHTTP moves the clock forward by the duration in the advance parameter and answers with the
// new time.
func (c *devClock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d, err := time.ParseDuration(r.URL.Query().Get("advance"))
	if err != nil || d < 0 {
		http.Error(w, "advance: want a positive duration such as 336h", http.StatusBadRequest)
		return
	}
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte(c.Now().Format(time.RFC3339Nano) + "\n"))
}
