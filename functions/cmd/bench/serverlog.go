package main

import (
	"bufio"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/store"
)

// logLine is what the bench reads from the dev server's JSON log: the access line of each
// request (its Firestore cost in "firestore", added by store.MeterCost) and the heap lines
// the dev server writes with -memstats-every.
type logLine struct {
	Time        time.Time `json:"time"`
	Message     string    `json:"message"`
	RequestID   string    `json:"requestId"`
	HTTPRequest *struct {
		Status  int
		Latency string
	} `json:"httpRequest"`
	Firestore  *store.Counts `json:"firestore"`
	HeapInuse  int64         `json:"heapInuse"`
	Goroutines int           `json:"goroutines"`
}

// costStats is the Firestore cost per successful call of one endpoint.
type costStats struct {
	Endpoint        string
	Calls           int
	sum, most       store.Counts
	mostStateWrites int64 // writes that are not outbox records, at the worst call
	mostReadsPerTry int64 // reads per transaction attempt (a retry reads again), at the worst call
	Reads, Writes   float64
	OutboxWrites    float64
	Transactions    float64
	RetriesPer100   float64 // transaction attempts beyond the first, per 100 calls
	untransacted    int     // calls that wrote without a transaction
}

func (c *costStats) add(n store.Counts) {
	c.Calls++
	c.sum.Reads += n.Reads
	c.sum.Writes += n.Writes
	c.sum.OutboxWrites += n.OutboxWrites
	c.sum.Transactions += n.Transactions
	if n.Attempts > n.Transactions {
		c.sum.Attempts += n.Attempts - n.Transactions
	}
	c.most.Reads = max(c.most.Reads, n.Reads)
	c.most.Writes = max(c.most.Writes, n.Writes)
	c.most.OutboxWrites = max(c.most.OutboxWrites, n.OutboxWrites)
	c.most.Transactions = max(c.most.Transactions, n.Transactions)
	c.most.Attempts = max(c.most.Attempts, n.Attempts)
	c.mostStateWrites = max(c.mostStateWrites, n.Writes-n.OutboxWrites)
	if n.Writes > 0 && n.Transactions == 0 {
		c.untransacted++
	}
	tries := max(n.Attempts, 1)
	c.mostReadsPerTry = max(c.mostReadsPerTry, (n.Reads+tries-1)/tries)
}

func (c *costStats) finish() {
	n := float64(max(c.Calls, 1))
	c.Reads, c.Writes = float64(c.sum.Reads)/n, float64(c.sum.Writes)/n
	c.OutboxWrites, c.Transactions = float64(c.sum.OutboxWrites)/n, float64(c.sum.Transactions)/n
	c.RetriesPer100 = 100 * float64(c.sum.Attempts) / n
}

// heapSample is one -memstats-every line.
type heapSample struct {
	at         time.Time
	inuse      int64
	goroutines int
}

// serverLog is what the log says: cost per endpoint the bench called (matched by the
// X-Request-Id of its calls), cost per operations route (the Pub/Sub push consumers and jobs
// the dev server runs on its own), the latency the server logged for each of the bench's calls,
// and the heap over time.
type serverLog struct {
	costs      map[string]*costStats
	operations map[string]*costStats
	latency    map[string]time.Duration // by request ID
	counts     map[string]store.Counts  // by request ID
	heap       []heapSample
}

func readServerLog(path string, endpointOf map[string]string) (serverLog, error) {
	f, err := os.Open(path)
	if err != nil {
		return serverLog{}, err
	}
	defer f.Close()
	out := serverLog{costs: map[string]*costStats{}, operations: map[string]*costStats{}, latency: map[string]time.Duration{},
		counts: map[string]store.Counts{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var l logLine
		if json.Unmarshal(sc.Bytes(), &l) != nil {
			continue
		}
		if l.Message == "memstats" {
			out.heap = append(out.heap, heapSample{at: l.Time, inuse: l.HeapInuse, goroutines: l.Goroutines})
			continue
		}
		if l.HTTPRequest == nil {
			continue
		}
		if _, ours := endpointOf[l.RequestID]; ours {
			out.latency[l.RequestID], _ = time.ParseDuration(l.HTTPRequest.Latency)
			if l.Firestore != nil {
				out.counts[l.RequestID] = *l.Firestore
			}
		}
		if l.Firestore == nil || l.HTTPRequest.Status/100 != 2 {
			continue
		}
		into := out.costs
		name, ok := endpointOf[l.RequestID]
		if !ok {
			if _, path, _ := strings.Cut(l.Message, " "); !strings.HasPrefix(path, "/operations/") {
				continue
			}
			into, name = out.operations, l.Message
		}
		c := into[name]
		if c == nil {
			c = &costStats{Endpoint: name}
			into[name] = c
		}
		c.add(*l.Firestore)
	}
	for _, m := range []map[string]*costStats{out.costs, out.operations} {
		for _, c := range m {
			c.finish()
		}
	}
	return out, sc.Err()
}

// maxHeap is the largest heap in use logged between from and to.
func (l serverLog) maxHeap(from, to time.Time) (inuse int64, goroutines int) {
	for _, h := range l.heap {
		if !h.at.Before(from) && !h.at.After(to) {
			inuse, goroutines = max(inuse, h.inuse), max(goroutines, h.goroutines)
		}
	}
	return inuse, goroutines
}

// withServerP50 fills in each summary's median of the latencies the server logged for its calls
// among samples.
func (l serverLog) withServerP50(sums []summary, samples []sample) {
	byEndpoint := map[string][]time.Duration{}
	for _, s := range samples {
		if d, ok := l.latency[s.requestID]; ok {
			byEndpoint[s.endpoint] = append(byEndpoint[s.endpoint], d)
		}
	}
	for i := range sums {
		lat := byEndpoint[sums[i].Endpoint]
		sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
		sums[i].ServerP50 = percentile(lat, 0.5)
	}
}

// attempts is the mean and the most transaction attempts among samples' calls.
func (l serverLog) attempts(samples []sample) (mean float64, most int64) {
	var sum, n int64
	for _, s := range samples {
		if c, ok := l.counts[s.requestID]; ok {
			sum, n, most = sum+c.Attempts, n+1, max(most, c.Attempts)
		}
	}
	return float64(sum) / float64(max(n, 1)), most
}

// sortedCosts lists costs by endpoint name.
func sortedCosts(m map[string]*costStats) []*costStats {
	out := make([]*costStats, 0, len(m))
	for _, c := range m {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Endpoint < out[j].Endpoint })
	return out
}
