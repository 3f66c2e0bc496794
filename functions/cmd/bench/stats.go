package main

import (
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// sample is one API call as the player saw it.
type sample struct {
	endpoint  string
	start     time.Time
	latency   time.Duration
	status    int // 0: no answer (the connection failed or timed out)
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
	for {
		m := r.maxInFlight.Load()
		if n <= m || r.maxInFlight.CompareAndSwap(m, n) {
			return
		}
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

// summary is what the report shows of one endpoint (or floor) in one phase.
type summary struct {
	Endpoint         string
	Calls            int
	PerSecond        float64
	P50, P95, P99    time.Duration
	Max              time.Duration
	ErrorsByStatus   map[int]int
	ServerErrors     int // 5xx and no answer
	SuccessfulCalls  int
	SuccessfulPerSec float64
	ServerP50        time.Duration // what the dev server logged for the same calls
}

// summarize groups samples by endpoint, in order of first appearance. elapsed is the phase's
// length, for throughput. Latency percentiles are over every call, failed ones included.
func summarize(samples []sample, elapsed time.Duration) []summary {
	byEndpoint := map[string][]sample{}
	var order []string
	for _, s := range samples {
		if _, ok := byEndpoint[s.endpoint]; !ok {
			order = append(order, s.endpoint)
		}
		byEndpoint[s.endpoint] = append(byEndpoint[s.endpoint], s)
	}
	out := make([]summary, 0, len(order))
	for _, name := range order {
		out = append(out, summarizeOne(name, byEndpoint[name], elapsed))
	}
	return out
}

func summarizeOne(name string, samples []sample, elapsed time.Duration) summary {
	sum := summary{Endpoint: name, Calls: len(samples), ErrorsByStatus: map[int]int{}}
	lat := make([]time.Duration, len(samples))
	for i, s := range samples {
		lat[i] = s.latency
		switch {
		case s.status >= 200 && s.status < 300:
			sum.SuccessfulCalls++
		default:
			sum.ErrorsByStatus[s.status]++
			if s.status == 0 || s.status >= 500 {
				sum.ServerErrors++
			}
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	sum.P50, sum.P95, sum.P99 = percentile(lat, 0.50), percentile(lat, 0.95), percentile(lat, 0.99)
	if len(lat) > 0 {
		sum.Max = lat[len(lat)-1]
	}
	if secs := elapsed.Seconds(); secs > 0 {
		sum.PerSecond = float64(sum.Calls) / secs
		sum.SuccessfulPerSec = float64(sum.SuccessfulCalls) / secs
	}
	return sum
}

// percentile is the nearest-rank percentile of sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// find returns the summary of endpoint, if there is one.
func find(sums []summary, endpoint string) (summary, bool) {
	for _, s := range sums {
		if s.Endpoint == endpoint {
			return s, true
		}
	}
	return summary{}, false
}
