package auth

import (
	"fmt"
	"testing"
	"time"

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
		if ok != c.want || (ok && p != ana) {
			t.Errorf("%s at +%v: %+v, %v; want remembered %v", c.token, c.at, p, ok, c.want)
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
	if len(r.tokens) != 1 {
		t.Fatalf("%d remembered after the lapsed ones were dropped, want 1", len(r.tokens))
	}
	for i := range maxRemembered - 1 {
		r.put(fmt.Sprint("new-", i), player.Profile{ID: "p"}, t0.Add(time.Hour), t0.Add(2*time.Minute))
	}
	r.put("one-too-many", player.Profile{ID: "p"}, t0.Add(time.Hour), t0.Add(2*time.Minute))
	if len(r.tokens) != 1 {
		t.Fatalf("%d remembered when all were fresh and the memory was full, want a fresh start (1)", len(r.tokens))
	}
	if _, ok := r.get("one-too-many", t0.Add(2*time.Minute)); !ok {
		t.Fatal("the token put last is not remembered")
	}
}
