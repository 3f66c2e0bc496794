package main

import (
	"strconv"
	"time"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
)

// app is the simulated application's ID.
const app = "capacity"

// kind is one kind of game as the simulation drives it: the rules a create call applies
// (functions/rooms and functions/matches, create). The matcher's rules are the games' own
// methods (game.Game), which game.Moves chooses among; the store's queries are the world's
// (world.go).
type kind[G game.Game[G]] struct {
	// waitEstimate says a seed shows its pool's wait estimate, which a query reads (rooms do).
	waitEstimate bool
	// seed makes the game of a player who found none to join; join places them in a waiting one.
	seed func(id string, s game.Seeker, t application.Timeouts, now time.Time) (G, []notification.Notification, error)
	join func(g G, s game.Seeker, now time.Time) ([]notification.Notification, error)
	// expire fires the game's lapsed timers, as the sweeper does.
	expire func(g G, now time.Time) []notification.Notification
	// state is what the store's auto-matching queries filter and order on.
	state func(g G) gameState
}

// gameState is a game's fields that the auto-matching queries read (shared/store/automatch.go).
type gameState struct {
	pool      string
	created   time.Time
	seeking   bool
	openSlots int
	// autoMatchClosesAt is when the auto-match timer fires (shared/room and shared/match timers).
	autoMatchClosesAt time.Time
}

func rooms() kind[*room.Room] {
	return kind[*room.Room]{
		waitEstimate: true,
		expire:       (*room.Room).Expire,
		seed: func(id string, s game.Seeker, t application.Timeouts, now time.Time) (*room.Room, []notification.Notification, error) {
			auto := s.Criteria
			return room.New(room.Create{Create: game.Create{ID: id, ApplicationID: app, Creator: s.Player,
				AutoMatching: &auto, Variant: s.Variant, Timeouts: t}}, now)
		},
		join: func(r *room.Room, s game.Seeker, now time.Time) ([]notification.Notification, error) {
			return r.Place(app, s, room.Client{}, false, now)
		},
		state: func(r *room.Room) gameState {
			return gameState{pool: r.Pool(), created: r.Created.At, seeking: r.Seeking(),
				openSlots: r.OpenSlots, autoMatchClosesAt: r.Created.At.Add(r.Timeouts.AutoMatch)}
		},
	}
}

func matches() kind[*match.Match] {
	return kind[*match.Match]{
		expire: (*match.Match).Expire,
		seed: func(id string, s game.Seeker, t application.Timeouts, now time.Time) (*match.Match, []notification.Notification, error) {
			auto := s.Criteria
			m, err := match.New(match.Create{Create: game.Create{ID: id, ApplicationID: app, Creator: s.Player,
				AutoMatching: &auto, Variant: s.Variant, Timeouts: t}}, now)
			return m, nil, err
		},
		join: func(m *match.Match, s game.Seeker, now time.Time) ([]notification.Notification, error) {
			return m.Place(app, s, false, now)
		},
		state: func(m *match.Match) gameState {
			return gameState{pool: m.Pool(), created: m.Created.At, seeking: m.Seeking(),
				openSlots: m.OpenSlots, autoMatchClosesAt: m.Created.At.Add(m.Timeouts.AutoMatch)}
		},
	}
}

// seeker is player n auto-matching alone for a game of size players.
func seeker(n, size int) game.Seeker {
	id := "p" + strconv.Itoa(n)
	others := int32(size - 1)
	return game.Seeker{Player: player.Profile{ID: id, DisplayName: id}, Criteria: game.AutoMatch{Min: others, Max: others}}
}
