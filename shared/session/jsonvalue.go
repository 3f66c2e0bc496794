package session

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/openplay-games/openplay/shared/errs"
)

// decodeJSON parses one JSON value with numbers kept as json.Number, so that a number a client
// stored renders back digit for digit. It holds the value to the limits (see limits.go) while it
// reads, so a hostile body is refused before it is built: a 400 naming where the limit was hit.
func decodeJSON(raw []byte) (any, error) {
	d := &boundedDecoder{dec: json.NewDecoder(bytes.NewReader(raw))}
	d.dec.UseNumber()
	v, err := d.value(1)
	if err != nil {
		return nil, err
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return nil, errs.E(errs.Invalid, "", "the request body holds data after its JSON value")
	}
	return v, nil
}

// boundedDecoder builds a JSON value token by token, counting its values and keeping the path
// of keys and indices it is at, for errors.
type boundedDecoder struct {
	dec    *json.Decoder
	values int
	path   []string
}

func (d *boundedDecoder) value(depth int) (any, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, errs.E(errs.Invalid, d.field(), "malformed JSON: %v", err)
	}
	if d.values++; d.values > MaxRequestValues {
		return nil, errs.E(errs.Invalid, d.field(), "the body holds more than %d JSON values", MaxRequestValues)
	}
	switch t := tok.(type) {
	case json.Delim:
		if depth > MaxDepth {
			return nil, errs.E(errs.Invalid, d.field(), "objects and arrays nest at most %d levels deep", MaxDepth)
		}
		if t == '{' {
			return d.object(depth)
		}
		return d.array(depth)
	case string:
		if len(t) > MaxStringBytes {
			return nil, errs.E(errs.Invalid, d.field(), "a string holds at most %d bytes", MaxStringBytes)
		}
	}
	return tok, nil
}

func (d *boundedDecoder) object(depth int) (any, error) {
	m := map[string]any{}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return nil, errs.E(errs.Invalid, d.field(), "malformed JSON: %v", err)
		}
		key, _ := tok.(string)
		if _, dup := m[key]; !dup && len(m) == MaxEntries {
			return nil, errs.E(errs.Invalid, d.field(), "an object holds at most %d keys", MaxEntries)
		}
		d.path = append(d.path, key)
		if len(key) > MaxKeyBytes {
			return nil, errs.E(errs.Invalid, d.field(), "a key holds at most %d bytes", MaxKeyBytes)
		}
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m[key] = v
		d.path = d.path[:len(d.path)-1]
	}
	return m, d.end()
}

func (d *boundedDecoder) array(depth int) (any, error) {
	list := []any{}
	for d.dec.More() {
		if len(list) == MaxEntries {
			return nil, errs.E(errs.Invalid, d.field(), "an array holds at most %d items", MaxEntries)
		}
		d.path = append(d.path, "["+strconv.Itoa(len(list))+"]")
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
		d.path = d.path[:len(d.path)-1]
	}
	return list, d.end()
}

// end reads the delimiter that closes an object or array.
func (d *boundedDecoder) end() error {
	if _, err := d.dec.Token(); err != nil {
		return errs.E(errs.Invalid, d.field(), "malformed JSON: %v", err)
	}
	return nil
}

// field is the path the decoder is at, as errors name fields: a.b[2].c.
func (d *boundedDecoder) field() string {
	return strings.ReplaceAll(strings.Join(d.path, "."), ".[", "[")
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

// asObject reads v as a JSON object; field names it in the error.
func asObject(v any, field string) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errs.E(errs.Invalid, field, "must be a JSON object")
	}
	return m, nil
}

// path walks a decoded JSON value by object keys (nil when a key is missing).
func path(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
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

// cloneJSON deep-copies a JSON value, so that a request's values never alias the stored ones.
func cloneJSON(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = cloneJSON(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = cloneJSON(x)
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
	return cloneJSON(m).(map[string]any)
}
