package store_test

import (
	"log/slog"
	"testing"

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

// TestCostCountsWhatFirestoreBills counts a create (one transaction: a missing-document lookup,
// the room and its outbox record), marking the record sent (a batch write), a lookup, a query
// that finds nothing, and a refused command (an attempt that commits nothing).
func TestCostCountsWhatFirestoreBills(t *testing.T) {
	s := store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _ = s.Close() })
	ctx, cost := store.WithCost(t.Context())
	id := ids.Random()
	_, _, notes, err := s.Rooms().Create(ctx, id, nil, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{Create: game.Create{ID: id, ApplicationID: "app",
			Creator: player.Profile{ID: "ana-" + id}, Invitees: []player.Profile{{ID: "ben-" + id}}}}, t0)
	})
	require.NoError(t, err)
	assert.Equal(t, store.Counts{Reads: 1, Writes: 2, OutboxWrites: 1, Transactions: 1, Attempts: 1}, cost.Counts(), "create")
	require.NoError(t, s.MarkSent(ctx, []string{notes[0].ID}, t0))
	_, err = s.Rooms().Get(ctx, id)
	require.NoError(t, err)
	_, _, err = s.Invitations(ctx, "nobody-"+id, 10, "")
	require.NoError(t, err)
	assert.Equal(t, store.Counts{Reads: 3, Writes: 3, OutboxWrites: 2, Transactions: 1, Attempts: 1}, cost.Counts(),
		"after mark sent, a lookup and an empty query")

	ctx, refused := store.WithCost(t.Context())
	_, _, err = s.Rooms().Update(ctx, id, func(*room.Room) ([]notification.Notification, error) {
		return nil, errs.E(errs.Conflict, "", "refused")
	})
	require.Error(t, err, "a refused command must fail")
	assert.Equal(t, store.Counts{Reads: 1, Attempts: 1}, refused.Counts(), "refused command")

	_, attr := store.MeterCost(t.Context())
	a := attr()
	assert.Equal(t, "firestore", a.Key, "access log attribute")
	assert.Equal(t, slog.KindGroup, a.Value.Kind(), "access log attribute")
}
