package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/openplay-games/openplay/shared/errs"
)

// ReadBody reads the request body; a body over the limit LimitBody set is a 413.
func ReadBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, errs.E(errs.TooLarge, "", "the request body is larger than %d bytes", tooLarge.Limit)
		}
		return nil, errs.Wrap(errs.Invalid, err, "could not read the request body")
	}
	return body, nil
}

// DecodeBody reads the request body (see ReadBody) and validates it with a method's decoder.
func DecodeBody[C any](r *http.Request, decode func(body []byte) (C, error)) (C, error) {
	body, err := ReadBody(r)
	if err != nil {
		var none C
		return none, err
	}
	return decode(body)
}

// DecodeBytes reads a JSON request body into v. An empty body decodes as {}. Unknown fields,
// trailing data and type mismatches are 400s that name the field.
func DecodeBytes(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return errs.E(errs.Invalid, "", "the request body holds more than one JSON value")
	}
	if _, err := dec.Token(); err != io.EOF {
		return errs.E(errs.Invalid, "", "the request body holds data after its JSON object")
	}
	return nil
}

func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field == "": // the body itself has the wrong type: there is no field to name
		return errs.E(errs.Invalid, "", "the request body is a JSON %s; want %s", typeErr.Value, wireType(typeErr))
	case errors.As(err, &typeErr):
		return errs.E(errs.Invalid, typeErr.Field, "cannot use %s here: want %s", typeErr.Value, wireType(typeErr))
	case errors.As(err, &syntaxErr):
		return errs.E(errs.Invalid, "", "malformed JSON at byte %d: %s", syntaxErr.Offset, syntaxErr.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errs.E(errs.Invalid, "", "malformed JSON: the body ends too early")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		if field == "" {
			field = `""` // the empty key, named as JSON writes it
		}
		return errs.E(errs.Invalid, field, "unknown field")
	default:
		return errs.E(errs.Invalid, "", "malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
}

// wireType names the JSON type a Go field expects, in the discovery document's words.
func wireType(e *json.UnmarshalTypeError) string {
	if e.Type == nil {
		return "another type"
	}
	switch e.Type.Kind().String() {
	case "int32":
		return "an int32 number"
	case "int64":
		return "an int64 as a decimal string"
	case "bool":
		return "a boolean"
	case "string":
		return "a string"
	case "slice":
		return "an array"
	case "struct", "map":
		return "an object"
	}
	return e.Type.String()
}

// WriteJSON answers with v as JSON. Like Google's APIs it indents unless the request says
// prettyPrint=false (which generated clients do): Play Games resources have a fixed, shallow
// schema, so indenting them costs a bounded factor. Answers of requests marked Compact are
// never indented (see Compact).
func WriteJSON(w http.ResponseWriter, r *http.Request, code int, v any) {
	writeJSON(w, r, code, v)
}

// writeJSON encodes v straight into the answer: the encoder writes once, after v encoded, so a
// value that cannot be encoded (a bug) still gets a 500 and no copy of the answer is held.
func writeJSON(w http.ResponseWriter, r *http.Request, code int, v any) {
	out := &deferredHeader{w: w, code: code}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if pretty := r.URL.Query().Get("prettyPrint"); !compact(r) && (pretty == "" || pretty == "true") {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil && !out.wrote {
		http.Error(w, `{"error":{"code":500,"message":"internal error","status":"INTERNAL"}}`, http.StatusInternalServerError)
	}
}

// deferredHeader sends the status and content type with the first bytes of the answer.
type deferredHeader struct {
	w     http.ResponseWriter
	code  int
	wrote bool
}

func (d *deferredHeader) Write(p []byte) (int, error) {
	if !d.wrote {
		d.wrote = true
		d.w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		d.w.WriteHeader(d.code)
	}
	return d.w.Write(p)
}

type compactKey struct{}

// Compact marks the requests of MPSD routes, whose answers are never indented: MPSD answers
// compact JSON and knows no prettyPrint, and its documents carry clients' own JSON, nested as
// deep as the session limits allow, which indenting would multiply (docs/sessions.md).
func Compact(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), compactKey{}, true)))
	})
}

func compact(r *http.Request) bool { return r.Context().Value(compactKey{}) == true }

// NoContent answers 204, for methods whose discovery entry has no response.
func NoContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// QueryInt reads an optional integer query parameter within [min, max].
func QueryInt(r *http.Request, name string, min, max, fallback int) (int, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return fallback, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < min || n > max {
		return 0, errs.E(errs.Invalid, name, "must be a whole number from %d to %d, got %q", min, max, raw)
	}
	return n, nil
}
