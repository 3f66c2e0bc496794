package session

import (
	"errors"
	"fmt"
	"strings"

	"github.com/openplay-games/openplay/shared/errs"
)

// The conditional requests of MPSD: If-None-Match: * creates only, If-Match: * updates only,
// If-Match: <etag> is optimistic concurrency. A failed condition is 412, with the current
// session when there is one.

// Stale is the cause of a 412 when the session exists: the client gets it with its ETag.
type Stale struct{ Session *Session }

func (e *Stale) Error() string { return "the session changed" }

// StaleSession returns the session a 412 carries, if any.
func StaleSession(err error) *Session {
	var st *Stale
	if errors.As(err, &st) {
		return st.Session
	}
	return nil
}

func precondition(s *Session, format string, args ...any) error {
	e := errs.E(errs.Precondition, "", format, args...)
	if s != nil {
		e.Err = &Stale{Session: s}
	}
	return e
}

func checkConditions(s *Session, c Conditions) error {
	switch {
	case c.IfNoneMatch == "*" && s != nil:
		return precondition(s, "If-None-Match: the session exists")
	case c.IfMatch != "" && s == nil:
		return precondition(nil, "If-Match: the session does not exist")
	case c.IfMatch != "" && c.IfMatch != "*" && !ETagMatches(c.IfMatch, s.ETag()):
		return precondition(s, "If-Match: the session changed since that ETag")
	}
	return nil
}

// ETag is the session's entity tag: its branch and change number.
func (s *Session) ETag() string {
	return fmt.Sprintf("%q", fmt.Sprintf("%s-%d", s.Branch, s.ChangeNumber))
}

// ETagMatches compares an If-Match value with an ETag, ignoring quotes and a weak prefix.
func ETagMatches(header, etag string) bool {
	norm := func(v string) string { return strings.Trim(strings.TrimPrefix(strings.TrimSpace(v), "W/"), `"`) }
	for _, h := range strings.Split(header, ",") {
		if norm(h) == norm(etag) {
			return true
		}
	}
	return false
}
