package main

import (
	"slices"
	"sync"
	"sync/atomic"
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
	mu          sync.Mutex
	samples     []sample
	inFlight    atomic.Int64
	maxInFlight atomic.Int64
}

func (r *recorder) begin() {
	n := r.inFlight.Add(1)
	for m := r.maxInFlight.Load(); n > m && !r.maxInFlight.CompareAndSwap(m, n); m = r.maxInFlight.Load() {
	}
}

func (r *recorder) end(s sample) {
	r.inFlight.Add(-1)
	r.mu.Lock()
	r.samples = append(r.samples, s)
	r.mu.Unlock()
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
	r := row{Calls: len(samples)}
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
