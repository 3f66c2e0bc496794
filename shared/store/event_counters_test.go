package store_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestRecordEventsCostsOneDocumentForAllCounters: however many events a batch counts, a record
// reads and writes the player's one events document, plus the requestId's and each period's
// document; the counters then read back in ID order, a page at a time.
func TestRecordEventsCostsOneDocumentForAllCounters(t *testing.T) {
	s := store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _ = s.Close() })
	playerID := "ana-" + ids.Random()
	defs := map[string]event.Definition{}
	var updates []event.Update
	for _, id := range []string{"coins", "gems", "kills", "wins", "xp"} {
		defs[id] = event.Definition{ID: id, DisplayName: id}
		updates = append(updates, event.Update{DefinitionID: id, Count: 2, CountOK: true})
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	end := now.Add(-time.Minute).UnixMilli()
	requestID := int64(7)
	rec := event.Record{RequestID: &requestID, Periods: []event.PeriodUpdates{
		{Period: event.Period{StartMillis: end - 60_000, EndMillis: end}, Updates: updates},
		{Period: event.Period{StartMillis: end - 120_000, EndMillis: end - 60_000}, Updates: updates},
	}}

	ctx, cost := store.WithCost(t.Context())
	plan, err := s.RecordEvents(ctx, playerID, rec, defs, event.DefaultLimits, now)
	require.NoError(t, err)
	require.Empty(t, plan.BatchFailures, "record")
	require.Empty(t, plan.EventFailures, "record")
	// events document + requestId + 2 periods, read and written once each.
	assert.Equal(t, store.Counts{Reads: 4, Writes: 4, Transactions: 1, Attempts: 1}, cost.Counts(), "record of 5 events in 2 periods")

	page, next, err := s.CountersPage(t.Context(), playerID, 3, "")
	require.NoError(t, err)
	require.Len(t, page, 3, "first page")
	assert.NotEmpty(t, next, "first page")
	assert.Equal(t, "coins", page[0].DefinitionID)
	assert.Equal(t, "kills", page[2].DefinitionID)
	assert.Equal(t, int64(4), page[0].NumEvents)
	assert.Equal(t, playerID, page[0].PlayerID)
	rest, next, err := s.CountersPage(t.Context(), playerID, 3, next)
	require.NoError(t, err)
	require.Len(t, rest, 2, "second page")
	assert.Empty(t, next, "second page")
	assert.Equal(t, "wins", rest[0].DefinitionID)
	assert.Equal(t, "xp", rest[1].DefinitionID)
	got, err := s.Counters(t.Context(), playerID, []string{"gems", "never-recorded"})
	require.NoError(t, err)
	require.Len(t, got, 1, "Counters")
	assert.Equal(t, int64(4), got["gems"].NumEvents)
}
