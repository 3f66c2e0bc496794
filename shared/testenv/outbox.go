package testenv

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/store"
)

// OutboxRecord reads the outbox record with this ID, to see its delivery state; the test fails
// when there is none.
func OutboxRecord(t testing.TB, s *store.Store, id string) *store.OutboxRecord {
	t.Helper()
	client, err := s.Client(t.Context())
	require.NoError(t, err)
	snap, err := client.Collection(store.Outbox).Doc(id).Get(t.Context())
	require.NoError(t, err, "outbox record %s", id)
	rec, err := store.DecodeOutboxRecord(snap)
	require.NoError(t, err, "outbox record %s", id)
	return &rec
}
