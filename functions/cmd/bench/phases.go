package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// phases runs every phase against s, adding rows to r, and returns the samples of the calls
// whose Firestore cost the report shows.
func (b *bench) phases(ctx context.Context, s *server, floor *baseline, r *results) ([]sample, error) {
	b.logf("cold start")
	cold, err := b.coldStart(ctx, s)
	if err != nil {
		return nil, err
	}
	r.Rows = append(r.Rows, cold...)
	for _, kind := range floorKinds {
		b.logf("floor %s", kind)
		f, err := floor.measure(ctx, kind, b.cfg.Concurrency, b.cfg.FloorDuration)
		if err != nil {
			return nil, err
		}
		r.Rows = append(r.Rows, f)
	}
	var all []sample
	scs := b.scenarios()
	for _, sc := range scs {
		b.logf("scenario %s", sc.name)
		rows, _, samples, err := b.phase(ctx, s, sc.name, []scenario{sc}, []int{b.cfg.Concurrency}, b.cfg.Duration)
		if err != nil {
			return nil, err
		}
		r.Rows, all = append(r.Rows, rows...), append(all, samples...)
	}
	for _, c := range b.cfg.Sweep {
		rows, total, samples, err := b.phase(ctx, s, "sweep", scs[1:2], []int{c}, b.cfg.SweepDuration)
		if err != nil {
			return nil, err
		}
		f, err := floor.measure(ctx, floorTxPublish, c, b.cfg.FloorDuration)
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			if row.Endpoint == "TurnBasedMatchesTakeTurn" {
				row.Floor, row.FloorP50 = floorTxPublish, f.P50
				row.Note = fmt.Sprintf("every call of the scenario: %.0f/s; %s", total.PerSecond, total.Note)
				r.Rows = append(r.Rows, row)
				b.logf("sweep, %d in flight: takeTurn p50 %.1f ms, floor %.1f ms", c, row.P50, f.P50)
			}
		}
		all = append(all, samples...)
	}
	b.logf("hot room")
	hot, samples, err := b.hotRoom(ctx, s)
	if err != nil {
		return nil, err
	}
	r.Rows, all = append(r.Rows, hot), append(all, samples...)
	b.logf("memory: every scenario at once, %d calls in flight", b.cfg.MemoryConcurrency)
	workers := make([]int, len(scs))
	for i := range workers {
		workers[i] = b.cfg.MemoryConcurrency/len(scs) + min(1, max(0, b.cfg.MemoryConcurrency%len(scs)-i))
	}
	_, total, _, err := b.phase(ctx, s, "memory", scs, workers, b.cfg.MemoryDuration)
	total.Endpoint = "every scenario at once"
	r.Rows = append(r.Rows, total)
	return all, err
}

// phase runs scenarios together, workers[i] groups of players playing scs[i], for d. It makes a
// row per endpoint and one of every call, each with the server's CPU time per call and largest
// RSS over the phase; the latter's note says how the lifecycles ended.
func (b *bench) phase(ctx context.Context, s *server, name string, scs []scenario, workers []int, d time.Duration) ([]row, row, []sample, error) {
	for i, sc := range scs { // sign up first, so that every scenario's clock starts together
		if err := b.players.ensure(ctx, sc.name, workers[i], sc.size); err != nil {
			return nil, row{}, nil, err
		}
	}
	rec := &recorder{}
	outcomes, failures := make([]outcome, len(scs)), make([]error, len(scs))
	from, cpuFrom := time.Now(), s.mark()
	var wg sync.WaitGroup
	for i, sc := range scs {
		wg.Go(func() { outcomes[i], failures[i] = b.load(ctx, sc, workers[i], d, rec) })
	}
	wg.Wait()
	elapsed := time.Since(from)
	rss, cpu := s.usage(cpuFrom)
	samples := rec.all()
	usage := func(r row) row {
		r.Phase, r.CPUPerCall, r.MaxRSS = name, ms(cpu/time.Duration(max(1, len(samples)))), mib(rss)
		return r
	}
	total := usage(latencies(samples, elapsed))
	total.InFlight = int(rec.maxInFlight.Load())
	var notes []string
	for i, o := range outcomes {
		notes = append(notes, o.describe(scs[i].name))
	}
	total.Note = strings.Join(notes, "; ")
	order, groups := byLabel(samples)
	rows := make([]row, len(order))
	for i, label := range order {
		rows[i] = usage(latencies(groups[label], elapsed))
		rows[i].Endpoint, rows[i].InFlight = label, workers[0]
	}
	if len(rows) > 0 {
		rows[0].Note = total.Note
	}
	return rows, total, samples, errors.Join(failures...)
}

// hotRoomPlayers is a full room.
const hotRoomPlayers = 8

// hotRoom runs -hot-rooms rounds, each in a new room: one player creates it inviting seven, they
// join, then all eight call reportStatus (each about the seven others) at the same instant. The
// room's one document takes the calls one after another; each must succeed and the room must end
// ROOM_ACTIVE.
func (b *bench) hotRoom(ctx context.Context, s *server) (row, []sample, error) {
	if err := b.players.ensure(ctx, "hot", 1, hotRoomPlayers); err != nil {
		return row{}, nil, err
	}
	g := b.players.group("hot", 0)
	setup, burst := b.client.run(ctx, &recorder{}), &recorder{}
	active, cpuFrom := 0, s.mark()
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
		return row{}, nil, setup.err
	}
	rss, cpu := s.usage(cpuFrom)
	samples := burst.all()
	r := latencies(samples, 0)
	r.Phase, r.Endpoint, r.InFlight, r.MaxRSS = "hot room", "RoomsReportStatus", hotRoomPlayers, mib(rss)
	r.CPUPerCall = ms(cpu / time.Duration(len(samples)+len(setup.rec.all())))
	r.Note = fmt.Sprintf("%d of %d rooms ended ROOM_ACTIVE", active, b.cfg.HotRooms)
	if len(failures) > 0 {
		r.Note += fmt.Sprintf("; failures: %q", failures[:min(len(failures), 3)])
	}
	return r, samples, nil
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
