package faults_test

import (
	"context"
	"fmt"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/outbox"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/store"
)

// outcome is the figures of a test once its load has finished: what the players of main saw,
// what the services answered, and what was lost, with the notifications settled by relay (whose
// clock is c). The writes others acknowledged are checked too.
func (w *world) outcome(scenario string, main *load, relay *service.Service, c *clock, others ...*load) figures {
	f := figures{Scenario: scenario, answers: main.seen(), Odd: main.odd}
	for _, l := range append([]*load{main}, others...) {
		f.LostWrites += w.lostWrites(l, &f.LostWhich)
	}
	f.delivery = w.settle(relay, c)
	f.Served5xx = w.log.served5xx()
	assert.Zero(w.t, w.log.dataRaces(), "the instances ran without data races:\n%s", w.log)
	return f
}

// lostWrites counts the acknowledged writes of l the store does not have, and adds them to which:
// a room whose create was answered 2xx and is missing, a matchVersion a write was answered with
// and the stored match has not reached. It reads through the checker, straight from the emulator.
func (w *world) lostWrites(l *load, which *[]string) (lost int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ctx := w.t.Context()
	for _, id := range l.rooms {
		_, err := w.checker.Store.Rooms().Get(ctx, id)
		if errs.Is(err, errs.NotFound) {
			lost++
			*which = append(*which, "room "+id)
			continue
		}
		require.NoError(w.t, err)
	}
	for id, versions := range l.versions {
		m, err := w.checker.Store.Matches().Get(ctx, id)
		if errs.Is(err, errs.NotFound) {
			lost += len(versions)
			*which = append(*which, "match "+id)
			continue
		}
		require.NoError(w.t, err)
		for _, v := range versions {
			if int64(v) > m.Version {
				lost++
				*which = append(*which, fmt.Sprintf("match %s version %d (stored %d)", id, v, m.Version))
			}
		}
	}
	return lost
}

// delivery is what became of the notifications the committed changes owe.
type delivery struct {
	Owed        int // outbox records: one per notification a committed change owes
	Pending     int // of those, records no request published (left for the relay)
	RelayPasses int // relay passes until none was pending
	Delivered   int // owed notifications found in their recipient's inbox
	Lost        int // owed notifications missing from their recipient's inbox
	Duplicated  int // inbox entries beyond one per owed notification
	Copies      int // messages Pub/Sub pushed to the consumers (duplicates are dropped there)
}

// maxRelayPasses bounds how many scheduled relay passes settling may take.
const maxRelayPasses = 5

// settle lets the relay on relay (whose clock is c) publish what is pending, as Cloud Scheduler
// would call it, a claim period apart (c is moved on rather than waited for), with the production
// grace period; then it waits until every owed notification is in its recipient's inbox (or
// inboxWait has passed), and a moment longer for duplicates.
func (w *world) settle(relay *service.Service, c *clock) delivery {
	ctx := w.t.Context()
	records := w.outbox(ctx)
	d := delivery{Owed: len(records)}
	for _, r := range records {
		if !r.Sent {
			d.Pending++
		}
	}
	for pending := d.Pending; pending > 0 && d.RelayPasses < maxRelayPasses; pending = w.pending(ctx) {
		c.Skip(outbox.RelayClaim)
		_, err := relay.Outbox.Relay(ctx, outbox.RelayGrace)
		require.NoError(w.t, err)
		d.RelayPasses++
	}

	deadline := time.Now().Add(inboxWait)
	for {
		d.Delivered, d.Duplicated = w.inboxes(ctx, records)
		if d.Delivered == d.Owed || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(time.Second) // a duplicate would arrive within this
	d.Delivered, d.Duplicated = w.inboxes(ctx, records)
	d.Lost = d.Owed - d.Delivered
	d.Copies = w.pushes.total()
	return d
}

// inboxWait bounds how long the consumers may take to put the relayed notifications into inboxes.
const inboxWait = 30 * time.Second

// outbox reads every outbox record of the world's project.
func (w *world) outbox(ctx context.Context) map[string]store.OutboxRecord {
	client, err := w.checker.Store.Client(ctx)
	require.NoError(w.t, err)
	snaps, err := client.Collection(store.Outbox).Documents(ctx).GetAll()
	require.NoError(w.t, err)
	out := make(map[string]store.OutboxRecord, len(snaps))
	for _, s := range snaps {
		r, err := store.DecodeOutboxRecord(s)
		require.NoError(w.t, err)
		out[s.Ref.ID] = r
	}
	return out
}

func (w *world) pending(ctx context.Context) int {
	n := 0
	for _, r := range w.outbox(ctx) {
		if !r.Sent {
			n++
		}
	}
	return n
}

// inboxes reads the inbox of every recipient of records and counts the records found there, and
// the entries beyond one per record.
func (w *world) inboxes(ctx context.Context, records map[string]store.OutboxRecord) (delivered, duplicated int) {
	recipients := map[string]bool{}
	for _, r := range records {
		recipients[r.Recipient] = true
	}
	found := map[string]int{}
	for p := range recipients {
		token := ""
		for {
			page, next, err := w.checker.Store.InboxPage(ctx, p, 100, token)
			require.NoError(w.t, err)
			for _, e := range page {
				found[e.ID]++
			}
			if token = next; token == "" {
				break
			}
		}
	}
	for id, n := range found {
		if _, owed := records[id]; owed {
			delivered++
			duplicated += n - 1
		} else {
			duplicated += n
		}
	}
	return delivered, duplicated
}
