package store

import (
	"context"
	"time"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/room"
)

func roomNotFound(id string) error { return errs.E(errs.NotFound, "roomId", "no room %q", id) }

// invitationsQuery finds the rooms a player is invited to and has not answered or dismissed,
// newest first.
var invitationsQuery = Query{
	Collection: Rooms,
	Filters:    []Filter{{Field: "invitees", Op: "array-contains"}},
	Orders:     []Order{{Field: "created.at", Dir: firestore.Desc}, {Field: firestore.DocumentID, Dir: firestore.Desc}},
}

// Invitations returns up to limit rooms playerID is invited to (fewer once they take pageBytes),
// newest first, after the position in pageToken, and the token of the next page ("" when there
// is none).
func (s *Store) Invitations(ctx context.Context, playerID string, limit int, pageToken string) ([]*room.Room, string, error) {
	after, err := ParseCursor(pageToken)
	if err != nil {
		return nil, "", err
	}
	client, err := s.Client(ctx)
	if err != nil {
		return nil, "", err
	}
	q := invitationsQuery.build(client, playerID)
	if after != nil {
		q = q.StartAfter(after.At, after.ID)
	}
	docs, more, err := readPage[roomDoc](ctx, q, limit)
	rooms := convert(docs, (*roomDoc).room)
	if err != nil || !more {
		return rooms, "", err
	}
	last := rooms[len(rooms)-1]
	return rooms, Cursor{At: last.Created.At, ID: last.ID}.Token(), nil
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
