package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
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
	if err := os.WriteFile(file, []byte(`{"timeouts": {"turn": "72h"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	s := store.New(cfg.ProjectID)
	defer s.Close()
	stored := func() application.Settings {
		got, err := s.Settings(t.Context(), app)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	var out bytes.Buffer
	if err := run(t.Context(), &out, file, true); err != nil {
		t.Fatal(err)
	}
	assert.Contains(t, out.String(), "timeouts.turn = 72h0m0s (was 336h0m0s)", "the dry run shows the change")
	assert.Equal(t, application.Defaults, stored(), "the dry run stores nothing")
	out.Reset()
	if err := run(t.Context(), &out, file, false); err != nil {
		t.Fatal(err)
	}
	want := application.Defaults
	want.Timeouts.Turn = 72 * time.Hour
	require.Equal(t, want, stored())
	if err := os.WriteFile(file, []byte(`{"timeouts": {"turn": "forever"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := run(t.Context(), &out, file, false); err == nil || !strings.Contains(err.Error(), "timeouts.turn") {
		t.Fatalf("a bad file: %v, want an error naming timeouts.turn", err)
	}
	assert.Equal(t, want, stored(), "a bad file changes nothing")
}
