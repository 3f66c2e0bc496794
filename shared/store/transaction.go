package store

import (
	"context"

	"cloud.google.com/go/firestore"
)

// runTransaction is client.RunTransaction, with two differences. It runs fn only while this
// instance runs no other transaction on the documents in locked (see docLocks); a transaction
// names there the documents it writes that other calls write too. And it returns when ctx ends
// even if the client is not done: after an attempt fails, the client rolls it back with a context
// of its own that waits up to 5 s for a Firestore that stopped answering, which would hold the
// caller past its deadline. The rollback goes on in the background, and the documents stay
// locked until it ends. fn's results may be read only when runTransaction returns nil.
func (s *Store) runTransaction(ctx context.Context, client *firestore.Client, locked []*firestore.DocumentRef,
	fn func(context.Context, *firestore.Transaction) error, opts ...firestore.TransactionOption) error {
	unlock, err := s.locks.lock(ctx, locked)
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() {
		defer unlock()
		done <- client.RunTransaction(ctx, fn, opts...)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		select {
		case err := <-done: // finished at the same instant: its outcome stands
			return err
		default:
			return ctx.Err()
		}
	}
}
