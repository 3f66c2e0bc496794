package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/auth"
)

// client calls the dev server as players do, over HTTP with their ID tokens.
type client struct {
	base string
	http *http.Client
}

func newClient(base string) *client {
	// Enough idle connections that 80 concurrent players reuse theirs instead of exhausting ports.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = 256, 256
	return &client{base: base, http: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
}

// call sends one call of endpoint as p, records it in rec, and decodes a 2xx answer into out
// (unless out is nil). Any other answer is an error naming the endpoint, status and message.
func (c *client) call(ctx context.Context, rec *recorder, endpoint string, p auth.Account, method, path string, body, out any) error {
	return c.callWith(ctx, rec, endpoint, p, method, path, nil, body, out)
}

// callWith is call with extra request headers.
func (c *client) callWith(ctx context.Context, rec *recorder, endpoint string, p auth.Account, method, path string, header http.Header,
	body, out any) error {
	var reader io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return err
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, reader)
	if err != nil {
		return err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Authorization", "Bearer "+p.Token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	rec.begin()
	res, err := c.http.Do(req)
	var raw []byte
	if err == nil {
		raw, err = io.ReadAll(res.Body)
		res.Body.Close()
	}
	s := sample{endpoint: endpoint, start: start, latency: time.Since(start)}
	if res != nil {
		s.status, s.requestID = res.StatusCode, res.Header.Get("X-Request-Id")
	}
	rec.end(s)
	if err != nil {
		return fmt.Errorf("%s: %w", endpoint, err)
	}
	if s.status/100 != 2 {
		return fmt.Errorf("%s: %d %s", endpoint, s.status, bytes.TrimSpace(raw[:min(len(raw), 300)]))
	}
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("%s: decode answer: %w", endpoint, err)
		}
	}
	return nil
}
