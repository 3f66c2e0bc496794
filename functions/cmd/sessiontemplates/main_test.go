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

// TestLoad runs the loader against the Firestore emulator in a project of its own: the samples
// in infra/ load, a dry run changes nothing, a second load is a no-op, -prune removes what the
// directory lost, and a bad template is refused with its file named.
func TestLoad(t *testing.T) {
	testenv.Config(t)
	project := "demo-sessiontemplates-" + ids.Random()[:8]
	t.Setenv("GOOGLE_CLOUD_PROJECT", project)
	const scid = "00000000-0000-0000-0000-000000000000"
	load := func(dir string, dryRun, prune bool) string {
		t.Helper()
		var out bytes.Buffer
		if err := run(t.Context(), &out, dir, dryRun, prune); err != nil {
			t.Fatalf("run: %v\n%s", err, out.String())
		}
		return out.String()
	}
	stored := func() int {
		s := store.New(project)
		defer s.Close()
		list, err := s.Templates(t.Context(), scid)
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	if out := load("../../../infra/session-templates", true, false); !strings.Contains(out, "create "+scid+"/lobby") || stored() != 0 {
		t.Fatalf("dry run: %s (stored %d)", out, stored())
	}
	load("../../../infra/session-templates", false, false)
	if n := stored(); n != 2 {
		t.Fatalf("stored %d templates, want the 2 samples", n)
	}
	if out := load("../../../infra/session-templates", false, false); !strings.Contains(out, "0 to create or update") {
		t.Errorf("second load: %s", out)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, scid), 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, scid, name+".json"), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("lobby", `{"constants":{"system":{"maxMembersCount":6}}}`)
	if out := load(dir, false, false); !strings.Contains(out, "update "+scid+"/lobby") || !strings.Contains(out, "would remove") || stored() != 2 {
		t.Errorf("without -prune: %s", out)
	}
	if out := load(dir, false, true); !strings.Contains(out, "remove "+scid+"/game") || stored() != 1 {
		t.Errorf("with -prune: %s", out)
	}
	write("bad", `{"constants":{"system":{"memberInitialization":{}}}}`)
	var out bytes.Buffer
	if err := run(t.Context(), &out, dir, false, false); err == nil || !strings.Contains(err.Error(), "bad.json") || !strings.Contains(err.Error(), "not supported yet") {
		t.Errorf("a template with memberInitialization: %v", err)
	}
}
