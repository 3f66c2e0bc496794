package game

import (
	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/player"
)

// Create is what the command that makes a room or a match holds whatever its kind.
type Create struct {
	ID            string
	ApplicationID string
	Creator       player.Profile
	Invitees      []player.Profile
	AutoMatching  *AutoMatch
	Variant       *int32
	Timeouts      application.Timeouts
}

// CreateRequest is what a rooms.create or turnBasedMatches.create body asks for besides what only
// one kind of game has: who to play with, the variant, and the requestId that makes a retry land
// on the same game.
type CreateRequest struct {
	InviteeIDs []string
	Auto       *AutoMatch
	Variant    *int32
	RequestID  *int64
}

// Alone reports whether the caller auto-matches with nobody invited: they join a waiting game of
// their pool, or else make their own.
func (c CreateRequest) Alone() bool { return c.Auto != nil && len(c.InviteeIDs) == 0 }
