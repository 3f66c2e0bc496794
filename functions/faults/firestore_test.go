package faults_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testDeadline is the request deadline of the instances under test: shorter than production's
// (service.RequestTimeout) so that calls held up by an outage give up within the test's time.
const testDeadline = 3 * time.Second

// pairs is how many pairs of players play at once.
const pairs = 6

// TestFirestoreStopsAndRestarts: under load, Firestore stops answering (as a stopped process:
// connections open, nothing answered), then dies and comes back (connections reset, refused,
// then accepted). Callers get 503 with Retry-After within the deadline, never another 5xx or no
// answer; the same instance serves again once Firestore is back; every write answered 2xx is in
// the store, and every notification the committed changes owe reaches its inbox once.
func TestFirestoreStopsAndRestarts(t *testing.T) {
	const stopped, dead = 5 * time.Second, time.Second
	w := newWorld(t)
	inst := w.instance(testDeadline)
	l := startLoad(t, func() string { return inst.url }, testDeadline, pairs)
	impatient := startLoadWaiting(t, func() string { return inst.url }, testDeadline, testDeadline/3, 2)

	time.Sleep(2 * time.Second)
	before := l.seen()
	require.Positive(t, before.OK, "calls succeed before the fault")
	w.firestore.Stop()
	time.Sleep(stopped)
	w.firestore.Down()
	time.Sleep(dead)
	w.firestore.Pass()
	restarted := time.Now()
	time.Sleep(2 * testDeadline)
	l.finish()
	impatient.finish()
	recovered := l.firstOKAfter(restarted)

	require.NoError(t, inst.svc.Outbox.FlushSentMarks(t.Context()))
	f := w.outcome("Firestore stopped, then restarted", l, inst.svc, inst.clock, impatient)
	f.Note = fmt.Sprintf("stopped %v, dead %v; first 2xx %v after the restart", stopped, dead, recovered.Round(10*time.Millisecond))
	report(t, f)

	assertNothingLost(t, f)
	assert.Positive(t, f.Unavailable, "the outage is seen as 503")
	assert.GreaterOrEqual(t, recovered, time.Duration(0), "the instance serves again after Firestore restarts, without a restart of its own")
}
