package service_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
		require.NoError(t, svc.Store.WriteDefinitions(t.Context(), []event.Definition{{ID: id, DisplayName: name, Visibility: event.Revealed}}, nil))
	}
	name := func(s *service.Service) string {
		t.Helper()
		defs, err := s.Definitions(t.Context(), []string{id})
		require.NoError(t, err)
		return defs[id].DisplayName
	}

	require.Empty(t, name(svc), "before it exists")
	write("Coins")
	require.Equal(t, "Coins", name(svc), "created after a miss: want it read at once")
	write("Gold coins")
	assert.Equal(t, "Coins", name(svc), "within DefinitionsMaxAge: want the kept definition")
	fresh := service.New(testenv.Config(t))
	t.Cleanup(func() { _ = fresh.Close() })
	assert.Equal(t, "Gold coins", name(fresh), "a new instance reads the definition as it is now")
}
