package main

import (
	"context"
	"slices"
	"sync"
	"time"
)

// sample is one call as the player saw it.
type sample struct {
	label     string // the route's name, or "Name (use)" for one use of it
	latency   time.Duration
	status    int // 0: no answer
	requestID string
}

// recorder collects the samples of one phase and how many calls were in flight at most.
type recorder struct {
	mu                    sync.Mutex
	samples               []sample
	inFlight, maxInFlight int
}

func (r *recorder) begin() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.inFlight++
	r.maxInFlight = max(r.maxInFlight, r.inFlight)
}

func (r *recorder) end(s sample) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.inFlight--
	r.samples = append(r.samples, s)
}

func (r *recorder) all() []sample {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.samples)
}

// byLabel groups samples by label, in order of first appearance.
func byLabel(samples []sample) (order []string, groups map[string][]sample) {
	groups = map[string][]sample{}
	for _, s := range samples {
		if _, ok := groups[s.label]; !ok {
			order = append(order, s.label)
		}
		groups[s.label] = append(groups[s.label], s)
	}
	return order, groups
}

// latencies summarizes samples into a row: calls, errors (any answer but a 2xx), throughput over
// elapsed and latency percentiles over every call, failed ones included.
func latencies(samples []sample, elapsed time.Duration) row {
	r := row{Calls: len(samples), samples: samples}
	lat := make([]time.Duration, len(samples))
	for i, s := range samples {
		lat[i] = s.latency
		if s.status/100 != 2 {
			r.Errors++
		}
	}
	slices.Sort(lat)
	r.P50, r.P95 = ms(percentile(lat, 0.50)), ms(percentile(lat, 0.95))
	if len(lat) > 0 {
		r.Max = ms(lat[len(lat)-1])
	}
	if elapsed > 0 {
		r.PerSecond = float64(len(samples)) / elapsed.Seconds()
	}
	return r
}

// percentile is the nearest-rank percentile of sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// ms is d in milliseconds, as the report keeps durations.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// repeat has workers goroutines call do(w) again and again for d (a call under way at the end
// is finished), and returns how long that took.
func repeat(ctx context.Context, workers int, d time.Duration, do func(w int)) time.Duration {
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Go(func() {
			for time.Since(start) < d && ctx.Err() == nil {
				do(w)
			}
		})
	}
	wg.Wait()
	return time.Since(start)
}
