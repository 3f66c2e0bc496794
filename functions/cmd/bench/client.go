package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/emulator"
)

// client calls an OpenPlay instance as players do, over HTTP with their ID tokens. It knows the
// endpoints only by their route names: methods and paths come from the route table.
type client struct {
	base   string
	http   *http.Client
	routes map[string]functions.Route
}

func newClient(base string, routes []functions.Route) *client {
	c := &client{base: base, http: newHTTPClient(), routes: map[string]functions.Route{}}
	for _, r := range routes {
		c.routes[r.Name] = r
	}
	return c
}

// newHTTPClient is an HTTP client that keeps enough idle connections that 80 calls in flight
// reuse theirs instead of opening new ones (and exhausting ports).
func newHTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = 256, 256
	return &http.Client{Transport: tr, Timeout: time.Minute}
}

// routeOf is the route a label names ("SessionsPut (join)" is SessionsPut).
func routeOf(label string) string {
	name, _, _ := strings.Cut(label, " (")
	return name
}

// rawJSON is a request body sent as it is.
type rawJSON string

func (r rawJSON) MarshalJSON() ([]byte, error) { return []byte(r), nil }

// run is one lifecycle's calls, made one after another: once one fails the rest are skipped,
// and err is that failure.
type run struct {
	ctx context.Context
	c   *client
	rec *recorder
	err error
}

func (c *client) run(ctx context.Context, rec *recorder) *run { return &run{ctx: ctx, c: c, rec: rec} }

// check fails the run unless ok.
func (r *run) check(ok bool, format string, args ...any) {
	if r.err == nil && !ok {
		r.err = fmt.Errorf(format, args...)
	}
}

// call sends label's route as p with body (none if nil), records it and decodes a 2xx answer
// into out (unless nil); any other answer fails the run with the label, status and message.
// params are name/value pairs for the path's {…} segments; a pair named "?" is the query string.
// Every call asks for compact JSON (prettyPrint=false), as the generated Play Games clients and
// @openplay/web do.
func (r *run) call(p emulator.Account, label string, body, out any, params ...string) {
	rt, ok := r.c.routes[routeOf(label)]
	r.check(ok, "%s: no such route", label)
	path, query := rt.Path, "prettyPrint=false"
	for i := 0; i+1 < len(params); i += 2 {
		if params[i] == "?" {
			query += "&" + params[i+1]
		} else {
			path = strings.Replace(path, "{"+params[i]+"}", params[i+1], 1)
		}
	}
	path += "?" + query
	r.check(!strings.Contains(path, "{"), "%s: path %s lacks a parameter", label, path)
	var raw []byte
	if body != nil && r.err == nil {
		raw, r.err = json.Marshal(body)
	}
	if r.err != nil {
		return
	}
	req, err := http.NewRequestWithContext(r.ctx, rt.Method, r.c.base+path, bytes.NewReader(raw))
	if err != nil {
		r.err = err
		return
	}
	req.Header.Set("Authorization", "Bearer "+p.Token)
	req.Header.Set("X-Xbl-Contract-Version", "107") // what XSAPI sends with every session call
	req.Header.Set("Content-Type", "application/json")
	start := time.Now()
	r.rec.begin()
	res, err := r.c.http.Do(req)
	if err == nil {
		raw, err = io.ReadAll(res.Body)
		res.Body.Close()
	}
	s := sample{label: label, latency: time.Since(start)}
	if res != nil {
		s.status, s.requestID = res.StatusCode, res.Header.Get("X-Request-Id")
	}
	r.rec.end(s)
	switch {
	case err != nil:
		r.err = fmt.Errorf("%s: %w", label, err)
	case s.status/100 != 2:
		r.err = fmt.Errorf("%s: %d %s", label, s.status, bytes.TrimSpace(raw[:min(len(raw), 300)]))
	case out != nil && len(raw) > 0:
		if err := json.Unmarshal(raw, out); err != nil {
			r.err = fmt.Errorf("%s: decode answer: %w", label, err)
		}
	}
}
