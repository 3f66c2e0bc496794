package ratelimit

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestReceive(t *testing.T) {
	for _, c := range []struct {
		name   string
		before Received
		now    time.Time
		want   Received
		ok     bool
	}{
		{"a first invitation opens a window", Received{}, t0, Received{Window: Window{Start: t0, Count: 1}}, true},
		{"up to the limit", Received{Window: Window{Start: t0, Count: 2}}, t0.Add(time.Minute), Received{Window: Window{Start: t0, Count: 3}}, true},
		{"past it, held back and counted", Received{Window: Window{Start: t0, Count: 3}, HeldBack: 4}, t0.Add(time.Minute),
			Received{Window: Window{Start: t0, Count: 3}, HeldBack: 5}, false},
		{"a new window takes invitations again", Received{Window: Window{Start: t0, Count: 3}, HeldBack: 4}, t0.Add(10 * time.Minute),
			Received{Window: Window{Start: t0.Add(10 * time.Minute), Count: 1}}, true},
	} {
		got, ok := c.before.Receive(limits, c.now)
		assert.Equal(t, c.ok, ok, c.name)
		assert.Equal(t, c.want, got, c.name)
	}
}
