package ratelimit

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

var t0 = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func TestWindowAt(t *testing.T) {
	w := Window{Start: t0, Count: 5}
	for _, c := range []struct {
		name string
		now  time.Time
		want Window
	}{
		{"at its start", t0, w},
		{"while it lasts", t0.Add(time.Minute - time.Nanosecond), w},
		{"once it is over", t0.Add(time.Minute), Window{Start: t0.Add(time.Minute)}},
		{"long after", t0.Add(time.Hour), Window{Start: t0.Add(time.Hour)}},
		{"a clock set back", t0.Add(-time.Second), Window{Start: t0.Add(-time.Second)}},
	} {
		assert.Equal(t, c.want, w.At(c.now, time.Minute), c.name)
	}
	assert.Equal(t, Window{Start: t0}, Window{}.At(t0, time.Minute), "a player who never counted gets a window from now")
	assert.Equal(t, t0.Add(time.Minute), w.End(time.Minute))
}
