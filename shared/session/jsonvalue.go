package session

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"reflect"
	"strconv"

	"github.com/openplay-games/openplay/shared/errs"
)

// decodeJSON parses one JSON value with numbers kept as json.Number, so that a number a client
// stored renders back digit for digit.
func decodeJSON(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, errs.E(errs.Invalid, "", "malformed JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errs.E(errs.Invalid, "", "the request body holds data after its JSON value")
	}
	return v, nil
}

// decodeObject parses a body that must be one JSON object.
func decodeObject(raw []byte) (map[string]any, error) {
	v, err := decodeJSON(raw)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errs.E(errs.Invalid, "", "the body must be a JSON object")
	}
	return m, nil
}

// object reads v as a JSON object; field names it in the error.
func object(v any, field string) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errs.E(errs.Invalid, field, "must be a JSON object")
	}
	return m, nil
}

// intValue reads an integral JSON number that fits an int32.
func intValue(v any) (int, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil || i < math.MinInt32 || i > math.MaxInt32 {
		return 0, false
	}
	return int(i), true
}

// same reports whether two JSON values are equal (numbers compared by their text, as stored).
func same(a, b any) bool { return reflect.DeepEqual(a, b) }

// clone deep-copies a JSON value, so that a request's values never alias the stored ones.
func clone(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = clone(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = clone(x)
		}
		return out
	}
	return v
}

// cloneMap deep-copies an object (nil stays nil).
func cloneMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	return clone(m).(map[string]any)
}
