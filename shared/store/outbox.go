package store

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/api/iterator"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/notification"
)

// OutboxRetention is how long a sent record stays (for operators to look into) before TTL.
const OutboxRetention = 7 * 24 * time.Hour

// writeOutbox adds the outbox records of notes to the transaction. IDs are deterministic (named
// after the state the change made), so a record that already exists means another call made
// the same change first (its commit refused as contention, and the call reads again), or a rule
// emitted the same notification twice: either way the transaction fails rather than send it
// again.
func writeOutbox(client *firestore.Client, tx *firestore.Transaction, notes []notification.Notification) error {
	for _, n := range notes {
		if err := tx.Create(client.Collection(Outbox).Doc(n.ID), OutboxDocument(n)); err != nil {
			return err
		}
	}
	return nil
}

// MarkSent records that the notifications with these IDs were published.
func (s *Store) MarkSent(ctx context.Context, ids []string, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	client, err := s.Client(ctx)
	if err != nil {
		return err
	}
	bw := client.BulkWriter(ctx)
	jobs := make([]*firestore.BulkWriterJob, 0, len(ids))
	for _, id := range ids {
		job, err := bw.Update(client.Collection(Outbox).Doc(id), []firestore.Update{{Path: "sent", Value: true}, {Path: "sentAt", Value: at},
			{Path: "expireAt", Value: at.Add(OutboxRetention)}})
		if err != nil {
			bw.End()
			return backendError(err, "mark sent")
		}
		jobs = append(jobs, job)
	}
	bw.End()
	for _, job := range jobs {
		if _, err := job.Results(); err != nil {
			return backendError(err, "mark sent")
		}
	}
	return nil
}

// pendingQuery finds unsent outbox records in the order of their IDs, which Firestore's
// single-field index on sent serves. Not by createdAt: an index on (sent, createdAt) has every
// record written at the head of one range, in time order, and Google limits a collection indexed
// so to 500 writes a second, which the outbox (a record and its sent mark per notification)
// passes at about a million daily players. A record's ID is its kind (room, match, invite,
// session) and then its game's or invite handle's random ID or its session's name, so the
// single-field index's entries, ordered by ID, spread over the key space (for a session, as far
// as its game's session names do: GUIDs, as Microsoft's clients make them, spread).
var pendingQuery = Query{
	Collection: Outbox,
	Filters:    []Filter{{Field: "sent", Op: "=="}},
	Orders:     []Order{{Field: firestore.DocumentID, Dir: firestore.Asc}},
}

// OutboxCursor is where a claim stopped reading the pending records, for the next claim of the
// same relay pass to go on from: after the ID after, and, once the pass has wrapped around from
// the end of the outbox, up to the ID it started from.
type OutboxCursor struct {
	after   string
	start   string // where the pass started; "" for a pass from the first record, which never wraps
	wrapped bool
}

// OutboxPassFrom is the cursor of a relay pass that reads the pending records after the ID start
// and then, from the first, those up to it: a pass that starts at a random ID leaves no part of
// a backlog too large for one pass behind the others pass after pass.
func OutboxPassFrom(start string) *OutboxCursor { return &OutboxCursor{after: start, start: start} }

// ClaimPending claims up to limit unsent records created before cutoff and not claimed by
// another relay, until until: each claim is a write conditioned on the record being unchanged
// since it was read, so of two relays (or a relay and the request that made the record) only one
// goes on with it. It reads from after (nil: the first ID; see OutboxPassFrom) past records
// claimed by others or created since cutoff (the ones their own requests are still publishing),
// up to scanFactor × limit, and returns where it stopped; the cursor is nil once no pending
// record of the pass is left to read, so a pass that follows it is never stuck behind records
// others hold. It reads as many records as it still wants and claims them together, so a claim
// of limit records costs a round trip or two, not one per record. The claimed notifications come
// in the order they were made, so that a recipient's are published in that order.
func (s *Store) ClaimPending(ctx context.Context, cutoff, now, until time.Time, limit int, after *OutboxCursor) ([]notification.Notification, *OutboxCursor, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, nil, err
	}
	var from OutboxCursor
	if after != nil {
		from = *after
	}
	q := pendingQuery.build(client, false)
	if from.after != "" {
		q = q.StartAfter(from.after)
	}
	if from.wrapped {
		q = q.EndAt(from.start)
	}
	window := scanFactor * limit
	it := q.Limit(window).Documents(ctx)
	defer it.Stop()
	var claimed []notification.Notification
	var last *OutboxCursor
	read, exhausted := 0, false
	for len(claimed) < limit && !exhausted {
		var snaps []*firestore.DocumentSnapshot
		var recs []OutboxRecord
		for len(snaps) < limit-len(claimed) {
			snap, err := it.Next()
			if err == iterator.Done {
				exhausted = true
				break
			}
			if err != nil {
				return claimed, nil, backendError(err, "read the outbox")
			}
			read++
			rec, err := DecodeOutboxRecord(snap)
			if err != nil {
				return claimed, nil, backendError(err, "decode "+snap.Ref.Path)
			}
			last = &OutboxCursor{after: snap.Ref.ID, start: from.start, wrapped: from.wrapped}
			if rec.ClaimedUntil.After(now) || !rec.CreatedAt.Before(cutoff) {
				continue
			}
			snaps, recs = append(snaps, snap), append(recs, rec)
		}
		won, err := claimEach(ctx, client, snaps, until)
		if err != nil {
			return claimed, nil, err
		}
		for i, ok := range won {
			if ok {
				claimed = append(claimed, recs[i].Notification)
			}
		}
	}
	slices.SortFunc(claimed, func(a, b notification.Notification) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.Version, b.Version), strings.Compare(a.ID, b.ID))
	})
	switch {
	case !exhausted || read == window:
		return claimed, last, nil
	case from.start != "" && !from.wrapped: // the end of the outbox: on from the first record
		return claimed, &OutboxCursor{start: from.start, wrapped: true}, nil
	}
	return claimed, nil, nil // nothing pending after the last record read
}

// claimEach writes until into every snapshot's claimedUntil, conditioned on the record being
// unchanged since it was read, in batched writes that succeed or fail one by one; won[i] says
// whether snaps[i] is now this relay's.
func claimEach(ctx context.Context, client *firestore.Client, snaps []*firestore.DocumentSnapshot, until time.Time) ([]bool, error) {
	won := make([]bool, len(snaps))
	if len(snaps) == 0 {
		return won, nil
	}
	bw := client.BulkWriter(ctx)
	jobs := make([]*firestore.BulkWriterJob, len(snaps))
	for i, snap := range snaps {
		job, err := bw.Update(snap.Ref, []firestore.Update{{Path: "claimedUntil", Value: until}}, firestore.LastUpdateTime(snap.UpdateTime))
		if err != nil {
			bw.End()
			return won, backendError(err, "claim "+snap.Ref.Path)
		}
		jobs[i] = job
	}
	bw.End()
	var errs []error
	for i, job := range jobs {
		_, err := job.Results()
		switch status.Code(err) {
		case codes.OK:
			won[i] = true
		case codes.FailedPrecondition, codes.Aborted, codes.NotFound:
			// someone else got to it first
		default:
			errs = append(errs, backendError(err, "claim "+snaps[i].Ref.Path))
		}
	}
	return won, errors.Join(errs...)
}

// scanFactor bounds how far past claimed records one claim reads.
const scanFactor = 5
