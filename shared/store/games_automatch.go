package store

import (
	"context"
	"time"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/room"
)

// The auto-matching transactions (automatch.go) for each kind of game.

// SeekingMatches reads up to limit matches of the pools waiting for a player, oldest first.
func (s *Store) SeekingMatches(ctx context.Context, pools []string, limit int) ([]*match.Match, error) {
	return seeking(ctx, s, matchCodec, Matches, pools, limit)
}

// WaitingMatches reads up to limit of the application's matches waiting for players that changed
// at or after since, the most recently changed first: what the matcher considers moving.
func (s *Store) WaitingMatches(ctx context.Context, applicationID string, since time.Time, limit int) ([]*match.Match, error) {
	return waiting(ctx, s, matchCodec, Matches, applicationID, since, limit)
}

// PlaceInMatch places the ticket's player, playerID, in a match with fn (see ticketed).
func (s *Store) PlaceInMatch(ctx context.Context, ticketID, playerID, matchID string, now time.Time, fn func(*match.Match) ([]notification.Notification, error)) (Placed[*match.Match], error) {
	return place(ctx, s, matchCodec, Matches, ticketID, playerID, matchID, now, fn)
}

// SeedMatch stores the ticket's player's own match (see ticketed).
func (s *Store) SeedMatch(ctx context.Context, ticketID string, now time.Time, build func() (*match.Match, []notification.Notification, error)) (Placed[*match.Match], error) {
	return seed(ctx, s, matchCodec, Matches, ticketID, now, build)
}

// MergeMatches moves players of the seed match into another match (see merge).
func (s *Store) MergeMatches(ctx context.Context, seedID, intoID string, now time.Time, fn func(seed, into *match.Match) (Moved, error)) ([]notification.Notification, error) {
	return merge(ctx, s, matchCodec, Matches, seedID, intoID, now, fn)
}

// SeekingRooms reads up to limit rooms of the pools waiting for a player, oldest first.
func (s *Store) SeekingRooms(ctx context.Context, pools []string, limit int) ([]*room.Room, error) {
	return seeking(ctx, s, roomCodec, Rooms, pools, limit)
}

// WaitingRooms reads up to limit of the application's rooms waiting for players that changed at
// or after since, the most recently changed first: what the matcher considers moving.
func (s *Store) WaitingRooms(ctx context.Context, applicationID string, since time.Time, limit int) ([]*room.Room, error) {
	return waiting(ctx, s, roomCodec, Rooms, applicationID, since, limit)
}

// PlaceInRoom places the ticket's player, playerID, in a room with fn (see ticketed).
func (s *Store) PlaceInRoom(ctx context.Context, ticketID, playerID, roomID string, now time.Time, fn func(*room.Room) ([]notification.Notification, error)) (Placed[*room.Room], error) {
	return place(ctx, s, roomCodec, Rooms, ticketID, playerID, roomID, now, fn)
}

// SeedRoom stores the ticket's player's own room (see ticketed).
func (s *Store) SeedRoom(ctx context.Context, ticketID string, now time.Time, build func() (*room.Room, []notification.Notification, error)) (Placed[*room.Room], error) {
	return seed(ctx, s, roomCodec, Rooms, ticketID, now, build)
}

// MergeRooms moves players of the seed room into another room (see merge).
func (s *Store) MergeRooms(ctx context.Context, seedID, intoID string, now time.Time, fn func(seed, into *room.Room) (Moved, error)) ([]notification.Notification, error) {
	return merge(ctx, s, roomCodec, Rooms, seedID, intoID, now, fn)
}

// roomFillsQuery finds a pool's rooms whose slots filled, most recent first: their waits make
// the pool's wait estimate. (Only rooms show one: a TurnBasedMatch has no autoMatchingStatus.)
var roomFillsQuery = Query{Collection: Rooms, Filters: []Filter{{Field: "pool", Op: "=="}},
	Orders: []Order{{Field: "filledAt", Dir: firestore.Desc}, {Field: firestore.DocumentID, Dir: firestore.Desc}}}

// waitSamples is how many recent fills a wait estimate averages.
const waitSamples = 20

// RoomWaitEstimate is the mean wait of the pool's last filled rooms (nil: none known).
func (s *Store) RoomWaitEstimate(ctx context.Context, pool string) (*int32, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	type fill struct {
		FilledAt    *time.Time `firestore:"filledAt"`
		WaitSeconds int64      `firestore:"waitSeconds"`
	}
	fills, err := readAll[fill](ctx, roomFillsQuery.build(client, pool).Select("filledAt", "waitSeconds").Limit(waitSamples))
	if err != nil {
		return nil, err
	}
	var sum, n int64
	for _, f := range fills {
		if f.FilledAt != nil { // rooms never filled sort last, with a null filledAt
			sum, n = sum+f.WaitSeconds, n+1
		}
	}
	if n == 0 {
		return nil, nil
	}
	mean := int32(sum / n)
	return &mean, nil
}
