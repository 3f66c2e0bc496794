// Package outbox publishes the notifications a transaction recorded in the outbox: at once,
// after the commit, for the call that made them (Deliver), and again from the relay for the
// records left pending (Relay). Published records are marked sent in the background.
package outbox

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/publisher"
	"github.com/openplay-games/openplay/shared/store"
)

// PublishTimeout is how long a call waits for Pub/Sub to take its notifications: a publish takes
// tens of milliseconds, so a Pub/Sub that has not answered by then is in trouble, and the player
// gets their answer while the relay publishes the rest later.
const PublishTimeout = 2 * time.Second

// Outbox delivers an instance's notifications.
type Outbox struct {
	// PublishTimeout bounds how long Deliver waits for Pub/Sub before leaving the rest to the
	// relay.
	PublishTimeout time.Duration

	store     *store.Store
	publisher *publisher.Publisher
	// time and logger are the instance's, asked at each use: tests replace them after New.
	time   func() time.Time
	logger func() *slog.Logger
	marks  sentMarks
}

// New returns the outbox of an instance that stores through s, publishes through p, reads the
// time from now (at Firestore's precision) and logs the background work through logger. It does
// no I/O.
func New(s *store.Store, p *publisher.Publisher, now func() time.Time, logger func() *slog.Logger) *Outbox {
	return &Outbox{PublishTimeout: PublishTimeout, store: s, publisher: p, time: now, logger: logger, marks: newSentMarks()}
}

// Deliver publishes committed notifications, waits for Pub/Sub to have them (at most
// PublishTimeout, and never past ctx's deadline), and queues their outbox records to be marked
// sent in the background (see sent.go). A failure does not fail the caller's request: the state
// change is committed, and the records stay pending for the relay to publish again.
func (o *Outbox) Deliver(ctx context.Context, notes []notification.Notification) {
	if len(notes) == 0 {
		return
	}
	// A client hanging up must not strand committed notifications, and a Pub/Sub outage must not
	// hold the player's call for long: past PublishTimeout, or the call's own deadline, the relay
	// takes over.
	wait := o.PublishTimeout
	if deadline, ok := ctx.Deadline(); ok {
		wait = min(wait, time.Until(deadline))
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), wait)
	defer cancel()
	// Recipients are published to in parallel, each recipient's notifications one after another
	// in the order given, so the per-recipient ordering key keeps them in order.
	byRecipient := map[string][]notification.Notification{}
	for _, n := range notes {
		byRecipient[n.Recipient] = append(byRecipient[n.Recipient], n)
	}
	sent := make([]string, 0, len(notes))
	var mu sync.Mutex
	var wg sync.WaitGroup
	var failures []error
	for _, queue := range byRecipient {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, n := range queue {
				err := o.publisher.Publish(ctx, n)
				mu.Lock()
				if err != nil {
					failures = append(failures, err)
				} else {
					sent = append(sent, n.ID)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	o.markSent(sent)
	if len(failures) > 0 {
		logging.From(ctx).Warn("notifications left pending for the relay", "error", errors.Join(failures...).Error(),
			"pending", len(notes)-len(sent))
	}
}

// Close writes the sent marks still queued and stops their writer.
func (o *Outbox) Close() { o.closeMarks() }
