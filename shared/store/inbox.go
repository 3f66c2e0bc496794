package store

import (
	"context"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
)

// inbox is the subcollection players/{playerId}/inbox: one document per notification, named by
// its ID, which Firestore security rules let the player read (and listen to) directly.
const inbox = "inbox"

// InboxRetention is how long a delivered notification stays before Firestore's TTL deletes it.
const InboxRetention = 90 * 24 * time.Hour

// Deliver puts n into its recipient's inbox once: a redelivered notification (same ID) finds its
// document there and changes nothing. It reports whether this call delivered it.
func (s *Store) Deliver(ctx context.Context, n notification.Notification, now time.Time) (bool, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return false, err
	}
	ref, entry := s.inboxEntry(client, n, now)
	_, err = ref.Create(ctx, entry)
	if status.Code(err) == codes.AlreadyExists {
		return false, nil
	}
	if err != nil {
		return false, backendError(err, "deliver "+n.ID)
	}
	return true, nil
}

// inboxEntry is where n goes in its recipient's inbox, and what goes there when delivered at now.
func (s *Store) inboxEntry(client *firestore.Client, n notification.Notification, now time.Time) (*firestore.DocumentRef, inboxDoc) {
	return s.player(client, n.Recipient).Collection(inbox).Doc(n.ID), toInboxDoc(InboxEntry{Notification: n, DeliveredAt: now, ExpireAt: now.Add(InboxRetention)})
}

// inboxQuery is a player's inbox, newest first: Firestore's automatic single-field index on
// createdAt serves it.
var inboxQuery = Query{Collection: inbox, Orders: []Order{{Field: "createdAt", Dir: firestore.Desc}, {Field: firestore.DocumentID, Dir: firestore.Desc}}}

// InboxPage reads up to limit of playerID's notifications, newest first, after pageToken.
func (s *Store) InboxPage(ctx context.Context, playerID string, limit int, pageToken string) ([]*InboxEntry, string, error) {
	after, err := ParseCursor(pageToken)
	if err != nil {
		return nil, "", err
	}
	client, err := s.Client(ctx)
	if err != nil {
		return nil, "", err
	}
	q := inboxQuery.buildIn(s.player(client, playerID).Collection(inbox)).Limit(limit + 1)
	if after.positioned() {
		q = q.StartAfter(after.At, after.ID)
	}
	docs, err := readAll[inboxDoc](ctx, q)
	if err != nil {
		return nil, "", err
	}
	entries := make([]*InboxEntry, 0, min(len(docs), limit))
	for _, d := range docs[:min(len(docs), limit)] {
		e := d.entry()
		entries = append(entries, &e)
	}
	if len(docs) <= limit {
		return entries, "", nil
	}
	last := entries[limit-1]
	return entries, Cursor{At: last.CreatedAt, ID: last.ID}.Token(), nil
}

// Ack marks one of playerID's notifications read. Acknowledging again changes nothing.
func (s *Store) Ack(ctx context.Context, playerID, id string, now time.Time) error {
	if !ValidDocID(id) {
		return errs.E(errs.Invalid, "id", "%q is not a notification ID", id)
	}
	client, err := s.Client(ctx)
	if err != nil {
		return err
	}
	ref := s.player(client, playerID).Collection(inbox).Doc(id)
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{ref}, func(ctx context.Context, tx *firestore.Transaction) error {
		entry, err := txGet[inboxDoc](tx, ref, errs.E(errs.NotFound, "id", "no notification %q in your inbox", id))
		if err != nil || entry.Read {
			return err
		}
		return tx.Update(ref, []firestore.Update{{Path: "read", Value: true}, {Path: "readAt", Value: now}})
	})
	return backendError(err, "ack "+id)
}
