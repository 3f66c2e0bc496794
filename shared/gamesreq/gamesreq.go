// Package gamesreq turns fields of Play Games requests into domain values, for the checks the
// rooms and turn-based matches endpoints share.
package gamesreq

import (
	"errors"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/seating"
)

// AutoMatch decodes autoMatchingCriteria (nil when absent): its kind must be wantKind, and both
// minAutoMatchingPlayers and maxAutoMatchingPlayers are required. seating.Check applies the rules.
func AutoMatch(kind, wantKind string, min, max *int32, mask *gamesv1.Int64) (*seating.AutoMatch, error) {
	err := httpapi.CheckKind("autoMatchingCriteria.kind", kind, wantKind)
	if min == nil {
		err = errors.Join(err, errs.E(errs.Invalid, "autoMatchingCriteria.minAutoMatchingPlayers", "required with autoMatchingCriteria"))
	}
	if max == nil {
		err = errors.Join(err, errs.E(errs.Invalid, "autoMatchingCriteria.maxAutoMatchingPlayers", "required with autoMatchingCriteria"))
	}
	if err != nil {
		return nil, FirstError(err)
	}
	out := &seating.AutoMatch{Min: *min, Max: *max}
	if mask != nil {
		out.ExclusiveBitmask = int64(*mask)
	}
	return out, nil
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
