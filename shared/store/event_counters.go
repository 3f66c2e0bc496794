package store

import (
	"context"
	"slices"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/event"
)

// playerEvents is a player's events document, players/{playerId}/state/events: every counter the
// player has and the record rate window. Being one document, an events.record reads and writes
// it once however many events the batch counts. Its size grows with the game's event
// definitions (about 60 bytes a counter, so some 15,000 fit in Firestore's 1 MiB).
type playerEvents struct {
	Counters map[string]counterValue `firestore:"counters"`
	Rate     windowDoc               `firestore:"rate"`
}

type counterValue struct {
	NumEvents int64     `firestore:"numEvents"`
	UpdatedAt time.Time `firestore:"updatedAt"`
}

func (s *Store) playerEventsRef(client *firestore.Client, playerID string) *firestore.DocumentRef {
	return s.player(client, playerID).Collection(playerState).Doc("events")
}

// readPlayerEvents reads a player's events document; a player who never recorded has none.
func readPlayerEvents(snap *firestore.DocumentSnapshot, err error) (playerEvents, error) {
	var pe playerEvents
	if status.Code(err) == codes.NotFound || (err == nil && !snap.Exists()) {
		return pe, nil
	}
	if err != nil {
		return pe, err
	}
	if err := snap.DataTo(&pe); err != nil {
		return pe, backendError(err, "decode "+snap.Ref.Path)
	}
	return pe, nil
}

func (s *Store) readCounters(ctx context.Context, playerID string) (playerEvents, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return playerEvents{}, err
	}
	pe, err := readPlayerEvents(s.playerEventsRef(client, playerID).Get(ctx))
	if err != nil {
		return pe, backendError(err, "read counters")
	}
	return pe, nil
}

// Counters reads playerID's counters of these events; events never recorded are absent.
func (s *Store) Counters(ctx context.Context, playerID string, ids []string) (map[string]event.Counter, error) {
	out := map[string]event.Counter{}
	if len(ids) == 0 {
		return out, nil
	}
	pe, err := s.readCounters(ctx, playerID)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if v, ok := pe.Counters[id]; ok {
			out[id] = event.Counter{DefinitionID: id, PlayerID: playerID, NumEvents: v.NumEvents, UpdatedAt: v.UpdatedAt}
		}
	}
	return out, nil
}

// CountersPage reads up to limit of playerID's counters in event ID order after pageToken.
func (s *Store) CountersPage(ctx context.Context, playerID string, limit int, pageToken string) ([]*event.Counter, string, error) {
	after, err := ParseCursor(pageToken)
	if err != nil {
		return nil, "", err
	}
	pe, err := s.readCounters(ctx, playerID)
	if err != nil {
		return nil, "", err
	}
	ids := make([]string, 0, len(pe.Counters))
	for id := range pe.Counters {
		if !after.positioned() || id > after.ID {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	next := ""
	if len(ids) > limit {
		ids, next = ids[:limit], Cursor{ID: ids[limit-1]}.Token()
	}
	out := make([]*event.Counter, len(ids))
	for i, id := range ids {
		v := pe.Counters[id]
		out[i] = &event.Counter{DefinitionID: id, PlayerID: playerID, NumEvents: v.NumEvents, UpdatedAt: v.UpdatedAt}
	}
	return out, next, nil
}
