package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSmoke runs every phase briefly at low concurrency against the emulators, so the load
// generator keeps working as the API changes: no call fails, every lifecycle completes, the hot
// room ends active, the HTTP floor is served by its own process, every endpoint's cost is read
// from the server log, and the results and the table are written.
func TestSmoke(t *testing.T) {
	cfg := settings{out: t.TempDir(), root: filepath.Join("..", "..", ".."), Concurrency: 2, Duration: time.Second, FloorDuration: 300 * time.Millisecond,
		Sweep: []int{1, 2}, SweepDuration: 700 * time.Millisecond, HotRooms: 1, MemoryConcurrency: 6,
		MemoryDuration: time.Second, Turns: 3, RoomSize: 3, LobbySize: 3, DataMin: 1024, DataMax: 2048, race: true}
	r, err := runAll(t.Context(), cfg, testLog{t})
	require.NoError(t, err)

	failed := regexp.MustCompile(`, [1-9][0-9]* failed`)
	phases := map[string]bool{}
	for _, w := range r.Rows {
		phases[w.Phase] = true
		assert.Positive(t, w.P50, "%s %s: nothing measured", w.Phase, w.Endpoint)
		assert.Zero(t, w.Errors, "%s %s: %s", w.Phase, w.Endpoint, w.Note)
		assert.NotRegexp(t, failed, w.Note, "%s %s", w.Phase, w.Endpoint)
		if w.Phase != "cold start" && w.Phase != "floor" {
			assert.NotNil(t, w.Cost, "%s %s: no Firestore cost read from the server log", w.Phase, w.Endpoint)
		}
		if w.Endpoint == everyCall || w.Phase == "hot room" {
			assert.Positive(t, w.MaxRSS*w.CPUPerCall, "%s %s: no RSS or CPU time", w.Phase, w.Endpoint)
			assert.Positive(t, w.CPUByProcess[procFirestore], "%s %s: the Firestore emulator's CPU time (%v)", w.Phase, w.Endpoint, w.CPUByProcess)
			assert.Contains(t, w.CPUByProcess, procPubSub, "%s %s: the Pub/Sub emulator was not found", w.Phase, w.Endpoint)
			assert.Contains(t, w.CPUByProcess, procAuth, "%s %s: the Auth emulator was not found", w.Phase, w.Endpoint)
			assert.Positive(t, w.CPUByProcess[procLoad], "%s %s: the load generator's CPU time", w.Phase, w.Endpoint)
		}
		if w.Phase == "floor" {
			assert.Contains(t, w.CPUByProcess, procLoad, "%s %s: no CPU time", w.Phase, w.Endpoint)
		}
	}
	assert.Len(t, phases, 10, "cold start, floor, the 5 scenarios, sweep, hot room, memory: %v", phases)
	overHTTP := slices.DeleteFunc(slices.Clone(r.Rows), func(w row) bool { return w.Endpoint != floorHTTP })
	assert.Len(t, overHTTP, 1+len(cfg.Sweep), "an HTTP floor in the floor phase and after each step of the sweep")
	for _, w := range overHTTP {
		assert.Positive(t, w.CPUByProcess[procHTTPFloor], "the HTTP floor's server spent no CPU time: %v", w.CPUByProcess)
	}
	hot := r.Rows[slices.IndexFunc(r.Rows, func(w row) bool { return w.Phase == "hot room" })]
	assert.Equal(t, hotRoomPlayers, hot.Calls)
	assert.Equal(t, "1 of 1 rooms ended ROOM_ACTIVE", hot.Note)

	require.NoError(t, writeReport(cfg.out, r))
	raw, err := os.ReadFile(filepath.Join(cfg.out, resultsFile))
	require.NoError(t, err)
	var back results
	require.NoError(t, json.Unmarshal(raw, &back))
	assert.Len(t, back.Rows, len(r.Rows))
	raw, err = os.ReadFile(filepath.Join(cfg.out, tableFile))
	require.NoError(t, err)
	assert.Equal(t, len(r.Rows)+2, strings.Count(string(raw), "\n|"), "a header, a separator and a line per row:\n%s", raw)
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
