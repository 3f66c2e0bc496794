package games

import (
	"context"
	"time"

	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/ratelimit"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/store"
)

// Kind is one kind of game, real-time rooms or turn-based matches: the store's methods for it,
// and the rules by which the matcher moves a seed's players into another game.
type Kind[G Game] struct {
	Get     func(ctx context.Context, id string) (G, error)
	Create  func(ctx context.Context, id string, inv *ratelimit.Invitations, build func() (G, []notification.Notification, error)) (G, bool, []notification.Notification, error)
	Seeking func(ctx context.Context, pools []string, limit int) ([]G, error)
	Waiting func(ctx context.Context, applicationID string, since time.Time, limit int) ([]G, error)
	PlaceIn func(ctx context.Context, ticketID, playerID, gameID string, now time.Time, fn func(G) ([]notification.Notification, error)) (store.Placed[G], error)
	Merge   func(ctx context.Context, seedID, intoID string, now time.Time, fn func(seed, into G) (store.Moved, error)) ([]notification.Notification, error)

	// Move moves every player of seed into into and closes seed, telling each where they went;
	// a coded conflict when seed's players can no longer be moved or into cannot take them.
	Move func(seed G, applicationID string, into G, now time.Time) (store.Moved, error)
	// Spill moves the last n players of seed, one by one, into a fuller game that cannot take
	// them all (game.Spill), filling it; seed goes on waiting. Nil: the kind moves games only
	// whole.
	Spill func(seed G, applicationID string, into G, n int, now time.Time) (store.Moved, error)
}

// Rooms is the real-time rooms of st.
func Rooms(st *store.Store) Kind[*room.Room] {
	return Kind[*room.Room]{Get: st.Room, Create: st.CreateRoom, Seeking: st.SeekingRooms, Waiting: st.WaitingRooms,
		PlaceIn: st.PlaceInRoom, Merge: st.MergeRooms, Move: moveRoom, Spill: spillRoom}
}

// moveRoom is room.MoveInto, naming the players it moved: those of the seed not moved out of
// it before.
func moveRoom(seed *room.Room, applicationID string, into *room.Room, now time.Time) (store.Moved, error) {
	notes, err := seed.MoveInto(applicationID, into, now)
	if err != nil {
		return store.Moved{}, err
	}
	m := store.Moved{Whole: true, Notes: notes}
	for _, p := range seed.Participants {
		if p.MovedTo == "" {
			m.Players = append(m.Players, p.Player.ID)
		}
	}
	return m, nil
}

// spillRoom is room.SpillInto.
func spillRoom(seed *room.Room, applicationID string, into *room.Room, n int, now time.Time) (store.Moved, error) {
	players, notes, err := seed.SpillInto(applicationID, into, n, now)
	return store.Moved{Players: players, Notes: notes}, err
}

// Matches is the turn-based matches of st.
func Matches(st *store.Store) Kind[*match.Match] {
	return Kind[*match.Match]{Get: st.Match, Create: st.CreateMatch, Seeking: st.SeekingMatches, Waiting: st.WaitingMatches,
		PlaceIn: st.PlaceInMatch, Merge: st.MergeMatches, Move: moveMatch}
}

// moveMatch is match.MoveInto, naming the players it moved: all of the seed's.
func moveMatch(seed *match.Match, applicationID string, into *match.Match, now time.Time) (store.Moved, error) {
	notes, err := seed.MoveInto(applicationID, into, now)
	if err != nil {
		return store.Moved{}, err
	}
	m := store.Moved{Whole: true, Notes: notes}
	for _, p := range seed.Participants {
		m.Players = append(m.Players, p.Player.ID)
	}
	return m, nil
}
