// Package games is the handler code that real-time rooms and turn-based matches share: the
// create call up to the rule that makes the game, auto-matching a player alone, and the
// matcher's view of each kind (Kind). The rules themselves live in shared/room and shared/match.
//
// It sits beside the rooms, matches and operations handlers rather than in shared/ because it is
// handler code: it runs the service's store and delivers notifications for a request.
package games

import (
	"time"

	"github.com/openplay-games/openplay/shared/game"
)

// Game is a real-time room (*room.Room) or a turn-based match (*match.Match), as the code that
// handles both alike calls it.
type Game interface {
	comparable // a pointer, nil where the store has no game to give
	GameID() string
	// Refresh fires the game's lapsed timers, as a reader sees it at now.
	Refresh(now time.Time)
	// CanPlace reports why s cannot take a slot in the game at now (lapsed timers applied).
	CanPlace(applicationID string, s game.Seeker, now time.Time) error
	// Movers are the players the matcher may move out of the game at now, all together; none
	// when it may not.
	Movers(now time.Time) []game.Seeker
	// Vacant is how many players the game can take now.
	Vacant() int
}
