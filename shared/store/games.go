package store

import (
	"context"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/room"
)

// Games is the collection of one kind of game, real-time rooms (Store.Rooms) or turn-based
// matches (Store.Matches): reading a game, creating and changing one in a transaction
// (mutate.go), and the auto-matching transactions and queries (automatch.go), alike for both.
type Games[G game.Game[G]] struct {
	s          *Store
	collection string
	codec      codec[G]
	// missing is the error for a game that does not exist, naming the kind's path parameter.
	missing func(id string) error
}

// Rooms is the real-time rooms, stored in the collection Rooms.
func (s *Store) Rooms() Games[*room.Room] {
	return Games[*room.Room]{s: s, collection: Rooms, codec: roomCodec, missing: roomNotFound}
}

// Matches is the turn-based matches, stored in the collection Matches.
func (s *Store) Matches() Games[*match.Match] {
	return Games[*match.Match]{s: s, collection: Matches, codec: matchCodec, missing: matchNotFound}
}

// ref is the document of the game at id.
func (g Games[G]) ref(id string) func(*firestore.Client) *firestore.DocumentRef {
	return func(c *firestore.Client) *firestore.DocumentRef { return c.Collection(g.collection).Doc(id) }
}

// Get reads the game at id.
func (g Games[G]) Get(ctx context.Context, id string) (G, error) {
	return g.codec.get(ctx, g.s, g.ref(id), g.missing(id))
}
