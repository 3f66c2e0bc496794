package seating

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/openplay-games/openplay/shared/player"
)

// Seeker is a player looking for a game by auto-matching alone (no invitees): the player who
// calls create, or the creator of a waiting game the matcher moves into another.
type Seeker struct {
	Player   player.Profile
	Criteria AutoMatch
	Variant  *int32
}

// Pool names the games of one size (players in the game plus open slots) of one application
// and variant (an unset variant only matches an unset variant): a seeker looks in the pools of
// the sizes it accepts.
func Pool(applicationID string, variant *int32, size int) string {
	v := "any"
	if variant != nil {
		v = strconv.Itoa(int(*variant))
	}
	return applicationID + "~" + v + "~" + strconv.Itoa(size)
}

// Pools are the pools of the game sizes a seeker with criteria c accepts.
func Pools(applicationID string, variant *int32, c AutoMatch) []string {
	var pools []string
	for others := max(c.Min, 1); others <= c.Max && others < MaxPlayers; others++ {
		pools = append(pools, Pool(applicationID, variant, int(others)+1))
	}
	return pools
}

// Fits reports why a seeker may not take an auto-match slot in a game of size players (those
// still in it plus its open slots) whose auto-matched players — and creator, when the creator
// asked for auto-matching — have the exclusive bitmasks masks, or nil when they may.
//
// The seeker's criteria count the other players it accepts: a game of size players gives it
// size-1 of them, which must lie between its minimum and maximum. Exclusive bitmasks (roles in
// the game: two players with a common bit cannot meet) must AND to zero with every mask.
func Fits(seeker AutoMatch, size int, masks []int64) error {
	others := int32(size - 1)
	if others < seeker.Min || others > seeker.Max {
		return fmt.Errorf("the game has %d other players; you asked for %d to %d", others, seeker.Min, seeker.Max)
	}
	for _, m := range masks {
		if m&seeker.ExclusiveBitmask != 0 {
			return errors.New("your exclusiveBitmask overlaps an auto-matched player's")
		}
	}
	return nil
}
