package game

import (
	"strconv"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/player"
)

// MaxPlayers bounds a game: creator, invitees and auto-match slots together.
const MaxPlayers = 8

// AutoMatch asks for players to be added by auto-matching.
type AutoMatch struct {
	Min              int32
	Max              int32
	ExclusiveBitmask int64
}

// Check applies the rules about who a game may be created with. It needs only IDs, so it runs
// before the invitees' profiles are looked up.
func Check(creatorID string, inviteeIDs []string, auto *AutoMatch) error {
	if len(inviteeIDs) == 0 && auto == nil {
		return errs.E(errs.Invalid, "invitedPlayerIds", "a game needs at least one invited player or autoMatchingCriteria")
	}
	seen := map[string]bool{}
	for i, id := range inviteeIDs {
		field := "invitedPlayerIds[" + strconv.Itoa(i) + "]"
		switch {
		case !player.ValidID(id):
			return errs.E(errs.Invalid, field, "%q is not a player ID (1 to 128 printable ASCII characters)", id)
		case id == creatorID:
			return errs.E(errs.Invalid, field, "you cannot invite yourself")
		case seen[id]:
			return errs.E(errs.Invalid, field, "player %q is invited twice", id)
		}
		seen[id] = true
	}
	total := 1 + len(inviteeIDs)
	if auto != nil {
		if auto.Min < 1 {
			return errs.E(errs.Invalid, "autoMatchingCriteria.minAutoMatchingPlayers", "must be at least 1, got %d", auto.Min)
		}
		if auto.Max < auto.Min {
			return errs.E(errs.Invalid, "autoMatchingCriteria.maxAutoMatchingPlayers",
				"must be at least minAutoMatchingPlayers (%d), got %d", auto.Min, auto.Max)
		}
		total += int(auto.Max)
	}
	if total > MaxPlayers {
		return errs.E(errs.Invalid, "invitedPlayerIds", "a game holds at most %d players; the creator, %d invited and %d auto-matched make %d",
			MaxPlayers, len(inviteeIDs), total-1-len(inviteeIDs), total)
	}
	return nil
}

// CheckPlayers is Check for players already looked up: what a game's rule checks when it makes
// the game.
func CheckPlayers(creator player.Profile, invitees []player.Profile, auto *AutoMatch) error {
	inviteeIDs := make([]string, len(invitees))
	for i, p := range invitees {
		inviteeIDs[i] = p.ID
	}
	return Check(creator.ID, inviteeIDs, auto)
}
