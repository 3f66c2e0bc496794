package testenv

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// API is an HTTP server for a handler (the route table on the emulators) and a client for it.
type API struct {
	T   *testing.T
	URL string
}

// NewAPI serves h until the test ends.
func NewAPI(t *testing.T, h http.Handler) *API {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &API{T: t, URL: srv.URL}
}

// Do sends a request as token (none if empty) with body (a string is sent as is, anything else
// as JSON) and returns the status and body.
func (a *API) Do(token, method, path string, body any) (int, []byte) {
	a.T.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			a.T.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, a.URL+path, reader)
	if err != nil {
		a.T.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.T.Fatal(err)
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		a.T.Fatal(err)
	}
	return res.StatusCode, out
}

// OK sends a request that must succeed and decodes its answer into out (if not nil).
func (a *API) OK(p Player, method, path string, body, out any) {
	a.T.Helper()
	status, raw := a.Do(p.Token, method, path, body)
	if status/100 != 2 {
		a.T.Fatalf("%s %s as %s: %d %s", method, path, p.Name, status, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			a.T.Fatalf("%s %s: decode %s: %v", method, path, raw, err)
		}
	}
}

// GoogleError is Google's JSON error shape.
type GoogleError struct {
	Error struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Status  string `json:"status"`
		Errors  []struct {
			Domain, Reason, Message, Location string
		} `json:"errors"`
	} `json:"error"`
}

// Fails sends a request that must fail with status and a Google error whose message contains
// each fragment.
func (a *API) Fails(token, method, path string, body any, status int, fragments ...string) {
	a.T.Helper()
	got, raw := a.Do(token, method, path, body)
	var e GoogleError
	if err := json.Unmarshal(raw, &e); err != nil {
		a.T.Fatalf("%s %s: body is not a Google error: %s", method, path, raw)
	}
	if got != status || e.Error.Code != status || len(e.Error.Errors) != 1 || e.Error.Errors[0].Domain != "global" {
		a.T.Fatalf("%s %s: %d %s; want %d in Google's error shape", method, path, got, raw, status)
	}
	for _, f := range fragments {
		if !strings.Contains(e.Error.Message, f) {
			a.T.Errorf("%s %s: message %q does not mention %q", method, path, e.Error.Message, f)
		}
	}
}
