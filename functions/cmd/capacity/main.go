// Command capacity simulates a day of players asking for auto-matched games, with the real
// auto-matching rules (shared/room, shared/match, the create call of functions/games and the
// matcher's pass of functions/operations) on an in-memory world, and prices what the store and
// the functions would do from the benchmark's measured per-call costs
// (functions/cmd/bench/report/results.json) and Google's list prices. docs/capacity.md is
// written from its output.
//
//	go run ./functions/cmd/capacity                      # 10k, 100k and 1M daily players
//	go run ./functions/cmd/capacity -costs               # the cost per game only (make bench)
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/application"
)

// assumptions are what the simulation cannot measure: how players play.
type assumptions struct {
	players      []int   // daily players, one simulated day each
	gamesPerDay  float64 // games each asks for a day
	mix          []gameType
	turns2       int // turns a two-player match takes
	turns4       int // and a four-player one
	eventBatches float64
	peak         float64
	peakHour     float64
	launch       float64
}

func main() {
	var a assumptions
	players := flag.String("players", "10000,100000,1000000", "daily players, comma-separated: one simulated day each")
	flag.Float64Var(&a.gamesPerDay, "games", 3, "games a player asks for a day")
	mix := flag.String("mix", "room4=0.4,match2=0.4,match4=0.2", "the share of requests for each kind and size of game")
	flag.IntVar(&a.turns2, "turns2", 10, "turns a two-player match takes")
	flag.IntVar(&a.turns4, "turns4", 20, "turns a four-player match takes")
	flag.Float64Var(&a.eventBatches, "events", 1, "events.record batches each player sends a game")
	flag.Float64Var(&a.peak, "peak", 3, "requests in the busiest minute of the daily cycle over the quietest")
	flag.Float64Var(&a.peakHour, "peak-hour", 20, "the busiest hour of the day (UTC)")
	flag.Float64Var(&a.launch, "launch", 0.25, "a launch spike in the first hour, this many times the daily cycle's size (0: an ordinary day)")
	root := flag.String("root", ".", "the repository's root (for infra/application.json and the bench's results.json)")
	costsOnly := flag.Bool("costs", false, "print the cost per game only")
	flag.Parse()
	var err error
	if a.players, err = ints(*players); err == nil {
		a.mix, err = parseMix(*mix)
	}
	if err == nil {
		err = run(os.Stdout, a, *root, *costsOnly)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "capacity:", err)
		os.Exit(1)
	}
}

// setup reads the application's timeouts and the benchmark's run.
func setup(root string) (application.Timeouts, benchRun, error) {
	raw, err := os.ReadFile(filepath.Join(root, "infra", "application.json"))
	if err != nil {
		return application.Timeouts{}, benchRun{}, err
	}
	settings, err := application.Parse(raw)
	if err != nil {
		return application.Timeouts{}, benchRun{}, err
	}
	bench, err := readBench(filepath.Join(root, "functions", "cmd", "bench", "report", "results.json"))
	return settings.Timeouts, bench, err
}

// configFor is the simulated day of a number of daily players.
func configFor(a assumptions, players int, t application.Timeouts, bench benchRun) (config, error) {
	rc, err := bench.row("rooms", "RoomsCreate")
	if err != nil {
		return config{}, err
	}
	mc, err := bench.row("matches", "TurnBasedMatchesCreate")
	if err != nil {
		return config{}, err
	}
	return config{
		curve:    curve{requests: int(float64(players) * a.gamesPerDay), peak: a.peak, peakHour: a.peakHour, launch: a.launch},
		mix:      a.mix,
		timeouts: t,
		// a create commits after about its p50 (on the emulators: production latency is unmeasured)
		visibleRooms: ms(rc.P50), visibleMatches: ms(mc.P50),
		drain: 30 * time.Minute, seed: 1,
	}, nil
}

func ms(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }

func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("-players: %q is not a number of players", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// parseMix reads "room4=0.4,match2=0.6".
func parseMix(s string) ([]gameType, error) {
	var out []gameType
	for _, f := range strings.Split(s, ",") {
		name, share, ok := strings.Cut(strings.TrimSpace(f), "=")
		t := gameType{rooms: strings.HasPrefix(name, "room")}
		digits := strings.TrimPrefix(strings.TrimPrefix(name, "room"), "match")
		size, err := strconv.Atoi(digits)
		v, err2 := strconv.ParseFloat(share, 64)
		if !ok || err != nil || err2 != nil || size < 2 || size > 8 || v <= 0 || digits == name {
			return nil, fmt.Errorf("-mix: %q is not roomN=share or matchN=share", f)
		}
		t.size, t.share = size, v
		out = append(out, t)
	}
	return out, nil
}

func itoa(n int) string { return strconv.Itoa(n) }
