package store_test

import (
	"sync"
	"testing"

	"cloud.google.com/go/firestore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestUpdateRacingAPlacement: a call changing a waiting room (here placing Cal, as a join does)
// while a create on another instance places Ben in it. The call always commits, reading the room
// again if the placement came first; the placement commits or is a conflict; the room shows
// both changes that committed.
func TestUpdateRacingAPlacement(t *testing.T) {
	s, other := store.New(testenv.Config(t).ProjectID), store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _, _ = s.Close(), other.Close() })
	for range 10 {
		r := seedRoom(t, s)
		cal := "cal-" + r.ID
		var updated, placed error
		var wg sync.WaitGroup
		wg.Go(func() {
			_, _, updated = s.Rooms().Update(t.Context(), r.ID, func(r *room.Room) ([]notification.Notification, error) {
				return r.Place("app", game.Seeker{Player: player.Profile{ID: cal}, Criteria: *r.AutoMatching}, room.Client{}, false, t0)
			})
		})
		wg.Go(func() {
			_, placed = other.Rooms().PlaceIn(t.Context(), ids.Random(), "ben-"+r.ID, r.ID, t0, placeBen)
		})
		wg.Wait()
		require.NoError(t, updated, "the update")
		require.True(t, placed == nil || errs.Is(placed, errs.Conflict), "the placement commits or is a conflict: %v", placed)
		want := []string{r.Participants[0].Player.ID, cal}
		if placed == nil {
			want = append(want, "ben-"+r.ID)
		}
		stored, err := s.Rooms().Get(t.Context(), r.ID)
		require.NoError(t, err)
		assert.ElementsMatch(t, want, playerIDs(stored), "the room holds its creator, Cal and Ben if his placement committed (%v)", placed)
	}
}

// TestUpdateThatKeepsMeetingChangesIsUnavailable: when another call changes the game between
// each of an Update's reads and its write, the Update gives up after its attempts with an
// Unavailable error (503: retry) and its own change is never written.
func TestUpdateThatKeepsMeetingChangesIsUnavailable(t *testing.T) {
	s := store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _ = s.Close() })
	client, err := s.Client(t.Context())
	require.NoError(t, err)
	r := seedRoom(t, s)
	attempts := 0
	_, _, err = s.Rooms().Update(t.Context(), r.ID, func(read *room.Room) ([]notification.Notification, error) {
		attempts++
		_, err := client.Collection(store.Rooms).Doc(r.ID).Update(t.Context(), []firestore.Update{{Path: "waitSeconds", Value: attempts}})
		require.NoError(t, err, "another call's change")
		return placeBen(read)
	})
	require.True(t, errs.Is(err, errs.Unavailable), "the update: %v", err)
	assert.Equal(t, 30, attempts, "the update read the room again after each change, maxAttempts times")
	stored, err := s.Rooms().Get(t.Context(), r.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{r.Participants[0].Player.ID}, playerIDs(stored), "Ben was never placed")
}
