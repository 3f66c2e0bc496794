package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/api/googleapi"

	"github.com/openplay-games/openplay/shared/errs"
)

// serve runs h on a request and returns the recorded answer.
func serve(h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, strings.NewReader(body)))
	return rec
}

// TestErrorsReachGeneratedClients checks the error shape with the parser generated Google API
// clients use: each kind arrives as *googleapi.Error with its status code and the field named.
func TestErrorsReachGeneratedClients(t *testing.T) {
	for kind, want := range status {
		t.Run(kind.String(), func(t *testing.T) {
			rec := serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				WriteError(w, r, errs.E(kind, "matchVersion", "is stale"))
			}), http.MethodGet, "/?prettyPrint=false", "")
			err := googleapi.CheckResponse(rec.Result())
			var gerr *googleapi.Error
			require.ErrorAs(t, err, &gerr)
			assert.Equal(t, want.code, gerr.Code)
			require.Len(t, gerr.Errors, 1)
			assert.Equal(t, want.reason, gerr.Errors[0].Reason)
			if kind == errs.Internal {
				assert.NotContains(t, gerr.Message, "stale", "internal error message leaks its cause")
			} else {
				assert.Equal(t, "matchVersion: is stale", gerr.Message, "the field and the rule")
			}
			if kind == errs.Unavailable {
				assert.NotEmpty(t, rec.Header().Get("Retry-After"))
			} else {
				assert.Empty(t, rec.Header().Get("Retry-After"))
			}
		})
	}
}

func TestUncodedErrorsAreInternal(t *testing.T) {
	rec := serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteError(w, r, errors.New("dial tcp 10.0.0.1: secret detail"))
	}), http.MethodGet, "/", "")
	assert.Equal(t, 500, rec.Code)
	assert.NotContains(t, rec.Body.String(), "secret")
}

func TestRouter(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(r.PathValue("id"))) })
	h := Router(Endpoint{http.MethodGet, "/things/{id}", ok}, Endpoint{http.MethodPut, "/things/{id}", ok}, Endpoint{http.MethodPost, "/things/new", ok})
	rec := serve(h, http.MethodGet, "/things/7", "")
	assert.Equal(t, 200, rec.Code, "GET")
	assert.Equal(t, "7", rec.Body.String(), "GET")
	rec = serve(h, http.MethodPost, "/things/new", "")
	assert.Equal(t, 200, rec.Code, "specific path")
	assert.Empty(t, rec.Body.String(), "specific path")
	rec = serve(h, http.MethodDelete, "/things/7", "")
	assert.Equal(t, 405, rec.Code, "wrong method")
	assert.Equal(t, "GET, PUT", rec.Header().Get("Allow"), "wrong method")
	assert.Contains(t, rec.Body.String(), `"code": 405`, "wrong method")
	rec = serve(h, http.MethodGet, "/elsewhere", "")
	assert.Equal(t, 404, rec.Code, "unknown path")
	assert.Contains(t, rec.Body.String(), "no API method at GET /elsewhere", "unknown path")
}

// TestRouterRefusesUncleanPaths: a path with empty, "." or ".." segments is a 404 like any
// unknown path, not http.ServeMux's redirect to the cleaned path (the route fuzzer found
// PUT /games/v1/turnbasedmatches/./turn answered 307 to another method's path).
func TestRouterRefusesUncleanPaths(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(r.PathValue("id"))) })
	h := Router(Endpoint{http.MethodGet, "/things/{id}", ok}, Endpoint{http.MethodPut, "/things/{id}/turn", ok})
	for _, target := range []string{"/things/./turn", "/things//turn", "/things/7/../7", "//things/7", "/things/7/./", "/things/.."} {
		rec := serve(h, http.MethodGet, target, "")
		assert.Equal(t, http.StatusNotFound, rec.Code, target)
		assert.Contains(t, rec.Body.String(), "no API method at GET", target)
	}
	rec := serve(h, http.MethodGet, "/things/%2E%2E", "")
	assert.Equal(t, "..", rec.Body.String(), "an escaped dot segment is a parameter value, for the handler to check")
}

func TestDecodeAndLimits(t *testing.T) {
	type body struct {
		Name  string `json:"name"`
		Inner struct {
			Count int32 `json:"count"`
		} `json:"inner"`
	}
	decodeWith := func(limit int64, raw string) error {
		var err error
		h := LimitBody(limit)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var b []byte
			if b, err = ReadBody(r); err == nil {
				err = DecodeBytes(b, &body{})
			}
		}))
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(raw))
		req.ContentLength = -1 // as with chunked uploads: only the reader can enforce the limit
		h.ServeHTTP(httptest.NewRecorder(), req)
		return err
	}
	tests := []struct {
		raw   string
		kind  errs.Kind
		field string
	}{
		{`{"inner":{"count":"x"}}`, errs.Invalid, "inner.count"},
		{`{"inner":{"count":1.5}}`, errs.Invalid, "inner.count"},
		{`{"nme":"x"}`, errs.Invalid, "nme"},
		{`{"name":"x"} trailing`, errs.Invalid, ""},
		{`{"name":`, errs.Invalid, ""},
		{`{"name":"` + strings.Repeat("x", 2000) + `"}`, errs.TooLarge, ""},
	}
	for _, tt := range tests {
		err := decodeWith(1024, tt.raw)
		var e *errs.Error
		if assert.ErrorAsf(t, err, &e, "%.40s", tt.raw) {
			assert.Equalf(t, tt.kind, e.Kind, "%.40s", tt.raw)
			assert.Equalf(t, tt.field, e.Field, "%.40s", tt.raw)
		}
	}
	assert.NoError(t, decodeWith(1024, ""), "empty body")
	rec := httptest.NewRecorder()
	LimitBody(10)(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(strings.Repeat("x", 11))))
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, "declared length over the limit")
}

// TestDecodeErrorsNameWhatFailed: cases the route fuzzer found answered without naming what was
// wrong ("cannot use number here", "unknown field" with no location). A body that is JSON but no
// object has no field to name, so the message names the body and what it holds; an empty key is
// named as JSON writes it.
func TestDecodeErrorsNameWhatFailed(t *testing.T) {
	for _, tt := range []struct{ raw, field, message string }{
		{`000`, "", "the request body is a JSON number; want an object"},
		{`"x"`, "", "the request body is a JSON string; want an object"},
		{`[{}]`, "", "the request body is a JSON array; want an object"},
		{`true`, "", "the request body is a JSON bool; want an object"},
		{`{"":0}`, `""`, "unknown field"},
	} {
		var into struct{ Name string }
		var e *errs.Error
		require.ErrorAs(t, DecodeBytes([]byte(tt.raw), &into), &e, tt.raw)
		assert.Equal(t, errs.Invalid, e.Kind, tt.raw)
		assert.Equal(t, tt.field, e.Field, tt.raw)
		assert.Equal(t, tt.message, e.Message, tt.raw)
	}
}

func TestRecover(t *testing.T) {
	rec := serve(Recover(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })), http.MethodGet, "/", "")
	assert.Equal(t, 500, rec.Code)
	assert.NotContains(t, rec.Body.String(), "boom")
}

func TestQueryInt(t *testing.T) {
	for target, want := range map[string]int{"/": 50, "/?n=1": 1, "/?n=500": 500} {
		got, err := QueryInt(httptest.NewRequest(http.MethodGet, target, nil), "n", 1, 500, 50)
		assert.NoError(t, err, target)
		assert.Equal(t, want, got, target)
	}
	for _, target := range []string{"/?n=0", "/?n=501", "/?n=x", "/?n=1.5"} {
		_, err := QueryInt(httptest.NewRequest(http.MethodGet, target, nil), "n", 1, 500, 50)
		assert.Truef(t, errs.Is(err, errs.Invalid), "%s: %v", target, err)
	}
}

// TestAnswerSize: an answer is its value's JSON. Play Games answers indent unless
// prettyPrint=false; answers of Compact requests never indent, so their size is the value's
// compact encoding however deep it nests and whatever prettyPrint says (issue #14: indenting
// deeply nested client JSON multiplied a read's size by the square of its depth).
func TestAnswerSize(t *testing.T) {
	deep := any(1)
	for range 12 {
		deep = []any{deep, deep}
	}
	value := map[string]any{"doc": deep}
	compactJSON, err := json.Marshal(value)
	require.NoError(t, err)
	write := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { WriteJSON(w, r, http.StatusCreated, value) })
	cases := []struct {
		name     string
		handler  http.Handler
		query    string
		indented bool
	}{
		{"Play Games, default", write, "", true},
		{"Play Games, prettyPrint=true", write, "?prettyPrint=true", true},
		{"Play Games, prettyPrint=false", write, "?prettyPrint=false", false},
		{"compact, default", Compact(write), "", false},
		{"compact, prettyPrint=true", Compact(write), "?prettyPrint=true", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := serve(c.handler, http.MethodGet, "/"+c.query, "")
			assert.Equal(t, http.StatusCreated, rec.Code)
			assert.Equal(t, "application/json; charset=UTF-8", rec.Header().Get("Content-Type"))
			assert.JSONEq(t, string(compactJSON), rec.Body.String())
			if c.indented {
				assert.Greater(t, rec.Body.Len(), 10*len(compactJSON))
			} else {
				assert.Equal(t, len(compactJSON)+1, rec.Body.Len()) // and a newline
			}
		})
	}
	t.Run("errors of compact requests", func(t *testing.T) {
		rec := serve(Compact(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			WriteError(w, r, errs.E(errs.Invalid, "x", "bad"))
		})), http.MethodGet, "/", "")
		assert.Equal(t, http.StatusBadRequest, rec.Code)
		assert.NotContains(t, rec.Body.String(), "\n  ")
	})
	t.Run("a value that cannot be encoded is a 500", func(t *testing.T) {
		rec := serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			WriteJSON(w, r, http.StatusOK, map[string]any{"bad": func() {}})
		}), http.MethodGet, "/", "")
		assert.Equal(t, http.StatusInternalServerError, rec.Code)
		assert.Contains(t, rec.Body.String(), "INTERNAL")
	})
}
