package main

import (
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/testenv"
)

const testSecret = "a-secret-for-this-test"

// TestPrivateRoutesNeedTheSecret: every route Google Cloud alone calls in production (by the
// route table), and the dev clock, refuses a call without the dev server's secret or with
// another; with it the call goes through; public routes do not need it.
func TestPrivateRoutesNeedTheSecret(t *testing.T) {
	svc := testenv.Service(t)
	routes := functions.Routes(svc)
	mux := serveMux(svc, routes, privateGuard{secret: testSecret, logger: slog.New(slog.DiscardHandler)}, &devClock{})
	serve := func(method, target string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(method, target, strings.NewReader("{}")))
		return rec
	}

	type call struct {
		method, path string
		params       url.Values
	}
	private := []call{{http.MethodPost, "/_dev/clock", url.Values{"advance": {"0s"}}}}
	for _, r := range routes {
		if r.Trigger != functions.HTTP {
			private = append(private, call{r.Method, r.Path, url.Values{}})
		}
	}
	require.Len(t, private, 8, "the relay, sweeper and matcher, four push consumers, and the clock")
	for _, c := range private {
		for _, tt := range []struct {
			name   string
			secret string
			status int
		}{
			{"without the secret", "", http.StatusUnauthorized},
			{"with another secret", "not-" + testSecret, http.StatusForbidden},
		} {
			params := maps.Clone(c.params)
			if tt.secret != "" {
				params.Set(secretParam, tt.secret)
			}
			rec := serve(c.method, c.path+"?"+params.Encode())
			assert.Equal(t, tt.status, rec.Code, "%s %s %s", c.method, c.path, tt.name)
			assert.Contains(t, rec.Body.String(), `"location": "secret"`, "%s %s %s", c.method, c.path, tt.name)
		}
	}

	rec := serve(http.MethodPost, "/_dev/clock?advance=0s&secret="+testSecret)
	assert.Equal(t, http.StatusOK, rec.Code, "the clock with the secret: %s", rec.Body)
	rec = serve(http.MethodPost, "/operations/notifications/deliver/invitations?secret="+testSecret)
	assert.NotContains(t, rec.Body.String(), `"location": "secret"`, "a push consumer with the secret")
	rec = serve(http.MethodGet, "/games/v1/rooms")
	assert.Equal(t, http.StatusUnauthorized, rec.Code)
	assert.Contains(t, rec.Body.String(), `"location": "Authorization"`, "a public route asks for a token, not the secret")
}

func TestTheSecretIsNotPassedOn(t *testing.T) {
	var seen string
	guarded := privateGuard{secret: testSecret}.require(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		seen = r.RequestURI
	}))
	guarded.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/_dev/clock?advance=1h&secret="+testSecret, nil))
	assert.Equal(t, "/_dev/clock?advance=1h", seen)
}

func TestNewPrivateGuard(t *testing.T) {
	a, err := newPrivateGuard("", nil)
	require.NoError(t, err)
	b, err := newPrivateGuard("", nil)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(a.secret), minSecretLength)
	assert.NotEqual(t, a.secret, b.secret, "a new secret each run")

	given, err := newPrivateGuard(testSecret, nil)
	require.NoError(t, err)
	assert.Equal(t, testSecret, given.secret)
	assert.Equal(t, "http://127.0.0.1:8080/operations/sweep?secret="+testSecret, given.url("http://127.0.0.1:8080", "/operations/sweep"))

	_, err = newPrivateGuard("short", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "OPENPLAY_DEV_SECRET has 5 characters: want at least 16")
}
