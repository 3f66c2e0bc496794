package store

import (
	"context"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/session"
)

// CreateTransfer makes a transfer handle from the session origin to the session target in one
// transaction: it reads the target and hands it to bindTarget (pure; nil when there is none),
// then the origin to bindOrigin, one at a time so that the call holds one session in memory, and
// writes the handle made returns. The functions may run more than once.
func (s *Store) CreateTransfer(ctx context.Context, target, origin session.Ref,
	bindTarget, bindOrigin func(*session.Session) error, made func() *session.Transfer) (*session.Transfer, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	targetDoc, originDoc := sessionRef(client, target), sessionRef(client, origin)
	bind := func(tx *firestore.Transaction, doc *firestore.DocumentRef, ref session.Ref, check func(*session.Session) error) error {
		stored, err := txSession(tx, doc, ref)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		return check(stored)
	}
	var t *session.Transfer
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{targetDoc, originDoc}, func(ctx context.Context, tx *firestore.Transaction) error {
		if err := bind(tx, targetDoc, target, bindTarget); err != nil {
			return err
		}
		if err := bind(tx, originDoc, origin, bindOrigin); err != nil {
			return err
		}
		t = made()
		return tx.Create(handleRef(client, t.ID), toTransferDoc(t))
	}, firestore.MaxAttempts(maxAttempts))
	if err != nil {
		return nil, backendError(err, "transfer handle to "+target.String())
	}
	return t, nil
}
