package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"testing"

	"github.com/openplay-games/openplay/shared/logging"
)

type tallyKey struct{}

// TestAccessLineCarriesMeters checks that a meter's context reaches the handler and its
// measure lands on the request's one access line.
func TestAccessLineCarriesMeters(t *testing.T) {
	var out bytes.Buffer
	meter := func(ctx context.Context) (context.Context, func() slog.Attr) {
		n := new(int)
		return context.WithValue(ctx, tallyKey{}, n), func() slog.Attr { return slog.Int("tally", *n) }
	}
	h := RequestContext(logging.New(&out, slog.LevelInfo), "p", meter)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*r.Context().Value(tallyKey{}).(*int) += 3
		w.WriteHeader(http.StatusTeapot)
	}))
	rec := serve(h, http.MethodGet, "/x", "")
	var line struct {
		Message     string
		RequestID   string `json:"requestId"`
		Tally       int
		HTTPRequest struct{ Status int } `json:"httpRequest"`
	}
	if err := json.Unmarshal(out.Bytes(), &line); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if line.Tally != 3 || line.HTTPRequest.Status != http.StatusTeapot || line.RequestID != rec.Header().Get("X-Request-Id") || line.Message != "GET /x" {
		t.Fatalf("access line %s", out.String())
	}
}
