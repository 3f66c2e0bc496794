package store

import (
	"encoding/base64"
	"testing"
	"time"
)

func TestParseCursor(t *testing.T) {
	good := cursor{At: time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC), ID: "abc", Phase: "done", Count: 3}
	got, err := parseCursor(good.token())
	if err != nil || *got != good {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	if c, err := parseCursor(""); c != nil || err != nil {
		t.Fatalf("empty token: %+v, %v", c, err)
	}
	for _, raw := range []string{`{}`, `{"id":"a/b"}`, `{"id":"__x__"}`, `{"id":".."}`, `{"t":"2026-01-01T00:00:00Z"}`, `{"id":"a","n":-1}`, `nope`} {
		if _, err := parseCursor(base64.RawURLEncoding.EncodeToString([]byte(raw))); err == nil {
			t.Errorf("token %s accepted", raw)
		}
	}
	if _, err := parseCursor("***"); err == nil {
		t.Error("non-base64 token accepted")
	}
}
