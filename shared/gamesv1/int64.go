// Package gamesv1 holds the JSON shapes of the Play Games Services v1 API, field for field as
// games-v1-discovery.json (beside this file) defines them: names, types, and `format: int64` values as
// decimal strings. Handlers decode requests into these types and render responses from them.
// The types carry no rules; validation lives where the request is turned into a domain command.
package gamesv1

import (
	"encoding/json"
	"reflect"
	"strconv"
)

// Int64 is a `format: int64` value: a decimal string on the wire, as Google's JSON APIs send
// 64-bit integers. Decoding also accepts a bare JSON number, as the real service did.
type Int64 int64

func (n Int64) MarshalJSON() ([]byte, error) {
	return []byte(`"` + strconv.FormatInt(int64(n), 10) + `"`), nil
}

func (n *Int64) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		// An UnmarshalTypeError lets encoding/json add the field's path to the message.
		return &json.UnmarshalTypeError{Value: "string " + string(b) + " (want a decimal int64)", Type: reflect.TypeFor[Int64]()}
	}
	*n = Int64(v)
	return nil
}
