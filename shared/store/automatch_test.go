package store_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// seedRoom stores a room of three made by a player auto-matching alone.
func seedRoom(t *testing.T, s *store.Store) *room.Room {
	t.Helper()
	id := ids.Random()
	auto := &game.AutoMatch{Min: 2, Max: 2}
	p, err := s.Rooms().Seed(t.Context(), id, t0, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{Create: game.Create{ID: id, ApplicationID: "app",
			Creator: player.Profile{ID: "ana-" + id}, AutoMatching: auto}}, t0)
	})
	require.NoError(t, err)
	return p.Game
}

func placeBen(r *room.Room) ([]notification.Notification, error) {
	s := game.Seeker{Player: player.Profile{ID: "ben-" + r.ID}, Criteria: *r.AutoMatching}
	return r.Place("app", s, room.Client{}, false, t0)
}

// TestPlacementStoresTheGameWhole: a placement writes the game on condition, as updates of its
// fields; what is stored reads back as the game the rule made.
func TestPlacementStoresTheGameWhole(t *testing.T) {
	s := store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _ = s.Close() })
	r := seedRoom(t, s)
	placed, err := s.Rooms().PlaceIn(t.Context(), ids.Random(), "ben-"+r.ID, r.ID, t0, placeBen)
	require.NoError(t, err)
	require.Len(t, placed.Game.Participants, 2, "Ben placed")
	stored, err := s.Rooms().Get(t.Context(), r.ID)
	require.NoError(t, err)
	assert.Equal(t, placed.Game, stored, "the stored room")
}

// TestPlacementInAChangedGameIsAConflict: a game that another call changed after the placement
// read it is not written over: the placement is a conflict, and writes neither the game nor its
// ticket.
func TestPlacementInAChangedGameIsAConflict(t *testing.T) {
	s, other := store.New(testenv.Config(t).ProjectID), store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _, _ = s.Close(), other.Close() })
	r := seedRoom(t, s)
	ticket := ids.Random()
	_, err := s.Rooms().PlaceIn(t.Context(), ticket, "ben-"+r.ID, r.ID, t0, func(read *room.Room) ([]notification.Notification, error) {
		// another instance places Chloe after this call read the room
		_, err := other.Rooms().PlaceIn(t.Context(), ids.Random(), "chloe-"+r.ID, r.ID, t0, func(r *room.Room) ([]notification.Notification, error) {
			return r.Place("app", game.Seeker{Player: player.Profile{ID: "chloe-" + r.ID}, Criteria: *r.AutoMatching}, room.Client{}, false, t0)
		})
		require.NoError(t, err, "Chloe's placement")
		return placeBen(read)
	})
	require.True(t, errs.Is(err, errs.Conflict), "Ben's placement: %v", err)
	stored, err := s.Rooms().Get(t.Context(), r.ID)
	require.NoError(t, err)
	require.Len(t, stored.Participants, 2, "the room holds Ana and Chloe")
	assert.Equal(t, "chloe-"+r.ID, stored.Participants[1].Player.ID, "the room holds Ana and Chloe")
	// the ticket was not written: a retry places Ben afresh
	placed, err := s.Rooms().PlaceIn(t.Context(), ticket, "ben-"+r.ID, r.ID, t0, placeBen)
	require.NoError(t, err)
	require.NotNil(t, placed.Game, "a retry is placed, not answered from a ticket")
	assert.Len(t, placed.Game.Participants, 3, "Ben placed on retry")
}

// TestPlacementInAMatchStampsItsSyncTime: a placement is a change, which sync pages by, so
// Firestore stamps the match's syncAt with the placement's commit time, as every other write of a
// match does.
func TestPlacementInAMatchStampsItsSyncTime(t *testing.T) {
	s := testenv.Service(t).Store
	id := ids.Random()
	seeded, err := s.Matches().Seed(t.Context(), id, t0, func() (*match.Match, []notification.Notification, error) {
		m, err := match.New(match.Create{Create: game.Create{ID: id, ApplicationID: "app",
			Creator: player.Profile{ID: "ana-" + id}, AutoMatching: &game.AutoMatch{Min: 1, Max: 1}}}, t0)
		return m, nil, err
	})
	require.NoError(t, err)
	created, ok := rawDoc(t, s, store.Matches+"/"+id)["syncAt"].(time.Time)
	require.True(t, ok && !created.IsZero(), "syncAt stamped at creation")
	_, err = s.Matches().PlaceIn(t.Context(), ids.Random(), "ben-"+id, seeded.GameID, t0, func(m *match.Match) ([]notification.Notification, error) {
		return m.Place("app", game.Seeker{Player: player.Profile{ID: "ben-" + id}, Criteria: *m.AutoMatching}, false, t0)
	})
	require.NoError(t, err)
	placed, err := s.Matches().Get(t.Context(), id)
	require.NoError(t, err)
	require.Len(t, placed.Participants, 2, "Ben placed")
	syncAt := rawDoc(t, s, store.Matches+"/"+id)["syncAt"].(time.Time)
	assert.True(t, syncAt.After(created), "syncAt %v, at creation %v", syncAt, created)
}

// TestMergeRacingAPlacement: the matcher moving a seed's player into a room while a create,
// on another instance, places a player in it. Each call either commits or is a conflict, at
// least one commits, and the room and the tickets show exactly the calls that committed: neither
// write is lost under the other.
func TestMergeRacingAPlacement(t *testing.T) {
	s, other := store.New(testenv.Config(t).ProjectID), store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _, _ = s.Close(), other.Close() })
	for range 10 {
		seed, into := seedRoom(t, s), seedRoom(t, s)
		benTicket := ids.Random()
		var merged, placed error
		var wg sync.WaitGroup
		wg.Go(func() {
			_, merged = s.Rooms().Merge(t.Context(), seed.ID, into.ID, t0, func(seed, into *room.Room) (game.Moved, error) {
				return seed.MoveInto("app", into, t0)
			})
		})
		wg.Go(func() {
			_, placed = other.Rooms().PlaceIn(t.Context(), benTicket, "ben-"+into.ID, into.ID, t0, placeBen)
		})
		wg.Wait()
		for _, err := range []error{merged, placed} {
			require.True(t, err == nil || errs.Is(err, errs.Conflict), "each call commits or is a conflict: %v", err)
		}
		require.True(t, merged == nil || placed == nil, "one of the two commits")

		want := []string{into.Participants[0].Player.ID}
		wantSeedTicket, wantBenTicket := seed.ID, ""
		if merged == nil {
			want, wantSeedTicket = append(want, seed.Participants[0].Player.ID), into.ID
		}
		if placed == nil {
			want, wantBenTicket = append(want, "ben-"+into.ID), into.ID
		}
		stored, err := s.Rooms().Get(t.Context(), into.ID)
		require.NoError(t, err)
		assert.ElementsMatch(t, want, playerIDs(stored), "the room holds its creator and whoever the committed calls put there (merge: %v, placement: %v)", merged, placed)
		assert.Equal(t, wantSeedTicket, ticketNames(t, s, seed.ID), "the seed creator's ticket")
		assert.Equal(t, wantBenTicket, ticketNames(t, s, benTicket), "Ben's ticket")
	}
}

// TestMergeOfASeedThatChangedIsAConflict: a create on another instance places Dan in the seed
// after the matcher's move read it (here from inside the move's rule). The move is a conflict and
// writes nothing: the seed holds Ana and Dan, the other room only its creator, and both tickets
// still name the seed, Dan's included, which the move never read.
func TestMergeOfASeedThatChangedIsAConflict(t *testing.T) {
	s, other := store.New(testenv.Config(t).ProjectID), store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _, _ = s.Close(), other.Close() })
	seed, into := seedRoom(t, s), seedRoom(t, s)
	dan, danTicket := "dan-"+seed.ID, ids.Random()
	_, err := s.Rooms().Merge(t.Context(), seed.ID, into.ID, t0, func(read, into *room.Room) (game.Moved, error) {
		_, err := other.Rooms().PlaceIn(t.Context(), danTicket, dan, seed.ID, t0, func(r *room.Room) ([]notification.Notification, error) {
			return r.Place("app", game.Seeker{Player: player.Profile{ID: dan}, Criteria: *r.AutoMatching}, room.Client{}, false, t0)
		})
		require.NoError(t, err, "Dan's placement")
		return read.MoveInto("app", into, t0)
	})
	require.True(t, errs.Is(err, errs.Conflict), "the move: %v", err)
	storedSeed, err := s.Rooms().Get(t.Context(), seed.ID)
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{seed.Participants[0].Player.ID, dan}, playerIDs(storedSeed), "the seed")
	storedInto, err := s.Rooms().Get(t.Context(), into.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{into.Participants[0].Player.ID}, playerIDs(storedInto), "the other room")
	assert.Equal(t, seed.ID, ticketNames(t, s, seed.ID), "Ana's ticket")
	assert.Equal(t, seed.ID, ticketNames(t, s, danTicket), "Dan's ticket")
}

// ticketNames is the game the auto-match ticket id names, "" when there is no such ticket.
func ticketNames(t *testing.T, s *store.Store, id string) string {
	t.Helper()
	client, err := s.Client(t.Context())
	require.NoError(t, err)
	snap, err := client.Collection(store.Tickets).Doc(id).Get(t.Context())
	if status.Code(err) == codes.NotFound {
		return ""
	}
	require.NoError(t, err)
	return snap.Data()["gameId"].(string)
}

// playerIDs are the IDs of r's participants.
func playerIDs(r *room.Room) []string {
	var ids []string
	for _, p := range r.Participants {
		ids = append(ids, p.Player.ID)
	}
	return ids
}
