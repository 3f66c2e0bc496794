package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
		require.NoError(t, run(t.Context(), &out, dir, dryRun, prune), "run: %s", out.String())
		return out.String()
	}
	stored := func() int {
		s := store.New(project)
		defer s.Close()
		list, err := s.Templates(t.Context(), scid)
		require.NoError(t, err)
		return len(list)
	}
	out := load("../../../infra/session-templates", true, false)
	require.Contains(t, out, "create "+scid+"/lobby", "dry run")
	require.Zero(t, stored(), "templates stored after a dry run")
	load("../../../infra/session-templates", false, false)
	require.Equal(t, 2, stored(), "templates stored: want the 2 samples")
	assert.Contains(t, load("../../../infra/session-templates", false, false), "0 to create or update", "second load")
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, scid), 0o700))
	write := func(name, body string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, scid, name+".json"), []byte(body), 0o600))
	}
	write("lobby", `{"constants":{"system":{"maxMembersCount":6}}}`)
	out = load(dir, false, false)
	assert.Contains(t, out, "update "+scid+"/lobby", "without -prune")
	assert.Contains(t, out, "would remove", "without -prune")
	assert.Equal(t, 2, stored(), "templates stored after a load without -prune")
	out = load(dir, false, true)
	assert.Contains(t, out, "remove "+scid+"/game", "with -prune")
	assert.Equal(t, 1, stored(), "templates stored after a load with -prune")
	write("bad", `{"constants":{"system":{"maxMembersCount":4,"memberInitialization":{"membersNeededToStart":9}}}}`)
	err := run(t.Context(), &bytes.Buffer{}, dir, false, false)
	assert.ErrorContains(t, err, "bad.json", "a bad template: its file named")
	assert.ErrorContains(t, err, "membersNeededToStart", "a bad template: its field named")
}
