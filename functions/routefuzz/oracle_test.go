package routefuzz_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/testenv"
)

// problem says which rule an answer breaks ("" if none), of those every answer keeps: no 5xx
// (503 included: nothing here is unavailable) and no panic (Recover answers a panic with a 500
// and logs it: both are caught); only the statuses the API documents; an error in Google's JSON
// error shape (or, for an MPSD precondition, the current session) that names what failed; a 2xx
// that is the documented kind of document, or has no body at all. logged is what the instance
// logged while it answered.
func problem(req request, a answer, logged string) string {
	if strings.Contains(logged, `"message":"panic"`) {
		return "the handler panicked"
	}
	switch {
	case a.status >= 500:
		return "a 5xx"
	case a.status >= 400 && !documentedErrors[a.status]:
		return fmt.Sprintf("a %d, which the API does not document", a.status)
	case a.status >= 400:
		if msg := errorShape(req, a); msg != "" {
			return fmt.Sprintf("a %d that %s", a.status, msg)
		}
	case a.status == http.StatusOK || a.status == http.StatusCreated:
		if !isJSON(a.header) {
			return fmt.Sprintf("a %d that is not JSON", a.status)
		}
		if msg := documentShape(req, a.body); msg != "" {
			return fmt.Sprintf("a %d whose body is not the route's document: %s", a.status, msg)
		}
	case a.status == http.StatusNoContent:
		if len(a.body) > 0 {
			return "a 204 with a body"
		}
	case a.status == http.StatusNotModified:
		if !isMPSD(req.route.Path) || req.route.Method != http.MethodGet || req.header.Get("If-None-Match") == "" || len(a.body) > 0 {
			return "a 304 other than MPSD's answer to a GET with If-None-Match"
		}
	default:
		return "a status the API does not document"
	}
	return ""
}

// documentedErrors are the 4xx statuses docs/api.md's error table lists.
var documentedErrors = map[int]bool{
	http.StatusBadRequest: true, http.StatusUnauthorized: true, http.StatusForbidden: true, http.StatusNotFound: true,
	http.StatusMethodNotAllowed: true, http.StatusConflict: true, http.StatusPreconditionFailed: true,
	http.StatusRequestEntityTooLarge: true, http.StatusTooManyRequests: true,
}

// googleError is Google's JSON error shape, as generated clients parse it.
type googleError struct {
	Error *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Status  string `json:"status"`
		Errors  []struct {
			Domain, Reason, Message, Location string
		} `json:"errors"`
	} `json:"error"`
}

// errorShape says what is wrong with a 4xx answer ("" if nothing). An MPSD 412 may carry the
// current session instead of an error (docs/sessions.md). Every other 4xx is Google's error with
// one item, which names what failed (see namesWhatFailed).
func errorShape(req request, a answer) string {
	if !isJSON(a.header) {
		return "is not JSON (" + a.header.Get("Content-Type") + ")"
	}
	if a.status == http.StatusPreconditionFailed && isMPSD(req.route.Path) && !bytes.Contains(a.body, []byte(`"error"`)) {
		if a.header.Get("ETag") == "" {
			return "carries a session without its ETag"
		}
		return documentShape(req, a.body)
	}
	var e googleError
	if err := json.Unmarshal(a.body, &e); err != nil || e.Error == nil {
		return "is not Google's error shape"
	}
	switch g := e.Error; {
	case g.Code != a.status || g.Status == "" || g.Message == "" || len(g.Errors) != 1:
		return "is not Google's error shape (code, status, message, one item in errors)"
	case g.Errors[0].Domain != "global" || g.Errors[0].Reason == "" || g.Errors[0].Message != g.Message:
		return "has an errors item that does not repeat the error"
	case !namesWhatFailed(a.status, g.Errors[0].Location, g.Message):
		return "does not name what failed (no location, and not about the body or path)"
	}
	return ""
}

// namesWhatFailed reports whether a 4xx names what failed: the router's 404 and 405 name the
// method and path; any other names its field as location, or the body (testenv.NamesWhatFailed).
func namesWhatFailed(status int, location, message string) bool {
	switch {
	case status == http.StatusNotFound && strings.HasPrefix(message, "no API method at "), status == http.StatusMethodNotAllowed:
		return true
	}
	return testenv.NamesWhatFailed(location, message)
}

// documentShape says what is wrong with a 200 or 201 body ("" if nothing): a JSON object, whose
// kind, for the Play Games routes and OpenPlay's own, names its resource in their namespace.
func documentShape(req request, body []byte) string {
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		return "not a JSON object"
	}
	kind, _ := doc["kind"].(string)
	switch {
	case strings.HasPrefix(req.route.Path, "/games/v1/") && !strings.HasPrefix(kind, "games#"):
		return "no games# kind"
	case strings.HasPrefix(req.route.Path, "/openplay/v1/") && !strings.HasPrefix(kind, "openplay#"):
		return "no openplay# kind"
	}
	return ""
}

func isJSON(h http.Header) bool { return strings.HasPrefix(h.Get("Content-Type"), "application/json") }

// isMPSD reports whether a route path is the session directory's, whose conventions differ.
func isMPSD(path string) bool {
	return strings.HasPrefix(path, "/serviceconfigs/") || strings.HasPrefix(path, "/handles")
}

// String describes the request for a failure message (the caller by name, not by token).
func (r request) String() string {
	h := r.header.Clone()
	h.Del("Authorization")
	body := r.body
	if len(body) > 2048 {
		body = append(body[:2048:2048], "…"...)
	}
	return fmt.Sprintf("%s (%s %s?%s) as %s, headers %v, body %q", r.route.Name, r.route.Method, r.path, r.query, r.caller.name, h, body)
}

// TestProblem holds the oracles to what they must catch and what they must let pass; it needs no
// emulator.
func TestProblem(t *testing.T) {
	route := func(method, path string) request {
		return request{route: functions.Route{Method: method, Path: path}, header: http.Header{}}
	}
	rooms, session := route(http.MethodGet, "/games/v1/rooms/{roomId}"), route(http.MethodPut, "/serviceconfigs/{scid}/sessionTemplates/{template}/sessions/{name}")
	getSession := route(http.MethodGet, session.route.Path)
	getSession.header.Set("If-None-Match", "*")
	jsonHeader := func(extra ...string) http.Header {
		h := http.Header{"Content-Type": {"application/json; charset=UTF-8"}}
		for i := 0; i+1 < len(extra); i += 2 {
			h.Set(extra[i], extra[i+1])
		}
		return h
	}
	googleError := func(code int, message, location string) []byte {
		return []byte(fmt.Sprintf(`{"error":{"code":%d,"message":%q,"status":"X","errors":[{"domain":"global","reason":"r","message":%q,"location":%q}]}}`,
			code, message, message, location))
	}
	for _, tt := range []struct {
		name   string
		req    request
		a      answer
		logged string
		caught bool
	}{
		{"a 500", rooms, answer{500, jsonHeader(), googleError(500, "internal error", "")}, "", true},
		{"a 503", rooms, answer{503, jsonHeader(), googleError(503, "busy", "")}, "", true},
		{"a panic answered as it should be", rooms, answer{200, jsonHeader(), []byte(`{"kind":"games#room"}`)},
			`{"severity":"ERROR","message":"panic","panic":"boom"}`, true},
		{"a redirect", rooms, answer{301, http.Header{"Content-Type": {"text/html"}}, []byte("<a>Moved</a>")}, "", true},
		{"a 400 naming its field", rooms, answer{400, jsonHeader(), googleError(400, "roomId: not a room ID", "roomId")}, "", false},
		{"a 400 naming nothing", rooms, answer{400, jsonHeader(), googleError(400, "unknown field", "")}, "", true},
		{"a 400 about the body", rooms, answer{400, jsonHeader(), googleError(400, "the request body holds more than one JSON value", "")}, "", false},
		{"a 404 of the router", rooms, answer{404, jsonHeader(), googleError(404, "no API method at GET /x", "")}, "", false},
		{"a 404 naming nothing", rooms, answer{404, jsonHeader(), googleError(404, "no room", "")}, "", true},
		{"a 4xx in plain text", rooms, answer{400, http.Header{"Content-Type": {"text/plain"}}, []byte("bad request")}, "", true},
		{"a 4xx whose code differs", rooms, answer{409, jsonHeader(), googleError(400, "roomId: no", "roomId")}, "", true},
		{"an MPSD 412 with the session", session, answer{412, jsonHeader("ETag", `"b-1"`), []byte(`{"contractVersion":107}`)}, "", false},
		{"an MPSD 412 with the session, no ETag", session, answer{412, jsonHeader(), []byte(`{"contractVersion":107}`)}, "", true},
		{"a Play Games 200 without its kind", rooms, answer{200, jsonHeader(), []byte(`{"roomId":"x"}`)}, "", true},
		{"a 200 that is not JSON", session, answer{200, jsonHeader(), []byte(`<html>`)}, "", true},
		{"a 204 with a body", rooms, answer{204, http.Header{}, []byte(`{}`)}, "", true},
		{"a 304 to a session GET with If-None-Match", getSession, answer{304, http.Header{}, nil}, "", false},
		{"a 304 elsewhere", rooms, answer{304, http.Header{}, nil}, "", true},
	} {
		got := problem(tt.req, tt.a, tt.logged)
		assert.Equal(t, tt.caught, got != "", "%s: problem %q", tt.name, got)
	}
}
