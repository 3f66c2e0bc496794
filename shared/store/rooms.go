package store

import (
	"context"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/ratelimit"
	"github.com/openplay-games/openplay/shared/room"
)

func roomRef(id string) func(*firestore.Client) *firestore.DocumentRef {
	return func(c *firestore.Client) *firestore.DocumentRef { return c.Collection(Rooms).Doc(id) }
}

func roomNotFound(id string) error { return errs.E(errs.NotFound, "roomId", "no room %q", id) }

// CreateRoom stores the room build makes at id, with its invitations in the outbox, charged to
// the creator's invitation window as inv says (nil: not charged). If a room already exists at id
// (a retried create), it is returned with created false, and build and inv are not used.
func (s *Store) CreateRoom(ctx context.Context, id string, inv *ratelimit.Invitations, build func() (*room.Room, []notification.Notification, error)) (*room.Room, bool, []notification.Notification, error) {
	return create(ctx, s, roomCodec, roomRef(id), inv, build)
}

// UpdateRoom applies fn to the room in one transaction (see mutate).
func (s *Store) UpdateRoom(ctx context.Context, id string, fn func(*room.Room) ([]notification.Notification, error)) (*room.Room, []notification.Notification, error) {
	return mutate(ctx, s, roomCodec, roomRef(id), roomNotFound(id), fn)
}

// Room reads a room.
func (s *Store) Room(ctx context.Context, id string) (*room.Room, error) {
	d, err := get[roomDoc](ctx, s, roomRef(id), roomNotFound(id))
	if err != nil {
		return nil, err
	}
	return d.room(), nil
}

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
