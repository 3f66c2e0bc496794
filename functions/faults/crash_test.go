package faults_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// alive is how long each instance of the crash test serves before it is killed: long enough for
// calls to commit, short enough for many kills within the test.
func alive(i int) time.Duration {
	return 1200*time.Millisecond + time.Duration(i%4)*200*time.Millisecond
}

// kills is how many times the crash test kills an instance.
const kills = 12

// TestInstanceKilledBetweenCommitAndPublish: an instance under load is killed with SIGKILL again
// and again, while Pub/Sub is slow, so that calls die after their commit and before (or while)
// they publish, or before their published records are marked sent. Every write answered 2xx is
// in the store, and the relay, running after, gets every notification the committed changes owe
// into its recipient's inbox exactly once.
func TestInstanceKilledBetweenCommitAndPublish(t *testing.T) {
	const slowPublish = 500 * time.Millisecond
	w := newWorld(t)
	w.pubsub.Delay(slowPublish)
	current := w.startProcess(testDeadline)
	var url atomic.Pointer[string]
	url.Store(&current.url)
	l := startLoad(t, func() string { return *url.Load() }, testDeadline, pairs)

	crashed := 0 // instances that ended before they were killed
	for i := range kills {
		time.Sleep(alive(i))
		if !current.kill() {
			crashed++
		}
		current = w.startProcess(testDeadline)
		url.Store(&current.url)
	}
	time.Sleep(alive(0))
	l.finish()
	if !current.kill() {
		crashed++
	}

	w.pubsub.Delay(0)
	relay, c := w.service(), &clock{} // the next scheduled relay, on a healthy instance
	relay.Now = c.Now
	f := w.outcome("instance killed (SIGKILL) between commit and publish", l, relay, c)
	f.Note = fmt.Sprintf("%d kills; Pub/Sub %v slower", kills, slowPublish)
	report(t, f)

	assertNothingLost(t, f)
	assert.Zero(t, crashed, "instances ended on their own")
	assert.Positive(t, f.Dropped, "calls died with the instance")
	assert.Positive(t, f.Pending, "the kills left notifications to the relay")
}
