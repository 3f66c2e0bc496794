package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		if err := os.WriteFile(file, []byte(`{"events": [`+defs+`]}`), 0o600); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := run(t.Context(), &out, file, dryRun, prune); err != nil {
			t.Fatalf("run: %v\n%s", err, out.String())
		}
		return out.String()
	}
	stored := func() string {
		s := store.New(project)
		defer s.Close()
		defs, err := s.AllDefinitions(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range defs {
			out = append(out, d.ID+"="+d.DisplayName+"<"+strings.Join(d.Ancestors, ","))
		}
		return strings.Join(out, " ")
	}
	a := `{"id": "a", "displayName": "A", "childEvents": ["b"]}`
	b := `{"id": "b", "displayName": "B"}`

	if out := load(a+","+b, true, false); !strings.Contains(out, "create a\ncreate b\n") || stored() != "" {
		t.Fatalf("dry run: %q, stored %q", out, stored())
	}
	load(a+","+b, false, false)
	if got := stored(); got != "a=A< b=B<a" {
		t.Fatalf("stored %q", got)
	}
	out := load(`{"id": "a", "displayName": "A2"}`, false, false)
	if !strings.Contains(out, "update a\n") || !strings.Contains(out, "would remove (run with -prune to delete) b\n") || stored() != "a=A2< b=B<" {
		t.Fatalf("update without prune: %q, stored %q", out, stored())
	}
	if out := load(`{"id": "a", "displayName": "A2"}`, false, true); !strings.Contains(out, "remove b\n") || stored() != "a=A2<" {
		t.Fatalf("prune: %q, stored %q", out, stored())
	}
	file := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(file, []byte(`{"events": [{"id": "x", "displayName": "X", "childEvents": ["y"]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := run(t.Context(), &bytes.Buffer{}, file, false, false); err == nil || !strings.Contains(err.Error(), `no event "y"`) {
		t.Fatalf("invalid file: %v", err)
	}
}
