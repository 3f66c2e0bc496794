package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openplay-games/openplay/shared/service"
)

// phases runs every phase against s (the floors with the HTTP floor's server at floorURL) and
// adds its rows to r.
func (b *bench) phases(ctx context.Context, s *server, floorURL string, svc *service.Service, r *results) error {
	floor, err := newBaseline(ctx, svc, floorURL, strconv.FormatInt(b.seqBase, 36), (b.cfg.DataMin+b.cfg.DataMax)/2)
	if err != nil {
		return err
	}
	defer floor.close()
	b.logf("cold start")
	cold, err := b.coldStart(ctx, s)
	if err != nil {
		return err
	}
	r.Rows = append(r.Rows, cold...)
	for _, kind := range floorKinds { // warm up, not measured
		b.logf("floor %s: warming up for %s", kind, floorWarmUp)
		if _, err := floor.measure(ctx, kind, b.cfg.Concurrency, floorWarmUp); err != nil {
			return err
		}
	}
	for _, kind := range floorKinds {
		b.logf("floor %s", kind)
		f, err := b.measureFloor(ctx, floor, kind, b.cfg.Concurrency)
		if err != nil {
			return err
		}
		r.Rows = append(r.Rows, f)
	}
	scs := b.scenarios()
	for _, sc := range scs {
		b.logf("scenario %s", sc.name)
		rows, err := b.phase(ctx, s, sc.name, []scenario{sc}, []int{b.cfg.Concurrency}, b.cfg.Duration)
		if err != nil {
			return err
		}
		for i := range rows[:len(rows)-1] {
			rows[i].withFloor = true
		}
		r.Rows = append(r.Rows, rows...)
	}
	for _, c := range b.cfg.Sweep { // takeTurn, then its floor and the HTTP floor (rows of their own) at the same concurrency
		rows, err := b.phase(ctx, s, "sweep", scs[1:2], []int{c}, b.cfg.SweepDuration)
		if err != nil {
			return err
		}
		f, err := b.measureFloor(ctx, floor, floorTxPublish, c)
		if err != nil {
			return err
		}
		overHTTP, err := b.measureFloor(ctx, floor, floorHTTP, c)
		if err != nil {
			return err
		}
		turn := slices.IndexFunc(rows, func(r row) bool { return r.Endpoint == "TurnBasedMatchesTakeTurn" })
		rows[turn].Floor, rows[turn].FloorP50 = floorTxPublish, f.P50
		every := rows[len(rows)-1]
		r.Rows = append(r.Rows, rows[turn], every, f, overHTTP)
		b.logf("sweep, %d in flight: takeTurn p50 %.1f ms, floor %.1f ms, over HTTP %.1f ms; machine CPU %.2f ms per call, floor %.2f ms, over HTTP %.2f ms",
			c, rows[turn].P50, f.P50, overHTTP.P50, every.machineCPUPerCall(), f.machineCPUPerCall(), overHTTP.machineCPUPerCall())
	}
	b.logf("hot room")
	hot, err := b.hotRoom(ctx, s)
	if err != nil {
		return err
	}
	b.logf("memory: every scenario at once, %d calls in flight", b.cfg.MemoryConcurrency)
	workers := make([]int, len(scs))
	for i := range workers {
		workers[i] = b.cfg.MemoryConcurrency/len(scs) + min(1, max(0, b.cfg.MemoryConcurrency%len(scs)-i))
	}
	rows, err := b.phase(ctx, s, "memory", scs, workers, b.cfg.MemoryDuration)
	r.Rows = append(r.Rows, hot, rows[len(rows)-1])
	return err
}

// floorWarmUp is how long each floor runs unmeasured before the first is measured. The
// emulators are Java programs that make bench has just started, and they run a new kind of work
// slowly until the JIT has compiled it: on emulators just started, the transaction floor at 4
// in flight took 11.5 ms at p50 over its first 5 s, 6.1, 4.8, 4.2 and 2.7 ms over the next
// four, and 2.0 to 2.3 ms from 30 s on. The tests that make bench runs first warm them only in
// part (a run with 2 s of warm-up measured its first floor at 12.1 ms against 5.9 ms in the
// sweep), and every scenario's p50/floor would be low by that factor. Every floor runs
// transactions, so the transaction path gets three times this.
const floorWarmUp = 15 * time.Second

// measureFloor measures the floor kind at workers calls in flight for -floor-duration, with the
// machine's CPU time per call, to compare with the calls'.
func (b *bench) measureFloor(ctx context.Context, floor *baseline, kind string, workers int) (row, error) {
	cpuFrom := cpuTimes(b.machine)
	f, err := floor.measure(ctx, kind, workers, b.cfg.FloorDuration)
	f.withCPU(cpuPerCall(b.machine, cpuFrom, f.Calls))
	return f, err
}

// everyCall labels a phase's row of all its calls.
const everyCall = "(every call)"

// phase runs scenarios together, workers[i] groups of players playing scs[i], for d. It makes a
// row per endpoint and a last one of every call, with the CPU time per call of the server and of
// the machine's other processes, the server's largest RSS over the phase and how the lifecycles
// ended.
func (b *bench) phase(ctx context.Context, s *server, name string, scs []scenario, workers []int, d time.Duration) ([]row, error) {
	for i, sc := range scs { // sign up first, so that every scenario's clock starts together
		if err := b.players.ensure(ctx, sc.name, workers[i], sc.size); err != nil {
			return nil, err
		}
	}
	rec := &recorder{}
	notes, failures := make([]string, len(scs)), make([]error, len(scs))
	s.mark()
	from, cpuFrom := time.Now(), cpuTimes(b.machine)
	var wg sync.WaitGroup
	for i, sc := range scs {
		wg.Go(func() { notes[i], failures[i] = b.load(ctx, sc, workers[i], d, rec) })
	}
	wg.Wait()
	elapsed := time.Since(from)
	order, groups := byLabel(rec.all())
	rows := make([]row, 0, len(order)+1)
	for _, label := range order {
		rows = append(rows, latencies(groups[label], elapsed))
		rows[len(rows)-1].Endpoint, rows[len(rows)-1].InFlight = label, workers[0]
	}
	total := latencies(rec.all(), elapsed)
	total.Endpoint, total.InFlight = everyCall, rec.maxInFlight
	total.withCPU(cpuPerCall(b.machine, cpuFrom, total.Calls))
	total.MaxRSS = mib(s.maxRSS())
	total.Note = strings.Join(notes, "; ")
	rows = append(rows, total)
	for i := range rows {
		rows[i].Phase = name
	}
	return rows, errors.Join(failures...)
}

// hotRoomPlayers is a full room.
const hotRoomPlayers = 8

// hotRoom runs -hot-rooms rounds, each in a new room: one player creates it inviting seven, they
// join, then all eight call reportStatus (each about the seven others) at the same instant. The
// room's one document takes the calls one after another; each must succeed and the room must end
// ROOM_ACTIVE.
func (b *bench) hotRoom(ctx context.Context, s *server) (row, error) {
	if err := b.players.ensure(ctx, "hot", 1, hotRoomPlayers); err != nil {
		return row{}, err
	}
	g := b.players.group("hot", 0)
	setup, burst := b.client.run(ctx, &recorder{}), &recorder{}
	s.mark()
	active, cpuFrom := 0, cpuTimes(b.machine)
	var failures []string
	for range b.cfg.HotRooms {
		room, pids := b.createRoom(setup, g)
		start := make(chan struct{})
		runs := make([]*run, len(g))
		var wg sync.WaitGroup
		for i, p := range g {
			runs[i] = b.client.run(ctx, burst)
			wg.Go(func() {
				<-start
				reportConnected(runs[i], room.RoomID, pids, g, p)
			})
		}
		close(start)
		wg.Wait()
		for _, r := range runs {
			if r.err != nil {
				failures = append(failures, r.err.Error())
			}
		}
		setup.call(g[0], "RoomsGet", nil, &room, "roomId", room.RoomID)
		if room.Status == "ROOM_ACTIVE" {
			active++
		} else {
			failures = append(failures, fmt.Sprintf("room %s is %s after the burst", room.RoomID, room.Status))
		}
		leaveRoom(setup, room.RoomID, g)
	}
	if setup.err != nil {
		return row{}, setup.err
	}
	samples := burst.all()
	r := latencies(samples, 0)
	r.Phase, r.Endpoint, r.InFlight, r.MaxRSS = "hot room", "RoomsReportStatus", hotRoomPlayers, mib(s.maxRSS())
	r.withCPU(cpuPerCall(b.machine, cpuFrom, len(samples)+len(setup.rec.all())))
	r.Note = fmt.Sprintf("%d of %d rooms ended ROOM_ACTIVE", active, b.cfg.HotRooms)
	if len(failures) > 0 {
		r.Note += fmt.Sprintf("; failures: %q", failures[:min(len(failures), 3)])
	}
	return r, nil
}

// worstCases runs the memory budget test (functions/budget) on the same emulators, in a process
// of its own, which writes its table of every route's worst case to path; it says whether the
// test passed.
func worstCases(ctx context.Context, root, path string) (bool, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "-run", "^TestMemoryBudget$", "./functions/budget")
	cmd.Dir, cmd.Env = root, append(os.Environ(), "OPENPLAY_MEMORY_REPORT="+path)
	out, runErr := cmd.CombinedOutput()
	if _, err := os.Stat(path); err != nil {
		return false, fmt.Errorf("the memory budget test wrote no figures: %v\n%s", runErr, out)
	}
	return runErr == nil, nil
}
