package game

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

// Spill is how many of the movers of a partly filled game the matcher moves, one by one, into
// another game of the same size that cannot take them all: as many as fill it, when it is the
// fuller of the two (fewer open slots); none otherwise. Players so flow only towards the fuller
// game and each such move fills one, so games of four holding 3, 3 and 2 become two full games
// (the two go one to each three), and no pass undoes another's. (Each auto-matched player is a
// ticket of their own; a game that takes all the movers takes them whole instead.)
func Spill(movers, fromOpen, intoOpen int) int {
	if intoOpen <= 0 || movers <= intoOpen || intoOpen >= fromOpen {
		return 0
	}
	return intoOpen
}
