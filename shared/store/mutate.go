package store

import (
	"context"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/ratelimit"
)

// maxAttempts bounds the transaction retries on contention. A room's players may report status
// in the same instant; Firestore (and its emulator, which locks pessimistically) aborts all but
// one and the others retry.
const maxAttempts = 30

// versioned is a state document whose version grows with every change it takes.
type versioned interface{ StateVersion() int64 }

// mutate runs fn on the game stored at ref (as c maps it) in one transaction: read, apply, write the document and
// the outbox records of fn's notifications. If fn returns an error nothing is written; if it
// leaves the version unchanged (a repeated or empty command) nothing is written either. fn may
// run more than once (transactions retry) and must have no side effects. missing is returned
// when the document does not exist.
func mutate[P versioned, D any](ctx context.Context, s *Store, c codec[P, D], ref func(*firestore.Client) *firestore.DocumentRef, missing error,
	fn func(P) ([]notification.Notification, error)) (P, []notification.Notification, error) {
	var none P
	client, err := s.Client(ctx)
	if err != nil {
		return none, nil, err
	}
	doc := ref(client)
	var result P
	var notes []notification.Notification
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{doc}, func(ctx context.Context, tx *firestore.Transaction) error {
		snap, err := tx.Get(doc)
		if status.Code(err) == codes.NotFound {
			return missing
		}
		if err != nil {
			return err
		}
		state, err := c.decode(snap)
		if err != nil {
			return err
		}
		before := state.StateVersion()
		n, err := fn(state)
		if err != nil {
			return err
		}
		result, notes = state, nil
		if state.StateVersion() == before {
			return nil
		}
		notes = n
		if err := tx.Set(doc, c.toDoc(state)); err != nil {
			return err
		}
		return writeOutbox(client, tx, notes)
	}, firestore.MaxAttempts(maxAttempts))
	if err != nil {
		return none, nil, backendError(err, "update "+doc.Path)
	}
	return result, notes, nil
}

// create runs build and stores its game at ref (as c maps it) with the outbox records, in one transaction,
// unless the document exists already: then it returns the stored document and created false.
// That makes a create with a deterministic ID idempotent (a retried requestId), and a retry is
// not charged again. inv, unless nil, is charged to its sender's invitation window in the same
// transaction, after build succeeds (see chargeSent): if that refuses, nothing is written.
func create[P versioned, D any](ctx context.Context, s *Store, c codec[P, D], ref func(*firestore.Client) *firestore.DocumentRef, inv *ratelimit.Invitations,
	build func() (P, []notification.Notification, error)) (P, bool, []notification.Notification, error) {
	var none P
	client, err := s.Client(ctx)
	if err != nil {
		return none, false, nil, err
	}
	doc := ref(client)
	refs := []*firestore.DocumentRef{doc}
	if sent := s.sentWindow(client, inv); sent != nil {
		refs = append(refs, sent)
	}
	var result P
	var created bool
	var notes []notification.Notification
	err = s.runTransaction(ctx, client, refs, func(ctx context.Context, tx *firestore.Transaction) error {
		snaps, err := tx.GetAll(refs)
		if err != nil {
			return err
		}
		if snaps[0].Exists() {
			existing, err := c.decode(snaps[0])
			if err != nil {
				return err
			}
			result, created, notes = existing, false, nil
			return nil
		}
		state, n, err := build()
		if err != nil {
			return err
		}
		if inv != nil {
			if err := chargeSent(tx, snaps[1], *inv); err != nil {
				return err
			}
		}
		result, created, notes = state, true, n
		if err := tx.Create(doc, c.toDoc(state)); err != nil {
			return err
		}
		return writeOutbox(client, tx, n)
	}, firestore.MaxAttempts(maxAttempts))
	if err != nil {
		return none, false, nil, backendError(err, "create "+doc.Path)
	}
	return result, created, notes, nil
}

// get reads the document at ref; missing is returned when it does not exist.
func get[T any](ctx context.Context, s *Store, ref func(*firestore.Client) *firestore.DocumentRef, missing error) (*T, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	snap, err := ref(client).Get(ctx)
	if status.Code(err) == codes.NotFound {
		return nil, missing
	}
	if err != nil {
		return nil, backendError(err, "get")
	}
	v := new(T)
	if err := snap.DataTo(v); err != nil {
		return nil, backendError(err, "decode "+snap.Ref.Path)
	}
	return v, nil
}
