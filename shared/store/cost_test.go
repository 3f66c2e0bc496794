package store_test

import (
	"log/slog"
	"testing"

	"github.com/openplay-games/openplay/shared/errs"
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
	_, _, notes, err := s.CreateRoom(ctx, id, nil, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{ID: id, ApplicationID: "app", Creator: player.Profile{ID: "ana-" + id},
			Invitees: []player.Profile{{ID: "ben-" + id}}}, t0)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cost.Counts(), (store.Counts{Reads: 1, Writes: 2, OutboxWrites: 1, Transactions: 1, Attempts: 1}); got != want {
		t.Fatalf("create: %+v, want %+v", got, want)
	}
	if err := s.MarkSent(ctx, []string{notes[0].ID}, t0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Invitations(ctx, "nobody-"+id, 10, ""); err != nil {
		t.Fatal(err)
	}
	if got, want := cost.Counts(), (store.Counts{Reads: 2, Writes: 3, OutboxWrites: 2, Transactions: 1, Attempts: 1}); got != want {
		t.Fatalf("after mark sent and an empty query: %+v, want %+v", got, want)
	}

	ctx, refused := store.WithCost(t.Context())
	if _, _, err := s.UpdateRoom(ctx, id, func(*room.Room) ([]notification.Notification, error) {
		return nil, errs.E(errs.Conflict, "", "refused")
	}); err == nil {
		t.Fatal("a refused command must fail")
	}
	if got, want := refused.Counts(), (store.Counts{Reads: 1, Attempts: 1}); got != want {
		t.Fatalf("refused command: %+v, want %+v", got, want)
	}

	_, attr := store.MeterCost(t.Context())
	if a := attr(); a.Key != "firestore" || a.Value.Kind() != slog.KindGroup {
		t.Fatalf("access log attribute %v", a)
	}
}
