package session

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

var (
	t0     = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	lobby  = Ref{SCID: "00000000-0000-0000-0000-000000000000", Template: "lobby", Name: "L1"}
	ana    = Caller{ID: "ana", Name: "Ana"}
	ben    = Caller{ID: "ben", Name: "Ben"}
	cal    = Caller{ID: "cal", Name: "Cal"}
	server = Caller{ID: "backend", Server: true}
)

// template parses a template body for the tests.
func template(t testing.TB, body string) *Template {
	t.Helper()
	tpl, err := ParseTemplate(lobby.SCID, lobby.Template, []byte(body))
	require.NoError(t, err, "template %s", body)
	return tpl
}

// openTemplate is an open lobby of 4 whose inactive members stay for a minute.
const openTemplate = `{"constants":{"system":{"version":1,"maxMembersCount":4,"visibility":"open","inactiveRemovalTimeout":60000}}}`

// put runs a PUT of body by c at now on stored (nil: none) with the template.
func put(t testing.TB, stored *Session, tpl *Template, c Caller, body string, now time.Time, cond Conditions) (*Result, error) {
	t.Helper()
	req, err := DecodeRequest([]byte(body))
	if err != nil {
		return nil, err
	}
	return Put{Stored: stored, Template: tpl, Ref: lobby, Request: req, Caller: c, Conditions: cond, Now: now,
		Branch: "b1", CorrelationID: "c1", ApplicationID: "app"}.Apply()
}

// must runs put and fails the test on an error.
func must(t testing.TB, stored *Session, tpl *Template, c Caller, body string, now time.Time) *Result {
	t.Helper()
	res, err := put(t, stored, tpl, c, body, now, Conditions{})
	require.NoError(t, err, "PUT %s as %s", body, c.ID)
	return res
}

// rendered renders s as viewer and decodes it generically.
func rendered(t testing.TB, s *Session, viewer string) map[string]any {
	t.Helper()
	raw, err := json.Marshal(s.Render(viewer))
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(raw, &out))
	return out
}

// js renders a value as compact JSON for comparisons.
func js(v any) string {
	raw, _ := json.Marshal(v)
	return string(raw)
}

// errField is the field a coded error names ("" for another error).
func errField(err error) string {
	var e *errs.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
