package outbox

import (
	"context"
	"sync"
	"time"
)

// Marking published outbox records sent only spares the relay a second publish, so it happens
// off the player's request, in batches of up to markBatch. The writer waits up to markLinger
// after a batch's first mark for the marks of concurrent calls, so that they share one write
// instead of each call costing the database a write of its own; a flush, or Close, writes at
// once. If the process dies before a mark is written, or the mark fails, the relay publishes
// that record again after RelayGrace and the consumers drop the duplicate by its notification
// ID.
const (
	markBatch   = 500
	markBacklog = 10_000
	markLinger  = 50 * time.Millisecond
	markTimeout = 30 * time.Second
)

// sentMarks is the instance's queue of published records waiting to be marked sent. One
// goroutine, started with the first mark, writes them.
type sentMarks struct {
	queue  chan mark
	start  sync.Once
	done   chan struct{} // closed when the writer has stopped (or, never started, at Close)
	mu     sync.RWMutex  // guards closed: nothing is queued once Close closed the queue
	closed bool
}

func newSentMarks() sentMarks {
	return sentMarks{queue: make(chan mark, markBacklog), done: make(chan struct{})}
}

// mark is a published record's ID, or (flushed set) a request to signal once everything queued
// before it is written.
type mark struct {
	id      string
	flushed chan struct{}
}

// markSent queues the IDs of published records to be marked sent. It never blocks the request:
// with the backlog full, a record is left for the relay.
func (o *Outbox) markSent(ids []string) {
	o.enqueueMarks(func(q chan mark) {
		for _, id := range ids {
			select {
			case q <- mark{id: id}:
			default:
				return
			}
		}
	})
}

// FlushSentMarks waits until every record queued before the call is marked sent (or its mark
// failed), or ctx ends.
func (o *Outbox) FlushSentMarks(ctx context.Context) error {
	flushed := make(chan struct{})
	queued := false
	o.enqueueMarks(func(q chan mark) {
		select {
		case q <- mark{flushed: flushed}:
			queued = true
		case <-ctx.Done():
		}
	})
	if !queued {
		return ctx.Err()
	}
	select {
	case <-flushed:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (o *Outbox) enqueueMarks(send func(chan mark)) {
	m := &o.marks
	m.start.Do(func() { go o.writeMarks() })
	m.mu.RLock()
	defer m.mu.RUnlock()
	if !m.closed {
		send(m.queue)
	}
}

// writeMarks collects marks for up to markLinger after the first (up to markBatch, or until a
// flush request or Close), writes them in one BulkWriter pass, and repeats until the queue is
// closed.
func (o *Outbox) writeMarks() {
	m := &o.marks
	defer close(m.done)
	linger := time.NewTimer(markLinger)
	defer linger.Stop()
	for first := range m.queue {
		batch := []mark{first}
		linger.Reset(markLinger)
	more:
		for len(batch) < markBatch && batch[len(batch)-1].flushed == nil {
			select {
			case next, ok := <-m.queue:
				if !ok {
					break more
				}
				batch = append(batch, next)
			case <-linger.C:
				break more
			}
		}
		o.writeBatch(batch)
	}
}

func (o *Outbox) writeBatch(batch []mark) {
	ids := make([]string, 0, len(batch))
	for _, m := range batch {
		if m.flushed == nil {
			ids = append(ids, m.id)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), markTimeout)
	defer cancel()
	if err := o.store.MarkSent(ctx, ids, o.time()); err != nil {
		o.logger().Warn("published notifications not marked sent; the relay will publish them again",
			"error", err.Error(), "records", len(ids))
	}
	for _, m := range batch {
		if m.flushed != nil {
			close(m.flushed)
		}
	}
}

// closeMarks writes what is queued and stops the writer.
func (o *Outbox) closeMarks() {
	m := &o.marks
	m.mu.Lock()
	if !m.closed {
		m.closed = true
		close(m.queue)
	}
	m.mu.Unlock()
	m.start.Do(func() { close(m.done) }) // no writer was started: nothing to wait for
	<-m.done
}
