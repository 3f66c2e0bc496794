package faults_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPubSubStopsAndRestarts: under load, Pub/Sub stops answering, then dies and comes back.
// Every call still succeeds (Firestore is fine), within its deadline; the notifications the
// requests could not publish wait in the outbox, and once Pub/Sub is back the relay publishes
// them and the consumers put each into its recipient's inbox exactly once.
func TestPubSubStopsAndRestarts(t *testing.T) {
	const stopped = 6 * time.Second
	w := newWorld(t)
	inst := w.instance(testDeadline)
	l := startLoad(t, func() string { return inst.url }, testDeadline, pairs)

	time.Sleep(2 * time.Second)
	require.Positive(t, l.seen().OK, "calls succeed before the fault")
	w.pubsub.Stop()
	time.Sleep(stopped)
	w.pubsub.Down()
	w.pubsub.Pass()
	time.Sleep(2 * time.Second)
	l.finish()

	require.NoError(t, inst.svc.Outbox.FlushSentMarks(t.Context()))
	f := w.outcome("Pub/Sub stopped, then restarted", l, inst.svc, inst.clock)
	f.Note = fmt.Sprintf("stopped %v; publish timeout %v", stopped, inst.svc.Outbox.PublishTimeout)
	report(t, f)

	assertNothingLost(t, f)
	assert.Equal(t, f.Calls, f.OK, "every call succeeds with Pub/Sub down: %v", f.Odd)
	assert.Positive(t, f.Pending, "the outage left notifications to the relay")
}
