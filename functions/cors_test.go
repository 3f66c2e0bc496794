package functions_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/functions/functionstest"
	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/testenv"
)

const game = "https://game.example.com"

// pathParam is a path parameter of a route's pattern ("{roomId}").
var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// servedFor serves the route table for an application of its own whose cors.allowedOrigins
// are origins (nil: no settings stored, the defaults).
func servedFor(t *testing.T, origins ...string) *functionstest.API {
	svc := testenv.Service(t)
	var settings *application.Settings
	if origins != nil {
		s := application.Defaults
		s.CORS.AllowedOrigins = origins
		settings = &s
	}
	testenv.OwnApplication(t, svc, settings)
	return functionstest.Serve(t, svc)
}

// send makes a request with headers and returns the answer, its body read.
func send(t *testing.T, method, url, body string, headers map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(raw)
}

// TestCrossOriginCalls: a page of game.example.com, which the application allows, asks before
// each public route's call (a preflight, with the route's method) and is told it may send it
// with the headers it asked for; its calls' answers, errors too, are marked readable by it, with
// the headers clients read.
func TestCrossOriginCalls(t *testing.T) {
	api := servedFor(t, game)
	ana := testenv.NewPlayer(t, "Ana")
	for _, r := range functions.Routes(api.Svc) {
		if r.Trigger != functions.HTTP {
			continue
		}
		path := pathParam.ReplaceAllString(r.Path, "x1")
		headers := "authorization,content-type"
		if r.Method == http.MethodPut {
			headers += ",if-match,x-xbl-contract-version" // an MPSD write
		}
		res, body := send(t, http.MethodOptions, api.URL+path, "", map[string]string{"Origin": game,
			"Access-Control-Request-Method": r.Method, "Access-Control-Request-Headers": headers})
		require.Equal(t, http.StatusNoContent, res.StatusCode, "%s %s: %s", r.Method, path, body)
		assert.Equal(t, game, res.Header.Get("Access-Control-Allow-Origin"), path)
		assert.Contains(t, strings.Split(res.Header.Get("Access-Control-Allow-Methods"), ", "), r.Method, "%s: its method is not allowed", r.Name)
		assert.Equal(t, headers, res.Header.Get("Access-Control-Allow-Headers"), path)
		assert.Equal(t, "7200", res.Header.Get("Access-Control-Max-Age"), path)
		assert.Contains(t, res.Header.Values("Vary"), "Origin", path)
	}

	for name, c := range map[string]struct {
		method, path, body string
		status             int
	}{"a call": {http.MethodGet, "/games/v1/rooms", "", http.StatusOK}, "an error": {http.MethodPost, "/games/v1/rooms/create", `{}`, http.StatusBadRequest}} {
		res, body := send(t, c.method, api.URL+c.path, c.body,
			map[string]string{"Origin": game, "Authorization": "Bearer " + ana.Token, "Content-Type": "application/json"})
		require.Equal(t, c.status, res.StatusCode, "%s: %s", name, body)
		assert.Equal(t, game, res.Header.Get("Access-Control-Allow-Origin"), name)
		assert.Equal(t, "ETag, Content-Location, Retry-After, X-Request-Id", res.Header.Get("Access-Control-Expose-Headers"), name)
		assert.Contains(t, res.Header.Values("Vary"), "Origin", name)
	}
}

// TestCrossOriginRefused: a page of an origin the application does not allow is refused at its
// preflight, with the setting to change named; a call it sends anyway is served (the token
// decides) but not marked readable by it; a call without Origin (a server, a native client) has
// no CORS headers. An application with no settings allows no other origin.
func TestCrossOriginRefused(t *testing.T) {
	for name, api := range map[string]*functionstest.API{"another origin allowed": servedFor(t, game), "no settings": servedFor(t)} {
		ana := testenv.NewPlayer(t, "Ana")
		res, body := send(t, http.MethodOptions, api.URL+"/games/v1/rooms/create", "", map[string]string{
			"Origin": "https://elsewhere.example.com", "Access-Control-Request-Method": http.MethodPost})
		assert.Equal(t, http.StatusForbidden, res.StatusCode, name)
		assert.Contains(t, body, "pages of https://elsewhere.example.com may not call this API: add the origin to cors.allowedOrigins", name)
		assert.Empty(t, res.Header.Get("Access-Control-Allow-Origin"), name)

		for _, origin := range []string{"https://elsewhere.example.com", ""} {
			res, body = send(t, http.MethodGet, api.URL+"/games/v1/rooms", "",
				map[string]string{"Origin": origin, "Authorization": "Bearer " + ana.Token})
			require.Equal(t, http.StatusOK, res.StatusCode, "%s, Origin %q: %s", name, origin, body)
			assert.Empty(t, res.Header.Get("Access-Control-Allow-Origin"), "%s, Origin %q", name, origin)
			assert.Empty(t, res.Header.Get("Access-Control-Expose-Headers"), "%s, Origin %q", name, origin)
		}
	}
}

// TestEveryOriginAllowed: with "*", a page of any origin may call; the answer names the page's
// origin, as a browser requires of an answer to a call that sends Authorization.
func TestEveryOriginAllowed(t *testing.T) {
	api := servedFor(t, "*")
	for _, origin := range []string{game, "http://localhost:5173"} {
		res, body := send(t, http.MethodOptions, api.URL+"/games/v1/rooms", "", map[string]string{"Origin": origin,
			"Access-Control-Request-Method": http.MethodGet, "Access-Control-Request-Headers": "authorization"})
		require.Equal(t, http.StatusNoContent, res.StatusCode, "%s: %s", origin, body)
		assert.Equal(t, origin, res.Header.Get("Access-Control-Allow-Origin"))
	}
}
