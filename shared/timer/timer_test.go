package timer_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/timer"
)

// TestNextAndDue: Next is the earliest deadline whether or not it has passed; Due is the
// earliest of those not after now, a deadline at now included.
func TestNextAndDue(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	at := func(d time.Duration) timer.Timer { return timer.Timer{At: now.Add(d)} }
	for _, tt := range []struct {
		name   string
		timers []timer.Timer
		next   time.Duration
		due    time.Duration
		anyDue bool
	}{
		{"none", nil, 0, 0, false},
		{"all later", []timer.Timer{at(2 * time.Minute), at(time.Minute)}, time.Minute, 0, false},
		{"one at now", []timer.Timer{at(time.Minute), at(0)}, 0, 0, true},
		{"the earliest passed is due", []timer.Timer{at(-time.Minute), at(time.Minute), at(-2 * time.Minute)}, -2 * time.Minute, -2 * time.Minute, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			next := timer.Next(tt.timers)
			if tt.timers == nil {
				assert.Nil(t, next)
			} else {
				require.NotNil(t, next)
				assert.Equal(t, now.Add(tt.next), *next)
			}
			due, ok := timer.Due(tt.timers, now)
			require.Equal(t, tt.anyDue, ok)
			if ok {
				assert.Equal(t, now.Add(tt.due), due.At)
			}
		})
	}
}
