package budget

import (
	"bytes"
	"io"
	"net/http"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// instanceMemory is the memory the Go runtime holds from the OS, less what it has released:
// what a function instance's memory limit counts, apart from the binary's code.
func instanceMemory(samples []metrics.Sample) uint64 {
	metrics.Read(samples)
	return samples[0].Value.Uint64() - samples[1].Value.Uint64()
}

func memorySamples() []metrics.Sample {
	return []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}, {Name: "/gc/heap/live:bytes"}}
}

// liveHeap is the heap the last garbage collection found live: what the calls and the instance
// really hold, garbage apart.
func liveHeap(samples []metrics.Sample) uint64 { return samples[2].Value.Uint64() }

// figure is what one route's worst case measured.
type figure struct {
	Route     string
	Calls     int
	Statuses  map[int]int
	Base      uint64 // instance memory before the calls, less the test's own request bodies
	Peak      uint64 // the most instance memory while they ran, less the test's own request bodies
	Live      uint64 // the largest live heap a collection found while they ran, less the bodies
	Refusal   string // the first answer that was not a success, for the failure message
	Retried   int    // calls the instance asked to come back later (503 with Retry-After), sent again
	BodyBytes int    // the largest request body
	Elapsed   time.Duration
}

// fire sends calls all at once to the instance and samples its memory every millisecond until
// they are answered. The request bodies are made before the baseline is taken and answers are
// discarded as they stream in, so the test's own allocations barely show; what the bodies hold
// is subtracted from the peak.
func fire(t *testing.T, client *http.Client, route string, requests []*http.Request, bodies [][]byte) figure {
	t.Helper()
	fig := figure{Route: route, Calls: len(requests), Statuses: map[int]int{}}
	held := 0
	for _, b := range bodies {
		held += len(b)
		fig.BodyBytes = max(fig.BodyBytes, len(b))
	}
	runtime.GC()
	runtime.GC() // twice: sync.Pool keeps its items for one collection
	debug.FreeOSMemory()
	samples := memorySamples()
	fig.Base = instanceMemory(samples)

	var peak, live atomic.Uint64
	peak.Store(fig.Base)
	stop, sampled := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(sampled)
		samples := memorySamples()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if m := instanceMemory(samples); m > peak.Load() {
				peak.Store(m)
			}
			if l := liveHeap(samples); l > live.Load() {
				live.Store(l)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	statuses := make([]int, len(requests))
	var refusal atomic.Pointer[[]byte]
	var retried atomic.Int64
	var wg sync.WaitGroup
	for i, req := range requests {
		wg.Go(func() {
			res, err := send(client, req, bodies, i, &retried)
			if !assert.NoError(t, err, route) {
				return
			}
			if res.StatusCode/100 != 2 {
				raw, _ := io.ReadAll(io.LimitReader(res.Body, 512))
				refusal.CompareAndSwap(nil, &raw)
			}
			_, _ = io.Copy(io.Discard, res.Body)
			_ = res.Body.Close()
			statuses[i] = res.StatusCode
		})
	}
	wg.Wait()
	fig.Elapsed = time.Since(start)
	close(stop)
	<-sampled
	fig.Base, fig.Peak = fig.Base-uint64(held), peak.Load()-uint64(held)
	fig.Live = live.Load() - min(live.Load(), uint64(held))
	fig.Retried = int(retried.Load())
	for _, s := range statuses {
		fig.Statuses[s]++
	}
	if r := refusal.Load(); r != nil {
		fig.Refusal = string(*r)
	}
	return fig
}

// send sends the i-th request as a client would: a call the instance was too busy to take (503
// with Retry-After: its admission, docs/testing.md) is sent again after the delay it names, a few
// times at most, each counted in retried.
func send(client *http.Client, req *http.Request, bodies [][]byte, i int, retried *atomic.Int64) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		if bodies != nil {
			req.Body = io.NopCloser(bytes.NewReader(bodies[i]))
			req.ContentLength = int64(len(bodies[i]))
		}
		res, err := client.Do(req)
		if err != nil || res.StatusCode != http.StatusServiceUnavailable || attempt == maxRetries {
			return res, err
		}
		after, err := strconv.Atoi(res.Header.Get("Retry-After"))
		if err != nil {
			return res, nil
		}
		_, _ = io.Copy(io.Discard, res.Body)
		_ = res.Body.Close()
		retried.Add(1)
		time.Sleep(time.Duration(after) * time.Second)
	}
}

// maxRetries is how often send sends a call again.
const maxRetries = 5
