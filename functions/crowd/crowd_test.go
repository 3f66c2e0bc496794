package crowd_test

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// big runs the launch-day crowd and prints its figures (make bench) instead of the small crowd
// make test runs for its invariants.
var big = flag.Bool("big", false, "run the launch-day crowd (120 room players, 60 match players) and print its figures")

// seats is how many players each game is for: rooms of 4, four-player matches.
const seats = 4

// scenario is one crowd: players of one kind of game arriving at once, inFlight creates at a
// time, spread over instances, with the matcher running every matchEvery. wait is how long the
// test waits for everyone to be in a full game after the last create answered.
type scenario struct {
	kind       kind
	players    int
	inFlight   int
	instances  int
	matchEvery time.Duration
	wait       time.Duration
}

// TestCrowd sends a crowd of players auto-matching alone for rooms of four and four-player
// matches. Nobody's create may fail, nobody may be in two live games, no game may hold more
// than four, and everyone must be in a full game soon after the matcher ran.
func TestCrowd(t *testing.T) {
	crowds := []scenario{
		{kind: rooms, players: 40, inFlight: 8, instances: 2, matchEvery: time.Second, wait: 30 * time.Second},
		{kind: matches, players: 24, inFlight: 8, instances: 2, matchEvery: time.Second, wait: 30 * time.Second},
	}
	if *big {
		crowds = []scenario{
			{kind: rooms, players: 120, inFlight: 8, instances: 2, matchEvery: 2 * time.Second, wait: 60 * time.Second},
			{kind: matches, players: 60, inFlight: 8, instances: 2, matchEvery: 2 * time.Second, wait: 60 * time.Second},
		}
	}
	var rows []string
	for _, sc := range crowds {
		t.Run(string(sc.kind), func(t *testing.T) {
			fig := run(t, sc)
			rows = append(rows, fig.row(sc))
			assert.Zero(t, fig.failedCreates, "creates answered with an error: %v", fig.failures)
			assert.Zero(t, fig.inTwo, "players in two live games")
			assert.Zero(t, fig.overFilled, "games holding more than %d players", seats)
			assert.Zero(t, fig.stranded, "players not in a full game %s after the last create", sc.wait)
		})
	}
	t.Log("\n" + header + strings.Join(rows, ""))
}

const header = "| crowd | players | creates in flight | instances | matcher every | full at 10 s | 30 s | 60 s | all full after | time to full p50 / p95 | create p50 / p95 / max | stranded | failed creates | in two games | over-filled | moved by the matcher |\n" +
	"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"

// row is the figures of one crowd as a row of the table.
func (f figures) row(sc scenario) string {
	at := func(d time.Duration) string { return fmt.Sprintf("%.0f %%", 100*f.fullAt(d)) }
	all := "never"
	if f.allFull > 0 {
		all = f.allFull.Round(100 * time.Millisecond).String()
	}
	return fmt.Sprintf("| %s | %d | %d | %d | %s | %s | %s | %s | %s | %s / %s | %s / %s / %s | %d | %d | %d | %d | %d |\n",
		sc.kind, sc.players, sc.inFlight, sc.instances, sc.matchEvery, at(10*time.Second), at(30*time.Second), at(60*time.Second), all,
		ms(f.toFull.p(50)), ms(f.toFull.p(95)), ms(f.creates.p(50)), ms(f.creates.p(95)), ms(f.creates.p(100)),
		f.stranded, f.failedCreates, f.inTwo, f.overFilled, f.moved)
}

func ms(d time.Duration) string { return d.Round(10 * time.Millisecond).String() }
