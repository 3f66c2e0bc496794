package testenv

import (
	"bytes"
	"encoding/json"
	"fmt"
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

// For returns a copy of a bound to t: a subtest calls it through a.For(t), so that a failure
// ends the subtest rather than its parent.
func (a *API) For(t *testing.T) *API {
	c := *a
	c.T = t
	return &c
}

// Do sends a request as token (none if empty) with body (a string is sent as is, anything else
// as JSON) and returns the status and body. It fails the test if the request cannot be made, so
// it must be called from the test's goroutine; elsewhere use DoErr.
func (a *API) Do(token, method, path string, body any) (int, []byte) {
	a.T.Helper()
	status, out, err := a.DoErr(token, method, path, body)
	if err != nil {
		a.T.Fatal(err)
	}
	return status, out
}

// DoErr is Do returning an error instead of failing the test, for calls from goroutines other
// than the test's (where t.Fatal does not stop the test): the test checks the error itself.
func (a *API) DoErr(token, method, path string, body any) (int, []byte, error) {
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return 0, nil, err
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, a.URL+path, reader)
	if err != nil {
		return 0, nil, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, nil, err
	}
	return res.StatusCode, out, nil
}

// OK sends a request that must succeed and decodes its answer into out (if not nil). It must be
// called from the test's goroutine; elsewhere use OKErr.
func (a *API) OK(p Player, method, path string, body, out any) {
	a.T.Helper()
	if err := a.OKErr(p, method, path, body, out); err != nil {
		a.T.Fatal(err)
	}
}

// OKErr is OK returning an error instead of failing the test, for calls from goroutines other
// than the test's: the test checks the error itself.
func (a *API) OKErr(p Player, method, path string, body, out any) error {
	status, raw, err := a.DoErr(p.Token, method, path, body)
	if err != nil {
		return err
	}
	if status/100 != 2 {
		return fmt.Errorf("%s %s as %s: %d %s", method, path, p.Name, status, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("%s %s: decode %s: %v", method, path, raw, err)
		}
	}
	return nil
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
