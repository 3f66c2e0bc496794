package auth

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/player"
)

func TestRememberedForAMinuteAndNeverPastExpiry(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	ana := player.Profile{ID: "ana", DisplayName: "Ana"}
	var r remembered
	r.put("long-lived", ana, t0.Add(time.Hour), t0)
	r.put("expiring", ana, t0.Add(10*time.Second), t0)
	r.put("expired", ana, t0.Add(-time.Second), t0)

	for _, c := range []struct {
		token string
		at    time.Duration
		want  bool
	}{
		{"long-lived", 0, true},
		{"long-lived", 59 * time.Second, true},
		{"long-lived", time.Minute, false}, // verified again after a minute
		{"expiring", 9 * time.Second, true},
		{"expiring", 10 * time.Second, false}, // never past the token's own expiry
		{"expired", 0, false},
		{"never-verified", 0, false},
	} {
		p, ok := r.get(c.token, t0.Add(c.at))
		if assert.Equal(t, c.want, ok, "%s at +%v: remembered", c.token, c.at) && ok {
			assert.Equal(t, ana, p, "%s at +%v: the profile remembered", c.token, c.at)
		}
	}
}

func TestRememberedStaysBounded(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	var r remembered
	for i := range maxRemembered {
		r.put(fmt.Sprint("old-", i), player.Profile{ID: "p"}, t0.Add(time.Hour), t0)
	}
	r.put("fresh", player.Profile{ID: "p"}, t0.Add(time.Hour), t0.Add(2*time.Minute)) // the old ones have lapsed
	require.Len(t, r.tokens, 1, "remembered after the lapsed ones were dropped")
	for i := range maxRemembered - 1 {
		r.put(fmt.Sprint("new-", i), player.Profile{ID: "p"}, t0.Add(time.Hour), t0.Add(2*time.Minute))
	}
	r.put("one-too-many", player.Profile{ID: "p"}, t0.Add(time.Hour), t0.Add(2*time.Minute))
	require.Len(t, r.tokens, 1, "remembered when all were fresh and the memory was full: a fresh start")
	_, ok := r.get("one-too-many", t0.Add(2*time.Minute))
	assert.True(t, ok, "the token put last is remembered")
}
