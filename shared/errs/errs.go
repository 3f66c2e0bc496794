// Package errs is OpenPlay's error vocabulary: every error a caller can act on carries a Kind,
// the field or rule it concerns, and a message worded for a game developer. The HTTP layer maps
// Kinds to status codes in one table (see httpapi); nothing else decides a status.
package errs

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error by what the caller can do about it.
type Kind int

const (
	Internal         Kind = iota // a bug or an unexpected backend answer; details are logged, not shown
	Invalid                      // the request is malformed or breaks a rule about its own content
	Unauthenticated              // no valid credentials
	Permission                   // authenticated, but not allowed
	NotFound                     // no such resource, or the caller may not know it exists
	Conflict                     // the resource is in a state that forbids the call
	Precondition                 // a version or ETag the caller sent is stale
	TooLarge                     // the request body or a field exceeds its size limit
	Rate                         // the caller is going too fast
	Unavailable                  // a backend is unavailable; retrying later may succeed
	MethodNotAllowed             // the path exists but not with this HTTP method
)

var kindNames = [...]string{"internal", "invalid", "unauthenticated", "permission", "not found",
	"conflict", "precondition", "too large", "rate", "unavailable", "method not allowed"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error is a coded error. Field names the request field or rule at fault ("invitedPlayerIds[2]",
// "matchVersion"); Message says what is wrong; Err is an optional cause kept for logs;
// RetryAfter, when set, is how long the caller should wait before trying again (a Rate error
// knows when its window ends).
type Error struct {
	Kind       Kind
	Field      string
	Message    string
	Err        error
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Public is the message safe to show a client: the field and the rule, never the cause.
func (e *Error) Public() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// E builds a coded error about a field (which may be empty).
func E(kind Kind, field, format string, args ...any) *Error {
	return &Error{Kind: kind, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Wrap builds a coded error that keeps cause for the logs.
func Wrap(kind Kind, cause error, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...), Err: cause}
}

// KindOf reports the Kind of err: that of the outermost *Error in its chain, else Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Is reports whether err carries kind.
func Is(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }
