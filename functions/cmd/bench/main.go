// Command bench measures what OpenPlay's calls cost, how fast they are against the least I/O
// they need, and how they scale, on the emulators (`make bench`, docs/testing.md). It starts the
// dev server and drives it over HTTP with simulated players signed up in the Auth emulator,
// calling endpoints by their names in the route table, then reads each call's Firestore cost
// from the dev server's access log. It writes results.json and table.md (report.go); people
// write REPORT.md beside them. TestCostBudget holds each call to its cost budget.
//
//	emulators/run go run ./functions/cmd/bench [-concurrency 4] [-duration 8s] [-out DIR] …
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/service"
)

// settings are the run's flags.
type settings struct {
	Concurrency, MemoryConcurrency, HotRooms, Turns, RoomSize, LobbySize, DataMin, DataMax int

	Duration, FloorDuration, SweepDuration, MemoryDuration time.Duration

	Sweep      []int
	WorstCases bool
	out, root  string // where to write, and the repository
	// cpuProfile, if set, is where the dev server writes its CPU profile over the whole run.
	cpuProfile string
	// race builds the dev server with the race detector, as the smoke test does to share
	// `make test`'s build cache; measurements are made without it.
	race bool
}

func main() {
	cfg := settings{root: "."}
	var sweep string
	flag.StringVar(&cfg.out, "out", filepath.Join("functions", "cmd", "bench", "report"), "where to write results.json, table.md and worst-cases.md")
	flag.IntVar(&cfg.Concurrency, "concurrency", 4, "players' calls in flight in the floor and scenario phases")
	flag.DurationVar(&cfg.Duration, "duration", 8*time.Second, "how long each scenario runs")
	flag.DurationVar(&cfg.FloorDuration, "floor-duration", 3*time.Second, "how long each floor is measured")
	flag.StringVar(&sweep, "sweep", "1,2,4,8,16,32,64", "concurrencies of the sweep")
	flag.DurationVar(&cfg.SweepDuration, "sweep-duration", 4*time.Second, "how long each sweep step runs")
	flag.IntVar(&cfg.HotRooms, "hot-rooms", 3, "rooms whose eight players report their status at once")
	flag.IntVar(&cfg.MemoryConcurrency, "memory-concurrency", 80, "calls in flight in the memory phase")
	flag.DurationVar(&cfg.MemoryDuration, "memory-duration", 8*time.Second, "how long the memory phase runs")
	flag.IntVar(&cfg.Turns, "turns", 8, "turns per turn-based game")
	flag.IntVar(&cfg.RoomSize, "room-size", 3, "players per room in the rooms scenario (2-8)")
	flag.IntVar(&cfg.LobbySize, "lobby-size", 4, "players per MPSD lobby in the sessions scenario (1-8)")
	flag.IntVar(&cfg.DataMin, "data-min", 1024, "smallest match data in bytes")
	flag.IntVar(&cfg.DataMax, "data-max", 4096, "largest match data in bytes (at most 128 KiB)")
	flag.StringVar(&cfg.cpuProfile, "cpuprofile", "", "write the dev server's CPU profile over the run to this file (read it with `go tool pprof`)")
	flag.BoolVar(&cfg.WorstCases, "worst-cases", true, "run the memory budget test (every route's worst input, 80 calls at once)")
	serve := flag.Bool("serve-floor", false, "only serve the HTTP floor on the listener handed over as descriptor 3, until standard input closes (the bench starts itself so)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *serve {
		if err := serveFloor(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "bench -serve-floor:", err)
			os.Exit(1)
		}
		return
	}
	for _, f := range strings.Split(sweep, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "bench: -sweep: %q is not a positive number\n", f)
			os.Exit(2)
		}
		cfg.Sweep = append(cfg.Sweep, n)
	}
	r, err := runAll(ctx, cfg, os.Stderr)
	if err == nil {
		err = writeReport(cfg.out, r)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	fmt.Printf("bench: wrote %s and %s\n", filepath.Join(cfg.out, resultsFile), filepath.Join(cfg.out, tableFile))
}

// bench is one run (or the cost test) against one OpenPlay instance.
type bench struct {
	cfg      settings
	client   *client
	players  *players
	eventIDs []string
	progress io.Writer
	machine  []process // the processes whose CPU time a phase reports (machine.go)
	seqBase  int64
	seq      atomic.Int64
}

// newBench prepares a run against the instance at url, whose routes are those of the route
// table.
func newBench(cfg settings, url string, routes []functions.Route, authHost string, progress io.Writer) (*bench, error) {
	defs, err := sampleEvents(cfg.root)
	if err != nil {
		return nil, err
	}
	b := &bench{cfg: cfg, client: newClient(url, routes), progress: progress, seqBase: time.Now().UnixNano() / 1000 * 1000,
		players: &players{authHost: authHost, groups: map[string][][]emulator.Account{}}}
	for _, d := range defs {
		b.eventIDs = append(b.eventIDs, d.ID)
	}
	return b, nil
}

// requestID is a requestId no other call of any run has used.
func (b *bench) requestID() string { return strconv.FormatInt(b.seqBase+b.seq.Add(1), 10) }

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.progress, "bench: "+format+"\n", args...)
}

// runAll starts the dev server, runs every phase against it and reads the costs of the calls
// from its log.
func runAll(ctx context.Context, cfg settings, progress io.Writer) (results, error) {
	switch {
	case min(cfg.Concurrency, cfg.MemoryConcurrency, cfg.HotRooms, cfg.Turns, cfg.RoomSize-1, cfg.LobbySize, cfg.DataMin+1) < 1 ||
		max(cfg.RoomSize, cfg.LobbySize) > 8 || cfg.DataMax < cfg.DataMin || cfg.DataMax > 128<<10:
		return results{}, errors.New("a flag is out of its range (-help lists them)")
	case os.Getenv("FIRESTORE_EMULATOR_HOST") == "" || os.Getenv("PUBSUB_EMULATOR_HOST") == "" || os.Getenv("FIREBASE_AUTH_EMULATOR_HOST") == "":
		return results{}, errors.New("the emulators' addresses are not set: run `make bench`, or `emulators/run go run ./functions/cmd/bench`")
	}
	if _, err := os.Stat(filepath.Join(cfg.root, "functions", "routes.go")); err != nil {
		return results{}, errors.New("run the bench from the root of the OpenPlay repository")
	}
	out, err := filepath.Abs(cfg.out) // the memory budget test runs in its own package's directory
	if err != nil {
		return results{}, err
	}
	env, err := config.FromEnv()
	if err != nil {
		return results{}, err
	}
	env.ApplicationID = benchApplication
	svc := service.New(env)
	defer svc.Close()
	dir, err := os.MkdirTemp("", "openplay-bench")
	if err != nil {
		return results{}, err
	}
	defer os.RemoveAll(dir)
	b, err := newBench(cfg, "", functions.Routes(svc), env.AuthEmulator, progress)
	if err != nil {
		return results{}, err
	}
	b.logf("building the dev server, loading the samples, signing players up")
	for _, err := range []error{os.MkdirAll(cfg.out, 0o755), loadSamples(ctx, svc, cfg.root), b.players.ensure(ctx, "cold", 1, 1)} {
		if err != nil {
			return results{}, err
		}
	}
	f, err := startFloorServer(ctx, cfg.root, dir, cfg.race) // first: the cold start times the dev server alone
	if err != nil {
		return results{}, err
	}
	s, err := startServer(ctx, cfg.root, dir, cfg.race, cfg.cpuProfile)
	if err != nil {
		return results{}, errors.Join(err, f.stop())
	}
	b.client.base = s.url
	b.machine = machineProcesses(s.cmd.Process.Pid, f.cmd.Process.Pid, env.FirestoreEmulator, env.PubSubEmulator, env.AuthEmulator)
	r := results{Settings: cfg, When: time.Now().UTC(),
		Machine: fmt.Sprintf("%s/%s, %d CPUs, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())}
	measured := b.phases(ctx, s, f.url, svc, &r)
	if err := errors.Join(measured, s.stop(), f.stop()); err != nil {
		return results{}, err
	}
	log, err := os.ReadFile(s.logPath)
	if err != nil {
		return results{}, err
	}
	r.withCosts(readCosts(log))
	if cfg.WorstCases {
		b.logf("memory budget test: every route's worst input, 80 calls at once")
		r.WorstCasesPassed, err = worstCases(ctx, cfg.root, filepath.Join(out, worstCasesFile))
	}
	r.Took = time.Since(r.When).Round(time.Second).String()
	return r, err
}
