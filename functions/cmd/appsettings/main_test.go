package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestLoad loads settings for an application of its own on the Firestore emulator.
func TestLoad(t *testing.T) {
	cfg := testenv.Config(t)
	app := "appsettings-" + ids.Random()[:8]
	t.Setenv("OPENPLAY_APPLICATION_ID", app)
	file := filepath.Join(t.TempDir(), "application.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"timeouts": {"turn": "72h"}, "auth": {"checkRevoked": true}}`), 0o600))
	s := store.New(cfg.ProjectID)
	defer s.Close()
	stored := func() application.Settings {
		got, err := s.Settings(t.Context(), app)
		require.NoError(t, err)
		return got
	}

	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, file, true))
	assert.Contains(t, out.String(), "timeouts.turn = 72h0m0s (was 336h0m0s)")
	assert.Contains(t, out.String(), "auth.checkRevoked = true (was false)")
	assert.Equal(t, application.Defaults, stored(), "a dry run stores nothing")

	out.Reset()
	require.NoError(t, run(t.Context(), &out, file, false))
	want := application.Defaults
	want.Timeouts.Turn = 72 * time.Hour
	want.Auth.CheckRevoked = true
	assert.Equal(t, want, stored())

	require.NoError(t, os.WriteFile(file, []byte(`{"timeouts": {"turn": "forever"}}`), 0o600))
	err := run(t.Context(), &out, file, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "timeouts.turn")
	assert.Equal(t, want, stored(), "a bad file changes nothing")
}
