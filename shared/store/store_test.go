package store_test

import (
	"errors"
	"testing"
	"time"

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

var t0 = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func newRoom(t *testing.T, s *store.Store) *room.Room { return newRoomAt(t, s, t0) }

// newRoomAt stores a room made at, with one invitation waiting in the outbox.
func newRoomAt(t *testing.T, s *store.Store, at time.Time) *room.Room {
	t.Helper()
	id := ids.Random()
	r, created, notes, err := s.Rooms().Create(t.Context(), id, nil, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{Create: game.Create{ID: id, ApplicationID: "app",
			Creator: player.Profile{ID: "ana-" + id}, Invitees: []player.Profile{{ID: "ben-" + id}}}}, at)
	})
	require.NoError(t, err)
	require.True(t, created, "Rooms().Create")
	require.Len(t, notes, 1, "Rooms().Create")
	return r
}

// TestOutboxCommitsWithTheState shows the notification is stored with the state change, pending
// until someone publishes it: a process that dies right after commit loses nothing.
func TestOutboxCommitsWithTheState(t *testing.T) {
	s := store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _ = s.Close() })
	r := newRoom(t, s)
	id := "room~" + r.ID + "~invitation~p_2"
	rec := testenv.OutboxRecord(t, s, id)
	assert.False(t, rec.Sent, "outbox record after commit: pending")
	assert.Equal(t, "ben-"+r.ID, rec.Recipient)
	assert.Equal(t, notification.TopicInvitations, rec.Topic)
	assert.True(t, rec.CreatedAt.Equal(t0), "created at %v", rec.CreatedAt)
	require.NoError(t, s.MarkSent(t.Context(), []string{id}, t0.Add(time.Second)))
	rec = testenv.OutboxRecord(t, s, id)
	assert.True(t, rec.Sent, "after MarkSent")
	assert.True(t, rec.SentAt.Equal(t0.Add(time.Second)), "sent at %v", rec.SentAt)
}

func TestCreateIsIdempotent(t *testing.T) {
	s := store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _ = s.Close() })
	r := newRoom(t, s)
	again, created, notes, err := s.Rooms().Create(t.Context(), r.ID, nil, func() (*room.Room, []notification.Notification, error) {
		assert.Fail(t, "build must not run when the room exists")
		return nil, nil, errors.New("unreachable")
	})
	require.NoError(t, err)
	assert.False(t, created, "second create")
	assert.Empty(t, notes, "second create")
	assert.Equal(t, r.ID, again.ID)
	assert.Equal(t, r.Version, again.Version)
}

func TestRefusedOrEmptyRuleWritesNothing(t *testing.T) {
	s := store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _ = s.Close() })
	r := newRoom(t, s)
	client, err := s.Client(t.Context())
	require.NoError(t, err)
	updated := func() time.Time {
		snap, err := client.Collection(store.Rooms).Doc(r.ID).Get(t.Context())
		require.NoError(t, err)
		return snap.UpdateTime
	}
	before := updated()

	refused := errs.E(errs.Conflict, "roomId", "no")
	_, _, err = s.Rooms().Update(t.Context(), r.ID, func(rm *room.Room) ([]notification.Notification, error) {
		rm.Participants = nil // a rule that fails must leave no trace, whatever it touched
		return nil, refused
	})
	assert.ErrorIs(t, err, refused, "refused rule")
	got, _, err := s.Rooms().Update(t.Context(), r.ID, func(rm *room.Room) ([]notification.Notification, error) {
		return rm.Dismiss("nobody", t0) // not a participant: refused
	})
	assert.True(t, errs.Is(err, errs.NotFound), "stranger's rule: %v", err)
	assert.Nil(t, got, "stranger's rule")
	got, _, err = s.Rooms().Update(t.Context(), r.ID, func(rm *room.Room) ([]notification.Notification, error) {
		return nil, nil // changes nothing
	})
	require.NoError(t, err, "empty rule")
	assert.Equal(t, r.Version, got.Version, "empty rule")
	after := updated()
	assert.True(t, after.Equal(before), "document written (update time %v → %v) by rules that changed nothing", before, after)
	_, _, err = s.Rooms().Update(t.Context(), ids.Random(), nil)
	assert.True(t, errs.Is(err, errs.NotFound), "missing room: %v", err)
}
