package sessions_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/testenv"
)

// directory is a test's session directory: the route table on the emulators, a service config
// of its own (so tests never share sessions), and a clock the test moves (from the real time:
// see testenv on the outbox).
type directory struct {
	*testenv.API
	svc   *service.Service
	scid  string
	clock *testenv.Clock
}

// Templates every test's service config gets.
var templates = map[string]string{
	"lobby": `{"constants":{"system":{"version":1,"maxMembersCount":4,"visibility":"open","inactiveRemovalTimeout":600000}}}`,
	"duo":   `{"constants":{"system":{"maxMembersCount":2,"visibility":"open","inactiveRemovalTimeout":null}}}`,
	"game":  `{"constants":{"system":{"maxMembersCount":4,"visibility":"private","inactiveRemovalTimeout":null}}}`,
	"keep":  `{"constants":{"system":{"sessionEmptyTimeout":null}}}`,
	"owned": `{"constants":{"system":{"maxMembersCount":4,"inactiveRemovalTimeout":null,"capabilities":{"hasOwners":true}}},
		"roleTypes":{"lfg":{"roles":{"friend":{"max":2},"other":{"max":1}}}}}`,
}

func newDirectory(t *testing.T) *directory {
	svc := testenv.Service(t)
	d := &directory{svc: svc, scid: guid(), clock: testenv.NewClock(time.Now().UTC())}
	svc.Now = d.clock.Now
	var list []*session.Template
	for name, body := range templates {
		tpl, err := session.ParseTemplate(d.scid, name, []byte(body))
		require.NoError(t, err)
		list = append(list, tpl)
	}
	require.NoError(t, svc.Store.WriteTemplates(t.Context(), list, nil))
	d.API = testenv.NewAPI(t, functions.Handler(svc, functions.Routes(svc)...))
	return d
}

func guid() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return session.GUIDv4(b)
}

// path is the session's path, with the template segment spelled as XSAPI does.
func (d *directory) path(template, name string) string {
	return "/serviceconfigs/" + d.scid + "/sessionTemplates/" + template + "/sessions/" + name
}

// answer is an HTTP answer.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// doc decodes the answer's session document.
func (a answer) doc(t *testing.T) map[string]any {
	t.Helper()
	var out map[string]any
	require.NoError(t, json.Unmarshal(a.body, &out), "%d %s: not a JSON document", a.status, a.body)
	return out
}

// handleID is the id of the document d (a handle as made or read); the test fails without one.
func handleID(t *testing.T, d map[string]any) string {
	t.Helper()
	id, _ := d["id"].(string)
	require.NotEmpty(t, id, "the handle's id: %v", d)
	return id
}

// call sends a request as token with MPSD's contract header and extra headers (name, value…).
func (d *directory) call(token, method, path, body string, headers ...string) answer {
	d.T.Helper()
	return d.callContext(d.T.Context(), token, method, path, body, headers...)
}

// callContext is call, given up when ctx ends.
func (d *directory) callContext(ctx context.Context, token, method, path, body string, headers ...string) answer {
	d.T.Helper()
	return d.callAt(ctx, d.URL, token, method, path, body, headers...)
}

// secondInstance serves the directory's routes from another instance of the service, with a
// store and clients of its own and the directory's clock: calls through it race the directory's
// as calls to two instances of a function do. It answers at the URL it returns.
func (d *directory) secondInstance() string {
	svc := testenv.Service(d.T)
	svc.Now = d.clock.Now
	return testenv.NewAPI(d.T, functions.Handler(svc, functions.Routes(svc)...)).URL
}

// callAt is callContext to the instance at base. It fails the test if the request cannot be
// made, so it must be called from the test's goroutine; elsewhere use callAtErr.
func (d *directory) callAt(ctx context.Context, base, token, method, path, body string, headers ...string) answer {
	d.T.Helper()
	a, err := d.callAtErr(ctx, base, token, method, path, body, headers...)
	require.NoError(d.T, err)
	return a
}

// callAtErr is callAt returning an error instead of failing the test, for calls from goroutines
// other than the test's: the test checks the error itself.
func (d *directory) callAtErr(ctx context.Context, base, token, method, path, body string, headers ...string) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, method, base+path, strings.NewReader(body))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("X-Xbl-Contract-Version", "107")
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return answer{status: res.StatusCode, header: res.Header, body: raw}, nil
}

// on returns a copy of d bound to t (same service, config and clock), for a subtest: its
// failures then end the subtest rather than its parent.
func (d *directory) on(t *testing.T) *directory {
	c := *d
	c.API = d.API.For(t)
	return &c
}

// expect sends a request and checks its status (and, for errors, message fragments).
func (d *directory) expect(status int, token, method, path, body string, fragments ...string) answer {
	d.T.Helper()
	a := d.call(token, method, path, body)
	require.Equal(d.T, status, a.status, "%s %s %s: %s", method, path, body, a.body)
	for _, f := range fragments {
		assert.Contains(d.T, string(a.body), f, "%s %s", method, path)
	}
	return a
}

// serverToken is p's token as a server principal (the custom claim set).
func serverToken(t *testing.T, p testenv.Player) string {
	return p.WithClaims(t, func(c map[string]any) { c[player.ServerClaim] = true })
}

// get walks a decoded document.
func get(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func js(v any) string {
	raw, _ := json.Marshal(v)
	return string(raw)
}
