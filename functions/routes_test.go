package functions

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/service"
)

// served lists the discovery document's resources OpenPlay implements; the route table must
// have exactly their methods.
var served = []string{"rooms", "turnBasedMatches", "events"}

// TestRoutesMatchDiscovery checks the route table against the discovery document: every method
// of a served resource has one route, named <Resource><Method>, with the document's verb and
// path under /games/v1/; and no route serves a Play Games path the document does not have.
func TestRoutesMatchDiscovery(t *testing.T) {
	raw, err := os.ReadFile("../shared/gamesv1/games-v1-discovery.json")
	require.NoError(t, err)
	var doc struct {
		Resources map[string]struct {
			Methods map[string]struct {
				HTTPMethod string `json:"httpMethod"`
				Path       string `json:"path"`
			} `json:"methods"`
		} `json:"resources"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	routes := map[string]Route{}
	for _, r := range Routes(service.New(config.Config{ProjectID: "test"})) {
		assert.NotContains(t, routes, r.Name, "entry point in the route table twice")
		assert.NotEqual(t, r.Handler == nil, r.Consume == nil, "%s: a route has a handler or a consumer", r.Name)
		assert.Equal(t, r.Trigger == PubSub, r.Consume != nil, "%s: a consumer has a topic", r.Name)
		assert.Equal(t, r.Trigger == Private, r.Schedule != "", "%s: only private routes have a schedule", r.Name)
		routes[r.Name] = r
	}
	for _, resource := range served {
		for method, m := range doc.Resources[resource].Methods {
			name := pascal(resource) + pascal(method)
			r, ok := routes[name]
			if !assert.True(t, ok, "%s.%s has no route named %s", resource, method, name) {
				continue
			}
			assert.Equal(t, m.HTTPMethod, r.Method, name)
			assert.Equal(t, "/games/v1/"+m.Path, r.Path, name)
			delete(routes, name)
		}
	}
	for name, r := range routes {
		assert.False(t, strings.HasPrefix(r.Path, "/games/v1/"), "%s serves %s, which no served discovery method has", name, r.Path)
	}
}

func pascal(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// TestEachEntryPointServesOnlyItsRoute is what deploying one function per route relies on: the
// handler of one route answers its own path and refuses the others.
func TestEachEntryPointServesOnlyItsRoute(t *testing.T) {
	svc := service.New(config.Config{ProjectID: "test", MaxBodyBytes: 1 << 20})
	routes := Routes(svc)
	for _, own := range routes {
		h := Handler(svc, own)
		for _, other := range routes {
			path := strings.NewReplacer("{roomId}", "aaaaaaaaaaaaaaaaaaaaaaaaaa", "{matchId}", "aaaaaaaaaaaaaaaaaaaaaaaaaa").Replace(other.Path)
			req, _ := http.NewRequest(other.Method, path, nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			sameEndpoint := other.Method == own.Method && other.Path == own.Path
			// The request carries no token: its own public route asks for one (401); an operations
			// route (guarded by IAM in production) answers; other paths are not there.
			switch {
			case sameEndpoint && own.Trigger == HTTP:
				assert.Equal(t, http.StatusUnauthorized, rec.Code, "%s on its own path %s: 401 from sign-in", own.Name, path)
			case sameEndpoint:
				assert.NotContains(t, []int{http.StatusNotFound, http.StatusMethodNotAllowed}, rec.Code, "%s does not serve its own path %s", own.Name, path)
			case patternMatches(own.Path, path):
				// A path the route's own pattern matches ({matchId} = "sync") is its to answer, as its own
				// (401 without a token) or with another method (405); behind the gateway such a request
				// goes to the function of the more specific path.
				assert.Contains(t, []int{http.StatusUnauthorized, http.StatusMethodNotAllowed}, rec.Code, "%s answered %s %s", own.Name, other.Method, path)
			default:
				assert.Equal(t, http.StatusNotFound, rec.Code, "%s answered %s %s, another route's path", own.Name, other.Method, path)
			}
		}
	}
}

func patternMatches(pattern, path string) bool {
	mux := http.NewServeMux()
	mux.Handle(pattern, http.NotFoundHandler())
	_, matched := mux.Handler(httptest.NewRequest(http.MethodGet, path, nil))
	return matched != ""
}

// TestBodyLimits: every route has a body limit and a memory reservation, and refuses a body over
// its limit with a 413, before sign-in or its handler.
func TestBodyLimits(t *testing.T) {
	svc := service.New(config.Config{ProjectID: "test", MaxBodyBytes: 1 << 20})
	for _, rt := range Routes(svc) {
		t.Run(rt.Name, func(t *testing.T) {
			require.Positive(t, rt.MaxBody)
			require.Positive(t, rt.Memory)
			path := strings.NewReplacer("{roomId}", "aaaaaaaaaaaaaaaaaaaaaaaaaa", "{matchId}", "aaaaaaaaaaaaaaaaaaaaaaaaaa").Replace(rt.Path)
			req := httptest.NewRequest(rt.Method, path, strings.NewReader(strings.Repeat(" ", int(rt.MaxBody)+1)))
			rec := httptest.NewRecorder()
			Handler(svc, rt).ServeHTTP(rec, req)
			assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, "%s", rec.Body)
		})
	}
}
