package store

import (
	"context"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/ratelimit"
)

// maxAttempts bounds the attempts of a transaction that meets other calls' on its documents. A
// room's players may report status in the same instant: one commits, and the others, which
// Firestore aborted or whose condition failed (Update), try again.
const maxAttempts = 30

// Update runs fn on the game at id and writes what it made, with the outbox records of fn's
// notifications, in one transaction, on condition that the game is unchanged since it was read
// (see automatch.go's top): the transaction holds no lock on the game while fn runs, so no other
// instance's call on it waits for this one's. When another call changed the game first, Update
// reads it again and applies fn again at once (untilUncontended), up to maxAttempts times. If fn
// returns an error nothing is written; if it leaves the version unchanged (a repeated or empty
// command) nothing is written either. fn may run more than once and must have no side effects.
func (g Games[G]) Update(ctx context.Context, id string, fn func(G) ([]notification.Notification, error)) (G, []notification.Notification, error) {
	var none G
	client, err := g.s.Client(ctx)
	if err != nil {
		return none, nil, err
	}
	doc := g.ref(id)(client)
	var result G
	var notes []notification.Notification
	err = untilUncontended("update "+doc.Path, func() error {
		return g.s.runTransaction(ctx, client, []*firestore.DocumentRef{doc}, func(ctx context.Context, tx *firestore.Transaction) error {
			state, read, err := g.readUnlocked(ctx, doc, g.missing(id))
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
			if err := g.writeUnchanged(tx, doc, state, read); err != nil {
				return err
			}
			return writeOutbox(client, tx, notes)
		}, firestore.MaxAttempts(1))
	})
	if err != nil {
		return none, nil, backendError(err, "update "+doc.Path)
	}
	return result, notes, nil
}

// Create runs build and stores its game at id with the outbox records, in one transaction,
// unless the document exists already: then it returns the stored game and created false. That
// makes a create with a deterministic ID idempotent (a retried requestId), and a retry is not
// charged again. inv, unless nil, is charged to its sender's invitation window in the same
// transaction, after build succeeds (see chargeSent): if that refuses, nothing is written.
func (g Games[G]) Create(ctx context.Context, id string, inv *ratelimit.Invitations,
	build func() (G, []notification.Notification, error)) (G, bool, []notification.Notification, error) {
	var none G
	client, err := g.s.Client(ctx)
	if err != nil {
		return none, false, nil, err
	}
	doc := g.ref(id)(client)
	refs := []*firestore.DocumentRef{doc}
	if sent := g.s.sentWindow(client, inv); sent != nil {
		refs = append(refs, sent)
	}
	var result G
	var created bool
	var notes []notification.Notification
	err = g.s.runTransaction(ctx, client, refs, func(ctx context.Context, tx *firestore.Transaction) error {
		snaps, err := tx.GetAll(refs)
		if err != nil {
			return err
		}
		if snaps[0].Exists() {
			existing, err := g.codec.decode(snaps[0])
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
		if err := tx.Create(doc, g.codec.encode(state)); err != nil {
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
	v, _, err := readDocument[T](ctx, ref(client))
	if err == nil && v == nil {
		return nil, missing
	}
	return v, err
}
