package service_test

import (
	"context"
	"testing"

	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestDefinitionsAreKeptForAMinute: an instance reads a definition once and keeps it (a change
// reaches it within DefinitionsMaxAge, a fresh instance at once), and never remembers that a
// definition was missing, so one created a moment ago is recorded at once.
func TestDefinitionsAreKeptForAMinute(t *testing.T) {
	svc := testenv.Service(t)
	id := "test-" + ids.Random()
	t.Cleanup(func() { _ = svc.Store.WriteDefinitions(context.Background(), nil, []string{id}) })
	write := func(name string) {
		t.Helper()
		if err := svc.Store.WriteDefinitions(t.Context(), []event.Definition{{ID: id, DisplayName: name, Visibility: event.Revealed}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	name := func(s *service.Service) string {
		t.Helper()
		defs, err := s.Definitions(t.Context(), []string{id})
		if err != nil {
			t.Fatal(err)
		}
		return defs[id].DisplayName
	}

	if got := name(svc); got != "" {
		t.Fatalf("before it exists: %q", got)
	}
	write("Coins")
	if got := name(svc); got != "Coins" {
		t.Fatalf("created after a miss: %q, want it read at once", got)
	}
	write("Gold coins")
	if got := name(svc); got != "Coins" {
		t.Errorf("within DefinitionsMaxAge: %q, want the kept definition", got)
	}
	fresh := service.New(testenv.Config(t))
	t.Cleanup(func() { _ = fresh.Close() })
	if got := name(fresh); got != "Gold coins" {
		t.Errorf("a new instance: %q", got)
	}
}
