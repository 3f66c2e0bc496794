package store_test

import (
	"testing"
	"time"

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
	if err != nil || len(plan.BatchFailures)+len(plan.EventFailures) != 0 {
		t.Fatalf("record: %+v, %v", plan, err)
	}
	// events document + requestId + 2 periods, read and written once each.
	if got, want := cost.Counts(), (store.Counts{Reads: 4, Writes: 4, Transactions: 1, Attempts: 1}); got != want {
		t.Fatalf("record of 5 events in 2 periods: %+v, want %+v", got, want)
	}

	page, next, err := s.CountersPage(t.Context(), playerID, 3, "")
	if err != nil || len(page) != 3 || next == "" || page[0].DefinitionID != "coins" || page[2].DefinitionID != "kills" ||
		page[0].NumEvents != 4 || page[0].PlayerID != playerID {
		t.Fatalf("first page: %+v, %q, %v", page, next, err)
	}
	rest, next, err := s.CountersPage(t.Context(), playerID, 3, next)
	if err != nil || len(rest) != 2 || next != "" || rest[0].DefinitionID != "wins" || rest[1].DefinitionID != "xp" {
		t.Fatalf("second page: %+v, %q, %v", rest, next, err)
	}
	got, err := s.Counters(t.Context(), playerID, []string{"gems", "never-recorded"})
	if err != nil || len(got) != 1 || got["gems"].NumEvents != 4 {
		t.Fatalf("Counters: %+v, %v", got, err)
	}
}
