package main

import (
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/store"
)

// TestSmoke runs every phase briefly at low concurrency against the emulators, so the load
// generator keeps working as the API changes: every lifecycle completes, no call fails, every
// endpoint's cost is read from the server log, and the report and plot render.
func TestSmoke(t *testing.T) {
	cfg := settings{out: t.TempDir(), concurrency: 2, duration: time.Second, floorDuration: 300 * time.Millisecond,
		sweep: []int{1, 2}, sweepDuration: 700 * time.Millisecond, hotspotRounds: 1, memoryConcurrency: 6,
		memoryDuration: time.Second, turns: 3, roomSize: 3, lobbySize: 3, dataMin: 1024, dataMax: 2048, race: true}
	r, err := measure(t.Context(), cfg, testLog{t})
	if err != nil {
		t.Fatal(err)
	}
	var outcomes []outcome
	for _, sc := range r.Scenarios {
		outcomes = append(outcomes, sc.Outcome)
	}
	for _, p := range r.Sweep {
		outcomes = append(outcomes, p.Outcome)
	}
	outcomes = append(outcomes, r.Memory.Outcomes...)
	for _, o := range outcomes {
		if o.Completed == 0 || o.Failed > 0 {
			t.Errorf("%s: %d lifecycles completed, %d failed: %v", o.Scenario, o.Completed, o.Failed, o.Errors)
		}
	}
	if h := r.Hotspot; h.Calls.Calls != hotspotPlayers || h.Calls.SuccessfulCalls != hotspotPlayers || h.Active != 1 {
		t.Errorf("hot spot: %+v", h)
	}
	for _, f := range r.Floors {
		if f.Calls == 0 || f.SuccessfulCalls != f.Calls {
			t.Errorf("floor %s: %d of %d calls succeeded", f.Endpoint, f.SuccessfulCalls, f.Calls)
		}
	}
	if r.Memory.MaxRSS == 0 || r.Memory.MaxHeap == 0 || r.PeakRSS == 0 || r.Cold.FirstCall == 0 {
		t.Errorf("memory or cold start not measured: %+v, peak %d, %+v", r.Memory, r.PeakRSS, r.Cold)
	}
	for _, sc := range r.Scenarios {
		for _, e := range sc.Endpoints {
			if e.ServerP50 == 0 {
				t.Errorf("%s: no server latency matched from the log", e.Endpoint)
			}
		}
	}
	costed := map[string]bool{}
	for _, c := range r.Costs {
		costed[c.Endpoint] = c.Calls > 0 && c.Transactions+c.Reads > 0
	}
	for _, sc := range r.Scenarios {
		for _, e := range sc.Endpoints {
			if !costed[e.Endpoint] {
				t.Errorf("no Firestore cost read from the server log for %s", e.Endpoint)
			}
		}
	}
	if len(r.Scenarios) != len((&bench{cfg: cfg}).scenarios()) {
		t.Errorf("%d scenarios ran", len(r.Scenarios))
	}

	md, err := writeReport(cfg.out, r)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	for _, section := range []string{"## Targets", "## Endpoints", "## Floors", "## Firestore cost per call", "## Scaling",
		"## Hot spot", "## Memory", "## Cold start", "## Closing note", "TurnBasedMatchesTakeTurn", "EventsRecord", "RoomsReportStatus", "SessionsPut (join)"} {
		if !strings.Contains(string(raw), section) {
			t.Errorf("the report lacks %q", section)
		}
	}
	f, err := os.Open(filepath.Join(cfg.out, plotFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("the plot is not a PNG: %v", err)
	}
}

// TestEndpointNamesAreRoutes keeps the bench's endpoint names in step with the route table.
func TestEndpointNamesAreRoutes(t *testing.T) {
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	routes := map[string]bool{}
	for _, r := range functions.Routes(service.New(cfg)) {
		routes[r.Name] = true
	}
	var names []string
	for name := range floorOf {
		names = append(names, name)
	}
	for name := range mutating {
		names = append(names, name)
	}
	for _, name := range names {
		if !routes[name] {
			t.Errorf("%s is not in the route table", name)
		}
	}
	for _, r := range functions.Routes(service.New(cfg)) {
		if r.Trigger == functions.HTTP && r.Method != http.MethodGet && !mutating[r.Name] {
			t.Errorf("%s (%s %s) changes state but is not in the bench's mutating list", r.Name, r.Method, r.Path)
		}
	}
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func TestPercentileBudgetAndLabels(t *testing.T) {
	lat := []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for p, want := range map[float64]time.Duration{0.5: 5, 0.95: 10, 0.99: 10, 0.1: 1} {
		if got := percentile(lat, p); got != want {
			t.Errorf("p%v = %v, want %v", p*100, got, want)
		}
	}
	if percentile(nil, 0.5) != 0 {
		t.Error("no samples: 0")
	}
	within := &costStats{Endpoint: "TurnBasedMatchesTakeTurn"}
	within.add(store.Counts{Reads: 1, Writes: 3, OutboxWrites: 2, Transactions: 1, Attempts: 1})
	within.add(store.Counts{Reads: 2, Writes: 3, OutboxWrites: 2, Transactions: 1, Attempts: 2}) // a retry reads again
	if o := overBudget(within); o != "" {
		t.Errorf("within budget: %s", o)
	}
	over := &costStats{Endpoint: "EventsRecord"}
	over.add(store.Counts{Reads: 5, Writes: 4, Transactions: 1, Attempts: 1})
	if o := overBudget(over); !strings.Contains(o, "5 reads (budget 2, +3)") || !strings.Contains(o, "4 state writes (budget 1, +3)") {
		t.Errorf("over budget: %q", o)
	}
	bare := &costStats{Endpoint: "RoomsJoin"}
	bare.add(store.Counts{Reads: 1, Writes: 1})
	if o := overBudget(bare); !strings.Contains(o, "writes outside a transaction in 1 of 1 calls") {
		t.Errorf("a write without a transaction: %q", o)
	}
	if routeOf("SessionsPut (join)") != "SessionsPut" || routeOf("RoomsJoin") != "RoomsJoin" {
		t.Error("routeOf")
	}
	if niceStep(37) != 50 || niceStep(0.3) != 0.5 || niceStep(0) != 1 {
		t.Error("niceStep")
	}
}

// TestEveryMissHasAReason: a missed target always has a line in the closing note, and the note
// never says every target was met when one was not.
func TestEveryMissHasAReason(t *testing.T) {
	r := results{Settings: settings{concurrency: 4}}
	costly := &costStats{Endpoint: "RoomsJoin"}
	costly.add(store.Counts{Reads: 3, Writes: 1, Transactions: 1, Attempts: 1})
	r.Costs = []*costStats{costly}
	r.Hotspot = hotspotResult{Rounds: 1, Active: 1, Calls: summary{Calls: 8, SuccessfulCalls: 8}}
	r.Memory = memoryResult{MaxRSS: 50 * mib, MaxInFlight: 40}
	r.Sweep = []sweepPoint{
		{Concurrency: 1, TakeTurn: summary{P50: 4 * time.Millisecond}, Floor: summary{P50: 2 * time.Millisecond}},
		{Concurrency: 4, TakeTurn: summary{P50: 6 * time.Millisecond}, Floor: summary{P50: 5 * time.Millisecond}},
	}
	out := render(r)
	note := out[strings.Index(out, "## Closing note"):]
	for _, want := range []string{"**RoomsJoin cost.** no reason is known", "**Memory load.** The load generator held at most 40"} {
		if !strings.Contains(note, want) {
			t.Errorf("closing note lacks %q:\n%s", want, note)
		}
	}
	// 6 ms against 5 ms at the run's 4 in flight is within 1.3×, so takeTurn has no line
	if strings.Contains(note, "Every target was met") || strings.Contains(note, "takeTurn latency") {
		t.Errorf("closing note:\n%s", note)
	}
	if !strings.Contains(out, "in the sweep's step: 6.0 ms vs floor 5.0 ms: **1.20×**; across the sweep 1.20× (4 in flight) to 2.00× (1 in flight) | met") {
		t.Errorf("takeTurn row, measured at the run's concurrency in the sweep:\n%s", out[:strings.Index(out, "## Closing note")])
	}

	r.Sweep[1].TakeTurn.P50, r.Sweep[1].CPUPerCall = 10*time.Millisecond, time.Millisecond
	r.Scenarios = []scenarioRun{{Outcome: outcome{Scenario: "matches"}, Endpoints: []summary{{Endpoint: takeTurn, P50: time.Millisecond}}, CPUPerCall: time.Hour}}
	out = render(r)
	note = out[strings.Index(out, "## Closing note"):]
	if strings.Count(note, "**takeTurn latency.**") != 1 || strings.Count(note, "of CPU per call") != 1 || !strings.Contains(note, "1.0 ms of CPU per call in the sweep's step") {
		t.Errorf("a missed takeTurn has one note, with the CPU of the sweep's step it was measured in:\n%s", note)
	}
}

// TestWorstCasesAreReported: the memory budget test's table goes into the memory section, with a
// warning when the test failed.
func TestWorstCasesAreReported(t *testing.T) {
	table := "| entry point | calls |\n|---|---:|\n| SessionsPut | 80 |\n"
	for _, failed := range []bool{false, true} {
		r := results{Settings: settings{concurrency: 4}, Memory: memoryResult{WorstCases: table, WorstCasesFailed: failed}}
		out := render(r)
		memory := out[strings.Index(out, "## Memory"):]
		assert.Contains(t, memory, "### Worst cases")
		assert.Contains(t, memory, "| SessionsPut | 80 |")
		assert.Equal(t, failed, strings.Contains(memory, "The test failed"))
	}
}
