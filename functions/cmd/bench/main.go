// Command bench measures what OpenPlay's calls cost, how fast they are and how they scale,
// and writes a Markdown report with a plot (`make bench`).
//
// It builds the dev server, starts it on a free port against the emulators, and drives it over
// HTTP with simulated players, each signed up in the Auth emulator with an ID token of their
// own. In the same run it drives the same emulators directly with the least I/O each call needs
// (the floors), so every endpoint's latency is shown as a ratio to its floor. Phases:
//
//   - cold start: process start to first answer and to first successful call, first call
//     versus warm;
//   - floors and scenarios at -concurrency: room lifecycles, turn-based games played to the
//     end, events.record batches, MPSD lobby churn;
//   - a sweep of the turn-based scenario over concurrencies (-sweep), each with takeTurn's floor;
//   - the hot spot: all eight players of one room report their status at once;
//   - memory: every scenario at once with -memory-concurrency calls in flight.
//
// Firestore reads and writes per call come from the dev server's own access log: the store
// counts every request's documents in its gRPC client (store.Cost) and the access line carries
// them, as in production; the bench matches lines to its calls by X-Request-Id. Memory is the
// process's RSS and CPU time from /proc (sampled, plus the kernel's RSS high-water mark) and
// the Go heap from the lines the dev server logs with -memstats-every; nothing new is exposed by
// the functions themselves.
//
//	emulators/run go run ./functions/cmd/bench [-concurrency 4] [-duration 8s] [-out DIR] …
package main

import (
	"context"
	"encoding/json"
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
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/openplay-games/openplay/shared/auth"
	"github.com/openplay-games/openplay/shared/config"
)

type settings struct {
	out               string
	concurrency       int
	duration          time.Duration
	floorDuration     time.Duration
	sweep             []int
	sweepDuration     time.Duration
	hotspotRounds     int
	memoryConcurrency int
	memoryDuration    time.Duration
	turns             int
	roomSize          int
	lobbySize         int
	dataMin, dataMax  int
	// race builds the dev server with the race detector: the smoke test does, so that it shares
	// `make test`'s build cache; measurements are made without it.
	race bool
	// worstCases runs the memory budget test and adds its table to the report.
	worstCases bool
}

func main() {
	var cfg settings
	var sweep string
	flag.StringVar(&cfg.out, "out", "", "where to write REPORT.md and the plot (default functions/cmd/bench/report)")
	flag.IntVar(&cfg.concurrency, "concurrency", 4, "players' calls in flight in the scenario and floor phase")
	flag.DurationVar(&cfg.duration, "duration", 8*time.Second, "how long each scenario runs")
	flag.DurationVar(&cfg.floorDuration, "floor-duration", 3*time.Second, "how long each floor is measured")
	flag.StringVar(&sweep, "sweep", "1,2,4,8,16,32,64", "concurrencies of the sweep")
	flag.DurationVar(&cfg.sweepDuration, "sweep-duration", 4*time.Second, "how long each sweep step runs")
	flag.IntVar(&cfg.hotspotRounds, "hotspot-rounds", 3, "rooms whose eight players report at once")
	flag.IntVar(&cfg.memoryConcurrency, "memory-concurrency", 80, "calls in flight in the memory phase")
	flag.DurationVar(&cfg.memoryDuration, "memory-duration", 8*time.Second, "how long the memory phase runs")
	flag.IntVar(&cfg.turns, "turns", 8, "turns per turn-based game")
	flag.IntVar(&cfg.roomSize, "room-size", 3, "players per room in the room scenario (2-8)")
	flag.IntVar(&cfg.lobbySize, "lobby-size", 4, "players per MPSD lobby session in the sessions scenario (1-8)")
	flag.IntVar(&cfg.dataMin, "data-min", 1024, "smallest match data in bytes")
	flag.IntVar(&cfg.dataMax, "data-max", 4096, "largest match data in bytes")
	flag.BoolVar(&cfg.worstCases, "worst-cases", true, "run the memory budget test (every route's worst input, 80 calls at once) and report it")
	flag.Parse()
	var err error
	if cfg.sweep, err = parseInts(sweep); err != nil {
		fmt.Fprintln(os.Stderr, "bench: -sweep:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	r, err := measure(ctx, cfg, os.Stderr)
	var md string
	if err == nil {
		md, err = writeReport(r.Settings.out, r)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, md); err == nil {
			md = rel
		}
	}
	fmt.Printf("bench: wrote %s and %s\n", md, filepath.Join(filepath.Dir(md), plotFile))
}

func parseInts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func (cfg settings) check() error {
	switch {
	case cfg.concurrency < 1 || cfg.memoryConcurrency < 1 || cfg.hotspotRounds < 1:
		return errors.New("concurrencies and rounds must be at least 1")
	case cfg.roomSize < 2 || cfg.roomSize > 8:
		return errors.New("-room-size must be 2 to 8")
	case cfg.lobbySize < 1 || cfg.lobbySize > 8:
		return errors.New("-lobby-size must be 1 to 8")
	case cfg.turns < 1:
		return errors.New("-turns must be at least 1")
	case cfg.dataMin < 0 || cfg.dataMax < cfg.dataMin || cfg.dataMax > 128<<10:
		return errors.New("-data-min and -data-max must satisfy 0 ≤ min ≤ max ≤ 128 KiB")
	}
	return nil
}

// bench is one run.
type bench struct {
	cfg      settings
	client   *client
	players  *players
	floor    *baseline
	eventIDs []string
	progress io.Writer
	seqBase  int64
	seq      atomic.Int64

	mu         sync.Mutex
	endpointOf map[string]string // X-Request-Id → endpoint, to read costs from the server log
}

// requestID is a requestId no other call of any run has used.
func (b *bench) requestID() string { return strconv.FormatInt(b.seqBase+b.seq.Add(1), 10) }

// remember notes which endpoint each call was, for the cost lines of the server log.
func (b *bench) remember(samples []sample) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, s := range samples {
		if s.requestID != "" {
			b.endpointOf[s.requestID] = s.endpoint
		}
	}
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.progress, "bench: "+format+"\n", args...)
}

// results is everything the report shows.
type results struct {
	Settings   settings
	When       time.Time
	Took       time.Duration
	Machine    string
	Cold       coldStart
	Floors     []summary
	Scenarios  []scenarioRun
	Sweep      []sweepPoint
	Hotspot    hotspotResult
	Memory     memoryResult
	PeakRSS    int64
	Costs      []*costStats
	Operations []*costStats
}

// scenarioRun is one scenario at -concurrency.
type scenarioRun struct {
	Outcome    outcome
	Endpoints  []summary
	MaxRSS     int64
	MaxHeap    int64
	CPUPerCall time.Duration // the dev server's CPU time per call
	from, to   time.Time
	samples    []sample
}

// measure runs every phase and reads the dev server's log.
func measure(ctx context.Context, cfg settings, progress io.Writer) (results, error) {
	if err := cfg.check(); err != nil {
		return results{}, err
	}
	for _, v := range []string{"FIRESTORE_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST", "FIREBASE_AUTH_EMULATOR_HOST"} {
		if os.Getenv(v) == "" {
			return results{}, fmt.Errorf("%s is not set: run `make bench`, or `emulators/run go run ./functions/cmd/bench`", v)
		}
	}
	root, err := moduleRoot()
	if err != nil {
		return results{}, err
	}
	if cfg.out == "" {
		cfg.out = filepath.Join(root, "functions", "cmd", "bench", "report")
	}
	env, err := config.FromEnv()
	if err != nil {
		return results{}, err
	}
	dir, err := os.MkdirTemp("", "openplay-bench")
	if err != nil {
		return results{}, err
	}
	defer os.RemoveAll(dir)

	r := results{Settings: cfg, When: time.Now().UTC(),
		Machine: fmt.Sprintf("%s/%s, %d CPUs, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())}
	b := &bench{cfg: cfg, progress: progress, seqBase: time.Now().UnixNano() / 1000 * 1000,
		players: &players{authHost: env.AuthEmulator, groups: map[string][][]auth.Account{}}, endpointOf: map[string]string{}}
	b.logf("building the dev server")
	if err := build(ctx, root, dir, cfg.race); err != nil {
		return results{}, err
	}
	if err := loadSamples(ctx, root, dir); err != nil {
		return results{}, err
	}
	if b.eventIDs, err = sampleEventIDs(filepath.Join(root, "infra", "events.json")); err != nil {
		return results{}, err
	}
	if err := b.players.ensure(ctx, "cold", 1, 1); err != nil {
		return results{}, err
	}
	b.floor, err = newBaseline(ctx, env.ProjectID, strconv.FormatInt(b.seqBase, 36), (cfg.dataMin+cfg.dataMax)/2)
	if err != nil {
		return results{}, err
	}
	defer b.floor.close()

	s, err := startServer(dir)
	if err != nil {
		return results{}, err
	}
	b.client = newClient(s.url)
	measured := func() error {
		b.logf("cold start")
		if r.Cold, err = b.measureColdStart(ctx, s, b.players.group("cold", 0)[0]); err != nil {
			return err
		}
		if err := b.phases(ctx, s, &r); err != nil {
			return err
		}
		r.PeakRSS, err = s.peakRSS()
		return err
	}()
	if err := errors.Join(measured, s.stop()); err != nil {
		return results{}, err
	}
	log, err := readServerLog(s.logPath, b.endpointOf)
	if err != nil {
		return results{}, err
	}
	r.Costs, r.Operations = sortedCosts(log.costs), sortedCosts(log.operations)
	for i := range r.Scenarios {
		sc := &r.Scenarios[i]
		sc.MaxHeap, _ = log.maxHeap(sc.from, sc.to)
		log.withServerP50(sc.Endpoints, sc.samples)
	}
	for i := range r.Sweep {
		p := &r.Sweep[i]
		p.MaxHeap, _ = log.maxHeap(p.from, p.to)
		turns := []summary{p.TakeTurn}
		log.withServerP50(turns, p.samples)
		p.TakeTurn = turns[0]
	}
	r.Memory.MaxHeap, r.Memory.Goroutines = log.maxHeap(r.Memory.from, r.Memory.to)
	r.Hotspot.MeanAttempts, r.Hotspot.MostAttempts = log.attempts(r.Hotspot.samples)
	r.Took = time.Since(r.When)
	return r, nil
}

// phases runs the floors and scenarios at -concurrency, the sweep, the hot spot and the memory
// phase, in that order.
func (b *bench) phases(ctx context.Context, s *server, r *results) error {
	for _, kind := range floorKinds {
		b.logf("floor %s", kind)
		rec := &recorder{}
		elapsed, err := b.floor.measure(ctx, kind, b.cfg.concurrency, b.cfg.floorDuration, rec)
		if err != nil {
			return err
		}
		r.Floors = append(r.Floors, summarizeOne(floorEndpointLabel+kind, rec.all(), elapsed))
	}
	for _, sc := range b.scenarios() {
		b.logf("scenario %s", sc.name)
		rec := &recorder{}
		run := scenarioRun{from: time.Now()}
		o, err := b.load(ctx, sc, b.cfg.concurrency, b.cfg.duration, rec)
		if err != nil {
			return err
		}
		run.to, run.Outcome = time.Now(), o
		all := rec.all()
		b.remember(all)
		run.Endpoints, run.samples = summarize(all, o.Elapsed), all
		run.MaxRSS = s.maxRSS(run.from, run.to)
		run.CPUPerCall = s.cpu(run.from, run.to) / time.Duration(max(1, len(all)))
		r.Scenarios = append(r.Scenarios, run)
	}
	var err error
	if r.Sweep, err = b.sweep(ctx, s); err != nil {
		return err
	}
	b.logf("hot spot")
	if r.Hotspot, err = b.hotspot(ctx); err != nil {
		return err
	}
	b.logf("memory at %d calls in flight", b.cfg.memoryConcurrency)
	if r.Memory, err = b.memory(ctx, s); err != nil || !b.cfg.worstCases {
		return err
	}
	b.logf("memory budget test: every route's worst input, 80 calls at once")
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	table, passed, err := worstCases(ctx, root)
	r.Memory.WorstCases, r.Memory.WorstCasesFailed = table, !passed
	return err
}

// moduleRoot is the main module's directory: the working directory or one above it.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "functions", "routes.go")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run the bench from the OpenPlay repository")
		}
		dir = parent
	}
}

// sampleEventIDs reads the IDs of the sample event definitions the scenario records.
func sampleEventIDs(path string) ([]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f struct{ Events []struct{ ID string } }
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	ids := make([]string, len(f.Events))
	for i, e := range f.Events {
		ids[i] = e.ID
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("%s defines no events", path)
	}
	return ids, nil
}
