package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
	require.NoError(t, json.Unmarshal(out.Bytes(), &line), "the access line: %s", out.String())
	assert.Equal(t, 3, line.Tally, "the meter's measure on the access line %s", out.String())
	assert.Equal(t, http.StatusTeapot, line.HTTPRequest.Status, "the status on the access line %s", out.String())
	assert.Equal(t, rec.Header().Get("X-Request-Id"), line.RequestID, "the request ID on the access line %s", out.String())
	assert.Equal(t, "GET /x", line.Message, "the message of the access line %s", out.String())
}
