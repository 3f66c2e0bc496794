package httpapi

import (
	"unicode/utf8"

	"github.com/openplay-games/openplay/shared/errs"
)

// CheckKind accepts an absent kind or the resource's constant kind.
func CheckKind(field, got, want string) error {
	if got != "" && got != want {
		return errs.E(errs.Invalid, field, "must be %q, got %q", want, got)
	}
	return nil
}

// CheckString bounds a free-text field: valid UTF-8 of at most max bytes.
func CheckString(field, s string, max int) error {
	if len(s) > max {
		return errs.E(errs.Invalid, field, "at most %d bytes, got %d", max, len(s))
	}
	if !utf8.ValidString(s) {
		return errs.E(errs.Invalid, field, "not valid UTF-8")
	}
	return nil
}

// CheckNonNegative accepts an absent or non-negative number.
func CheckNonNegative[T ~int32 | ~int64](field string, v *T) error {
	if v != nil && *v < 0 {
		return errs.E(errs.Invalid, field, "must not be negative, got %d", *v)
	}
	return nil
}

// FirstError reports the first of joined validation errors: one clear message naming one field,
// as Google's APIs do.
func FirstError(err error) error {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			if e != nil {
				return FirstError(e)
			}
		}
	}
	return err
}
