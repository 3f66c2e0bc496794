package routefuzz_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzRoutes sends generated requests to every route of the route table on the emulators and
// fails on any answer that breaks a rule every answer keeps (see problem), and on any 4xx or GET
// that changed what it addressed (the world's timers never fire, so no read has a reason to
// write). A mutating request that succeeded on a resource of the world is followed by building
// that resource again, so that every input meets the world as it was made and a failure found by
// the fuzzer replays from its input alone.
func FuzzRoutes(f *testing.F) {
	w := theWorld(f)
	for _, s := range seeds(f, w) {
		f.Add(s.route, uint8(w.callerNamed(s.caller)), s.params, s.query, s.headers, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, route string, caller uint8, params, query, headers string, body []byte) {
		w.exercise(t, input{route: route, caller: caller, params: params, query: query, headers: headers, body: body})
	})
}

// exercise sends the request in makes, checks the answer, and keeps the world as it was made.
func (w *world) exercise(t *testing.T, in input) answer {
	req := w.request(in)
	before := w.stateOf(t, req)
	w.log.Take()
	a, err := w.send(req.route.Method, req.path, req.query, req.header, req.body)
	require.NoErrorf(t, err, "no answer to %s", req)
	logged := w.log.Take()
	if p := problem(req, a, logged); p != "" {
		assert.Failf(t, p, "%s\nanswer: %d %s\nlogged:\n%s", req, a.status, a.body, logged)
	}
	switch {
	case a.status/100 == 4 || req.route.Method == http.MethodGet:
		assert.Equalf(t, before, w.stateOf(t, req), "a %d to a %s changed what %s addressed: %s", a.status, req.route.Method, req, a.body)
	case a.status/100 == 2:
		w.rebuild(t, w.changed(req))
	}
	return a
}

// TestValidSeedsSucceed keeps the valid seeds valid: each one succeeds on the world as it was
// made, so the fuzzer's mutations of them start past the decoders, deep in the rules; and every
// route has one.
func TestValidSeedsSucceed(t *testing.T) {
	w := theWorld(t)
	seeded := map[string]bool{}
	for _, s := range valid {
		a := w.exercise(t, s.input(w))
		assert.Truef(t, a.status/100 == 2, "%s as %s: %d %s", s.route, s.caller, a.status, a.body)
		seeded[s.route] = true
	}
	for _, r := range w.routes {
		assert.True(t, seeded[r.Name], "%s has no valid seed", r.Name)
	}
}
