package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/emulator"
)

// TestCallsAskForCompactJSON: every call carries prettyPrint=false, as the generated clients and
// @openplay/web send it, besides the query it is given.
func TestCallsAskForCompactJSON(t *testing.T) {
	var queries []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.Path+"?"+r.URL.RawQuery)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	c := newClient(srv.URL, []functions.Route{{Name: "MatchesGet", Method: http.MethodGet, Path: "/m/{matchId}"}})
	r := c.run(t.Context(), &recorder{})
	p := emulator.Account{ID: "p", Token: "t"}
	r.call(p, "MatchesGet", nil, nil, "matchId", "m1")
	r.call(p, "MatchesGet (paged)", nil, nil, "matchId", "m2", "?", "maxResults=1")
	require.NoError(t, r.err)
	assert.Equal(t, []string{"/m/m1?prettyPrint=false", "/m/m2?prettyPrint=false&maxResults=1"}, queries)
}
