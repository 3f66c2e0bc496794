package main

import (
	"context"
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
	from, to    time.Time
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
