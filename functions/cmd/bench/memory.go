package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"
)

// memoryResult is the server's memory while every scenario runs at once with -memory-concurrency
// players' calls in flight.
type memoryResult struct {
	Concurrency int
	MaxInFlight int64
	Calls       int
	Errors      int
	MaxRSS      int64
	MaxHeap     int64
	Goroutines  int
	Outcomes    []outcome
	// WorstCases is the memory budget test's table: each route's worst input, 80 calls at once
	// against one instance (see worstCases); WorstCasesFailed says the test failed.
	WorstCases       string
	WorstCasesFailed bool
	from, to         time.Time
}

// memory splits -memory-concurrency workers over the scenarios and runs them together.
func (b *bench) memory(ctx context.Context, s *server) (memoryResult, error) {
	scs := b.scenarios()
	res := memoryResult{Concurrency: b.cfg.memoryConcurrency, from: time.Now()}
	rec := &recorder{}
	outcomes := make([]outcome, len(scs))
	failures := make([]error, len(scs))
	var wg sync.WaitGroup
	for i, sc := range scs {
		workers := b.cfg.memoryConcurrency / len(scs)
		if i < b.cfg.memoryConcurrency%len(scs) {
			workers++
		}
		// Sign up first, so that every scenario's clock starts together.
		if err := b.players.ensure(ctx, sc.name, workers, sc.size); err != nil {
			return res, err
		}
		wg.Go(func() { outcomes[i], failures[i] = b.load(ctx, sc, workers, b.cfg.memoryDuration, rec) })
	}
	wg.Wait()
	res.to = time.Now()
	for _, err := range failures {
		if err != nil {
			return res, err
		}
	}
	res.Outcomes = outcomes
	all := rec.all()
	b.remember(all)
	res.Calls, res.MaxInFlight = len(all), rec.maxInFlight.Load()
	for _, s := range all {
		if s.status/100 != 2 {
			res.Errors++
		}
	}
	res.MaxRSS = s.maxRSS(res.from, res.to)
	return res, nil
}

// worstCases runs the memory budget test (functions/budget) on the same emulators, in a process
// of its own, and returns the table of figures it writes, and whether it passed.
func worstCases(ctx context.Context, root string) (string, bool, error) {
	table := filepath.Join(os.TempDir(), fmt.Sprintf("openplay-budget-%d.md", os.Getpid()))
	defer os.Remove(table)
	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "-run", "^TestMemoryBudget$", "./functions/budget")
	cmd.Dir, cmd.Env = root, append(os.Environ(), "OPENPLAY_MEMORY_REPORT="+table)
	out, runErr := cmd.CombinedOutput()
	raw, err := os.ReadFile(table)
	if err != nil {
		return "", false, fmt.Errorf("the memory budget test wrote no figures: %v\n%s", runErr, out)
	}
	return string(raw), runErr == nil, nil
}
