package games

import (
	"errors"
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
)

// NewCreateRequest is the create request for the body's fields; Auto is decoded apart (see
// DecodeAutoMatch).
func NewCreateRequest(inviteeIDs []string, variant *int32, requestID *gamesv1.Int64) game.CreateRequest {
	out := game.CreateRequest{InviteeIDs: inviteeIDs, Variant: variant}
	if requestID != nil {
		id := int64(*requestID)
		out.RequestID = &id
	}
	return out
}

// DecodeAutoMatch decodes autoMatchingCriteria (nil when absent): its kind must be wantKind, and
// both minAutoMatchingPlayers and maxAutoMatchingPlayers are required. game.Check applies the
// rules.
func DecodeAutoMatch(kind, wantKind string, min, max *int32, mask *gamesv1.Int64) (*game.AutoMatch, error) {
	err := httpapi.CheckKind("autoMatchingCriteria.kind", kind, wantKind)
	if min == nil {
		err = errors.Join(err, errs.E(errs.Invalid, "autoMatchingCriteria.minAutoMatchingPlayers", "required with autoMatchingCriteria"))
	}
	if max == nil {
		err = errors.Join(err, errs.E(errs.Invalid, "autoMatchingCriteria.maxAutoMatchingPlayers", "required with autoMatchingCriteria"))
	}
	if err != nil {
		return nil, httpapi.FirstError(err)
	}
	out := &game.AutoMatch{Min: *min, Max: *max}
	if mask != nil {
		out.ExclusiveBitmask = int64(*mask)
	}
	return out, nil
}

// MaxPageSize is the most games a list call answers with: maxResults is 1 to 500, as the
// discovery document bounds it for rooms and matches.
const MaxPageSize = 500

// MaxResults reads a list call's maxResults: 1 to MaxPageSize, 50 when absent.
func MaxResults(r *http.Request) (int, error) {
	return httpapi.QueryInt(r, "maxResults", 1, MaxPageSize, 50)
}
