package budget

import (
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/testenv"
)

// budget is the most memory an instance may hold while it serves 80 calls at once: functions
// deploy with 128 MiB (functions/deploy), of which the binary's code and what the Go runtime does
// not count take about 20 MiB; the instance runs with its soft memory limit there
// (functions.MemoryLimit), as deployed. liveBudget is the most its calls and its clients may
// hold live, so that the garbage collector keeps a fifth of the limit for garbage and never
// has to run without pause.
const (
	budget     = functions.MemoryLimit
	liveBudget = budget * 4 / 5
)

// reportVariable names a file the test writes its table of figures to (the benchmark reads it).
const reportVariable = "OPENPLAY_MEMORY_REPORT"

// TestMemoryBudget serves the route table as one instance on the emulators and, for every
// entry point, builds its worst accepted input (the largest body it accepts, the largest state
// it reads), sends 80 such calls at once and samples the instance's memory while they run: the
// peak must stay within budget. A route without a worst case fails the test.
func TestMemoryBudget(t *testing.T) {
	if raceDetector {
		t.Skip("measured without the race detector: make test runs go test ./functions/budget without -race")
	}
	functions.LimitMemory()
	t.Cleanup(func() { debug.SetMemoryLimit(math.MaxInt64) })
	svc := testenv.Service(t)
	settings := testenv.LiftedLimits()        // every route's worst case sends many invitations at once
	testenv.OwnApplication(t, svc, &settings) // the sweeper and the matcher see only these games
	svc.Logger = logging.New(io.Discard, svc.Config.LogLevel)
	clk := &clock{}
	svc.Now = clk.Now
	routes := functions.Routes(svc)
	srv := httptest.NewServer(functions.Handler(svc, routes...))
	t.Cleanup(srv.Close)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrency}}
	parent := t
	f := &fixture{t: t, svc: svc, url: srv.URL, client: client, clock: clk, routes: map[string]functions.Route{}}
	for _, rt := range routes {
		f.routes[rt.Name] = rt
	}
	t.Cleanup(func() { f.clear(true) })

	worst := map[string]worstCase{}
	for _, cases := range []map[string]worstCase{roomCases, matchCases, eventCases, sessionCases, signalCases, operationCases} {
		maps.Copy(worst, cases)
	}
	for name := range worst {
		_, ok := f.routes[name]
		assert.True(t, ok, "worst case %s names no route", name)
	}
	var figures []figure
	for _, rt := range routes {
		t.Run(rt.Name, func(t *testing.T) { // go test -run TestMemoryBudget/SessionsPut runs one
			build, ok := worst[rt.Name]
			require.True(t, ok, "route %s has no worst case: add one", rt.Name)
			f.t = t
			defer func() { f.t = parent }()
			cs := build(f)
			requests := make([]*http.Request, len(cs))
			bodies := make([][]byte, len(cs))
			for i, c := range cs {
				requests[i], bodies[i] = f.request(c), c.body
			}
			fig := fire(t, client, rt.Name, requests, bodies)
			if f.after != nil {
				f.after()
				f.after = nil
			}
			f.clear(false)
			figures = append(figures, fig)
			for status, n := range fig.Statuses {
				assert.Equal(t, 2, status/100, "%d calls answered %d: %s", n, status, fig.Refusal)
			}
			assert.LessOrEqual(t, fig.Peak, uint64(budget), "the instance held %.1f MiB", mib(fig.Peak))
			assert.LessOrEqual(t, fig.Live, uint64(liveBudget), "the instance held %.1f MiB live", mib(fig.Live))
		})
	}
	table := report(figures)
	t.Log("\n" + table)
	if path := os.Getenv(reportVariable); path != "" {
		assert.NoError(t, os.WriteFile(path, []byte(table), 0o644), "the report file")
	}
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }

// report is the figures as a Markdown table.
func report(figures []figure) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| entry point | calls | answers | largest body | instance before | instance peak | live heap peak | time |\n")
	fmt.Fprintf(&b, "|---|---:|---|---:|---:|---:|---:|---:|\n")
	for _, fig := range figures {
		var answers []string
		for _, status := range slices.Sorted(maps.Keys(fig.Statuses)) {
			answers = append(answers, fmt.Sprintf("%d× %d", fig.Statuses[status], status))
		}
		if fig.Retried > 0 {
			answers = append(answers, fmt.Sprintf("%d sent again after a 503", fig.Retried))
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %.1f KiB | %.1f MiB | %.1f MiB | %.1f MiB | %.2f s |\n", fig.Route, fig.Calls,
			strings.Join(answers, ", "), float64(fig.BodyBytes)/1024, mib(fig.Base), mib(fig.Peak), mib(fig.Live), fig.Elapsed.Seconds())
	}
	return b.String()
}
