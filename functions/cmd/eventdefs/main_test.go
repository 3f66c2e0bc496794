package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestLoad runs the loader against the Firestore emulator in a project of its own (definitions
// are per project, and -prune deletes what the file lacks).
func TestLoad(t *testing.T) {
	testenv.Config(t)
	project := "demo-eventdefs-" + ids.Random()[:8]
	t.Setenv("GOOGLE_CLOUD_PROJECT", project)
	dir := t.TempDir()
	load := func(defs string, dryRun, prune bool) string {
		t.Helper()
		file := filepath.Join(dir, "events.json")
		require.NoError(t, os.WriteFile(file, []byte(`{"events": [`+defs+`]}`), 0o600))
		var out bytes.Buffer
		require.NoError(t, run(t.Context(), &out, file, dryRun, prune), "run: %s", out.String())
		return out.String()
	}
	stored := func() string {
		s := store.New(project)
		defer s.Close()
		defs, err := s.AllDefinitions(t.Context())
		require.NoError(t, err)
		var out []string
		for _, d := range defs {
			out = append(out, d.ID+"="+d.DisplayName+"<"+strings.Join(d.Ancestors, ","))
		}
		return strings.Join(out, " ")
	}
	a := `{"id": "a", "displayName": "A", "childEvents": ["b"]}`
	b := `{"id": "b", "displayName": "B"}`

	out := load(a+","+b, true, false)
	require.Contains(t, out, "create a\ncreate b\n", "dry run")
	require.Empty(t, stored(), "stored after a dry run")
	load(a+","+b, false, false)
	require.Equal(t, "a=A< b=B<a", stored(), "stored")
	out = load(`{"id": "a", "displayName": "A2"}`, false, false)
	require.Contains(t, out, "update a\n", "update without prune")
	require.Contains(t, out, "would remove (run with -prune to delete) b\n", "update without prune")
	require.Equal(t, "a=A2< b=B<", stored(), "stored after an update without prune")
	out = load(`{"id": "a", "displayName": "A2"}`, false, true)
	require.Contains(t, out, "remove b\n", "prune")
	require.Equal(t, "a=A2<", stored(), "stored after prune")
	file := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"events": [{"id": "x", "displayName": "X", "childEvents": ["y"]}]}`), 0o600))
	require.ErrorContains(t, run(t.Context(), &bytes.Buffer{}, file, false, false), `no event "y"`, "invalid file")
}
