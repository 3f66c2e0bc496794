package games

import (
	"context"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/ratelimit"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/seating"
	"github.com/openplay-games/openplay/shared/store"
)

// Kind is one kind of game, real-time rooms or turn-based matches: the store's methods for it,
// and the two places its rules differ where the matcher moves a seed's creator (a room's player
// brings the client they made the seed from).
type Kind[G Game] struct {
	Get     func(ctx context.Context, id string) (G, error)
	Create  func(ctx context.Context, id string, inv *ratelimit.Invitations, build func() (G, []notification.Notification, error)) (G, bool, []notification.Notification, error)
	Seeking func(ctx context.Context, pools []string, limit int) ([]G, error)
	PlaceIn func(ctx context.Context, ticketID, gameID string, now time.Time, fn func(G) ([]notification.Notification, error)) (store.Placed[G], error)
	Merge   func(ctx context.Context, seedID, intoID string, now time.Time, fn func(seed, into G) ([]notification.Notification, error)) ([]notification.Notification, error)

	// Seeker is the creator of a seed, looking for a game as they did when they made it; false
	// when the game is not a seed they can still be moved out of.
	Seeker func(seed G) (seating.Seeker, bool)
	// MoveCreator places the creator of seed in into and tells them where they went; a coded
	// conflict when seed is no longer a seed.
	MoveCreator func(applicationID string, seed, into G, now time.Time) ([]notification.Notification, error)
}

// Rooms is the real-time rooms of st.
func Rooms(st *store.Store) Kind[*room.Room] {
	return Kind[*room.Room]{
		Get: st.Room, Create: st.CreateRoom, Seeking: st.SeekingRooms, PlaceIn: st.PlaceInRoom, Merge: st.MergeRooms,
		Seeker: func(seed *room.Room) (seating.Seeker, bool) {
			s, _, ok := seed.Seeker()
			return s, ok
		},
		MoveCreator: func(applicationID string, seed, into *room.Room, now time.Time) ([]notification.Notification, error) {
			s, c, ok := seed.Seeker()
			if !ok {
				return nil, errs.E(errs.Conflict, "roomId", "the seed changed")
			}
			return into.Place(applicationID, s, c, true, now)
		},
	}
}

// Matches is the turn-based matches of st.
func Matches(st *store.Store) Kind[*match.Match] {
	return Kind[*match.Match]{
		Get: st.Match, Create: st.CreateMatch, Seeking: st.SeekingMatches, PlaceIn: st.PlaceInMatch, Merge: st.MergeMatches,
		Seeker: (*match.Match).Seeker,
		MoveCreator: func(applicationID string, seed, into *match.Match, now time.Time) ([]notification.Notification, error) {
			s, ok := seed.Seeker()
			if !ok {
				return nil, errs.E(errs.Conflict, "matchId", "the seed changed")
			}
			return into.Place(applicationID, s, true, now)
		},
	}
}
