package store

import (
	"context"
	"time"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
)

// OutboxRecord is a notification waiting to be published, or published (Sent). The relay looks
// for records still unsent after a grace period and publishes them again; consumers dedupe by ID.
type OutboxRecord struct {
	notification.Notification
	Sent   bool      `firestore:"sent"`
	SentAt time.Time `firestore:"sentAt,omitempty"`
}

// writeOutbox adds the outbox records of notes to the transaction. IDs are deterministic, so a
// record that already exists means a rule emitted the same notification twice: the transaction
// fails rather than send it again.
func writeOutbox(client *firestore.Client, tx *firestore.Transaction, notes []notification.Notification) error {
	for _, n := range notes {
		if err := tx.Create(client.Collection(Outbox).Doc(n.ID), OutboxRecord{Notification: n}); err != nil {
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
		job, err := bw.Update(client.Collection(Outbox).Doc(id), []firestore.Update{{Path: "sent", Value: true}, {Path: "sentAt", Value: at}})
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

// OutboxRecordByID reads one outbox record (operators and tests use it to see delivery state).
func (s *Store) OutboxRecordByID(ctx context.Context, id string) (*OutboxRecord, error) {
	return get[OutboxRecord](ctx, s, func(c *firestore.Client) *firestore.DocumentRef { return c.Collection(Outbox).Doc(id) },
		errs.E(errs.NotFound, "id", "no outbox record %q", id))
}
