package routefuzz_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// answer is an HTTP answer.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// client sends the requests as they are and shows every answer as it is: a redirect is an answer,
// not followed.
var client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// headerFor is what every request carries: the MPSD contract version (which the other routes
// ignore), a JSON content type and the caller's token.
func headerFor(c caller) http.Header {
	h := http.Header{"X-Xbl-Contract-Version": {"107"}, "Content-Type": {"application/json"}}
	if c.token != "" {
		h.Set("Authorization", "Bearer "+c.token)
	}
	return h
}

// send sends a request to the world's instance and returns the answer; an answer that never
// comes (the connection died, nothing within a minute) is an error.
func (w *world) send(method, path, rawQuery string, header http.Header, body []byte) (answer, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	target := w.url + path
	if rawQuery != "" {
		target += "?" + rawQuery
	}
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return answer{}, err
	}
	req.Header = header
	res, err := client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	return answer{status: res.StatusCode, header: res.Header, body: raw}, err
}

// must sends a request of the world's making (placeholders expanded), which must succeed, and
// decodes its answer into out (unless nil).
func (w *world) must(t testing.TB, who, method, path, body string, out any) {
	a, err := w.send(method, w.expand(path, nil), "", headerFor(w.callers[w.callerNamed(who)]), []byte(w.expand(body, nil)))
	require.NoError(t, err)
	require.Truef(t, a.status/100 == 2, "%s %s as %s: %d %s", method, path, who, a.status, a.body)
	if out != nil {
		require.NoError(t, json.Unmarshal(a.body, out))
	}
}
