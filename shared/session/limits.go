package session

import (
	"github.com/openplay-games/openplay/shared/errs"
)

// Limits on the JSON clients write into sessions (docs/sessions.md, "Limits"). MPSD documents
// none; these are far beyond what a game writes (the official client's documents nest 9 levels,
// hold objects of at most 16 keys and strings of at most 104 bytes) and keep what one session
// costs to store, decode and render small and proportional to its size.
const (
	// MaxDepth bounds the nesting of objects and arrays in a request body (the body itself is
	// level 1), so a custom property may nest about 11 levels.
	MaxDepth = 16
	// MaxEntries bounds the keys of one object and the items of one array.
	MaxEntries = 1000
	// MaxKeyBytes bounds an object key; MaxStringBytes a string value.
	MaxKeyBytes    = 256
	MaxStringBytes = 16 << 10
	// MaxRequestValues bounds the JSON values (objects, arrays, strings, numbers, booleans and
	// nulls) in one request body.
	MaxRequestValues = 4096
	// MaxSessionValues bounds the JSON values in a stored session's client-written parts
	// (constants, properties, roleTypes, servers and each member's: a member who only joined
	// holds about four); MaxSessionBytes bounds the whole stored document, the fields queries
	// use included, well under Firestore's 1 MiB (a member who only joined takes about 300
	// bytes, so a large session of 1,000 members fits).
	MaxSessionValues = 8192
	MaxSessionBytes  = 320 << 10
)

// checkSize refuses a session larger than MaxSessionBytes or MaxSessionValues (413); raw is
// its stored form (Marshal).
func (s *Session) checkSize(raw []byte) error {
	size := len(raw)
	for _, k := range s.MemberKeys() {
		size += len(k)
	}
	for _, k := range s.KeywordKeys() {
		size += len(k)
	}
	if size > MaxSessionBytes {
		return errs.E(errs.TooLarge, "", "the session would take %d bytes; a session holds at most %d", size, MaxSessionBytes)
	}
	if n := s.values(); n > MaxSessionValues {
		return errs.E(errs.TooLarge, "", "the session would hold %d JSON values; a session holds at most %d", n, MaxSessionValues)
	}
	return nil
}

// values counts the JSON values in the session's client-written parts.
func (s *Session) values() int {
	n := s.Constants.values() + s.Properties.values() + countValues(s.RoleTypes) + countValues(s.Servers) + countValues(s.Extra)
	for _, m := range s.Members {
		n += m.Constants.values() + m.Properties.values() + countValues(m.Roles) + countValues(m.Extra)
	}
	return n
}

func (b Bag) values() int { return countValues(b.System) + countValues(b.Custom) }

// countValues counts a decoded JSON value and everything in it (a nil map counts nothing).
func countValues(v any) int {
	switch t := v.(type) {
	case nil:
		return 0
	case map[string]any:
		if t == nil {
			return 0
		}
		n := 1
		for _, x := range t {
			n += max(countValues(x), 1) // a null inside counts as one value
		}
		return n
	case []any:
		n := 1
		for _, x := range t {
			n += max(countValues(x), 1)
		}
		return n
	}
	return 1
}
