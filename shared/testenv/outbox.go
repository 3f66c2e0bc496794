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

// OutboxRecordsTo reads every outbox record for recipient whose field (matchId, roomId or
// sessionRef, as stored) is value: the notifications that game's or session's changes owed them.
// A change writes its records in its own transaction, so once its call has answered they are all
// here, published or not: a test that a call owed someone nothing reads them, where a
// subscription could only wait a while and see nothing.
func OutboxRecordsTo(t testing.TB, s *store.Store, recipient, field, value string) []store.OutboxRecord {
	t.Helper()
	client, err := s.Client(t.Context())
	require.NoError(t, err)
	snaps, err := client.Collection(store.Outbox).Where("recipient", "==", recipient).Where(field, "==", value).Documents(t.Context()).GetAll()
	require.NoError(t, err, "outbox records to %s", recipient)
	records := make([]store.OutboxRecord, len(snaps))
	for i, snap := range snaps {
		records[i], err = store.DecodeOutboxRecord(snap)
		require.NoError(t, err, "outbox record %s", snap.Ref.ID)
	}
	return records
}
