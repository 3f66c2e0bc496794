package faults_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowdowns are the round-trip latencies the latency test adds to Firestore, each for a while.
var slowdowns = []time.Duration{200 * time.Millisecond, time.Second, 2 * time.Second}

// TestSlowFirestore: under load, every round trip to Firestore takes longer and longer. Calls
// either succeed or answer 503 with Retry-After within their deadline; nothing hangs, no write
// answered 2xx is lost, and every notification owed reaches its inbox once. At the first
// slowdown, well within the deadline, calls still succeed.
func TestSlowFirestore(t *testing.T) {
	const each = 4 * time.Second
	w := newWorld(t)
	inst := w.instance(testDeadline)
	l := startLoad(t, func() string { return inst.url }, testDeadline, pairs)

	var steps []string
	var okAtFirst int
	for i, d := range slowdowns {
		before := l.seen()
		w.firestore.Delay(d)
		time.Sleep(each)
		after := l.seen()
		steps = append(steps, fmt.Sprintf("+%v: %d of %d 2xx", d, after.OK-before.OK, after.Calls-before.Calls))
		if i == 0 {
			okAtFirst = after.OK - before.OK
		}
	}
	l.finish()
	w.firestore.Delay(0)

	require.NoError(t, inst.svc.Outbox.FlushSentMarks(t.Context()))
	f := w.outcome("Firestore slow", l, inst.svc, inst.clock)
	f.Note = strings.Join(steps, "; ")
	report(t, f)

	assertNothingLost(t, f)
	assert.Positive(t, okAtFirst, "calls succeed with Firestore %v slower: %s", slowdowns[0], f.Note)
	assert.Positive(t, f.Acked, "writes acknowledged")
	assert.Positive(t, f.Owed, "notifications owed")
}
