// Package game holds what real-time rooms (shared/room) and turn-based matches (shared/match)
// share: who a game is created with (invitees, auto-match slots and pools, the 8-player limit),
// what a create call asks for, finding a participant (Find), and the matcher's rule for moving
// waiting players (Moves). Each kind's rules are methods of its own type, which Game names.
package game

import (
	"time"

	"github.com/openplay-games/openplay/shared/notification"
)

// Game is a real-time room (*room.Room) or a turn-based match (*match.Match), as the code that
// handles both alike calls it; G is the game's own type, which the move rules take as the game
// players move into.
type Game[G any] interface {
	comparable // a pointer, nil where the store has no game to give
	GameID() string
	// StateVersion grows with every change to the game: a rule that leaves it alone changed
	// nothing to store.
	StateVersion() int64
	// Refresh fires the game's lapsed timers, as a reader sees it at now.
	Refresh(now time.Time)
	// VisibleTo reports whether the player may see the game; to anyone else it does not exist.
	VisibleTo(playerID string) bool
	// CanPlace reports why s cannot take a slot in the game at now (lapsed timers applied).
	CanPlace(applicationID string, s Seeker, now time.Time) error
	// Movers are the players the matcher may move out of the game at now, all together; none
	// when it may not.
	Movers(now time.Time) []Seeker
	// Vacant is how many players the game can take now.
	Vacant() int
	// Pool is the auto-matching pool the game's slots are filled from ("" without auto-matching).
	Pool() string
	// CreatedAt is when the game was made.
	CreatedAt() time.Time
	// MoveInto moves every mover of the game, a seed, into into and closes the seed, telling
	// each where they went; a coded conflict when the seed's players can no longer be moved or
	// into cannot take them.
	MoveInto(applicationID string, into G, now time.Time) (Moved, error)
}

// Spiller is a Game whose seed may also give some of its players to a fuller game: rooms do,
// matches move only whole (they do not implement it).
type Spiller[G any] interface {
	// SpillInto moves the last n movers of the game, one by one, into into, a fuller game that
	// cannot take them all (Spill), filling it; the game goes on waiting with the others.
	SpillInto(applicationID string, into G, n int, now time.Time) (Moved, error)
}

// Moved is what a move of players out of one game into another did: the players moved, in the
// order they came (the first of a whole move is the seed's creator), whether that was all of
// them (the seed is closed), and what it owes.
type Moved struct {
	Players []string
	Whole   bool
	Notes   []notification.Notification
}
