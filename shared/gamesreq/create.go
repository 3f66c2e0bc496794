package gamesreq

import (
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/seating"
)

// Create is what a rooms.create or turnBasedMatches.create body asks for besides what only one
// kind of game has: who to play with, the variant, and the requestId that makes a retry land on
// the same game.
type Create struct {
	InviteeIDs []string
	Auto       *seating.AutoMatch
	Variant    *int32
	RequestID  *int64
}

// NewCreate is the create request for the body's fields; Auto is decoded apart (see AutoMatch).
func NewCreate(inviteeIDs []string, variant *int32, requestID *gamesv1.Int64) Create {
	out := Create{InviteeIDs: inviteeIDs, Variant: variant}
	if requestID != nil {
		id := int64(*requestID)
		out.RequestID = &id
	}
	return out
}

// Alone reports whether the caller auto-matches with nobody invited: they join a waiting game of
// their pool, or else make their own.
func (c Create) Alone() bool { return c.Auto != nil && len(c.InviteeIDs) == 0 }
