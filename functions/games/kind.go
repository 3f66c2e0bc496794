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
// and the rule by which the matcher moves a seed's players into another game.
type Kind[G Game] struct {
	Get     func(ctx context.Context, id string) (G, error)
	Create  func(ctx context.Context, id string, inv *ratelimit.Invitations, build func() (G, []notification.Notification, error)) (G, bool, []notification.Notification, error)
	Seeking func(ctx context.Context, pools []string, limit int) ([]G, error)
	Waiting func(ctx context.Context, applicationID string, limit int) ([]G, error)
	PlaceIn func(ctx context.Context, ticketID, gameID string, now time.Time, fn func(G) ([]notification.Notification, error)) (store.Placed[G], error)
	Merge   func(ctx context.Context, seedID, intoID string, now time.Time, fn func(seed, into G) ([]notification.Notification, error)) ([]notification.Notification, error)

	// Move moves every player of seed into into and closes seed, telling each where they went;
	// a coded conflict when seed's players can no longer be moved or into cannot take them.
	Move func(seed G, applicationID string, into G, now time.Time) ([]notification.Notification, error)
}

// Rooms is the real-time rooms of st.
func Rooms(st *store.Store) Kind[*room.Room] {
	return Kind[*room.Room]{Get: st.Room, Create: st.CreateRoom, Seeking: st.SeekingRooms, Waiting: st.WaitingRooms,
		PlaceIn: st.PlaceInRoom, Merge: st.MergeRooms, Move: (*room.Room).MoveInto}
}

// Matches is the turn-based matches of st.
func Matches(st *store.Store) Kind[*match.Match] {
	return Kind[*match.Match]{Get: st.Match, Create: st.CreateMatch, Seeking: st.SeekingMatches, Waiting: st.WaitingMatches,
		PlaceIn: st.PlaceInMatch, Merge: st.MergeMatches, Move: (*match.Match).MoveInto}
}
