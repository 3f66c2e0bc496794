package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	if !strings.Contains(out.String(), "timeouts.turn = 72h0m0s (was 336h0m0s)") || stored() != application.Defaults {
		t.Fatalf("dry run printed %q and stored %+v; want the change shown and nothing stored", out.String(), stored())
	}
	out.Reset()
	if err := run(t.Context(), &out, file, false); err != nil {
		t.Fatal(err)
	}
	want := application.Defaults
	want.Timeouts.Turn = 72 * time.Hour
	if got := stored(); got != want {
		t.Fatalf("stored %+v, want %+v", got, want)
	}
	if err := os.WriteFile(file, []byte(`{"timeouts": {"turn": "forever"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := run(t.Context(), &out, file, false); err == nil || !strings.Contains(err.Error(), "timeouts.turn") {
		t.Fatalf("a bad file: %v, want an error naming timeouts.turn", err)
	}
	if got := stored(); got != want {
		t.Fatal("a bad file changed the stored settings")
	}
}
