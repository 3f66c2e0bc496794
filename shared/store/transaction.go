package store

import (
	"context"
	"errors"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/errs"
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

// contended reports whether a transaction failed on another call: it held a document this one
// writes (aborted), or changed one since it was read (a failed precondition). A coded error is
// the transaction function's own, or a read's that it wrapped (a query's missing index is a
// failed precondition too), never the commit's.
func contended(err error) bool {
	var coded *errs.Error
	if errors.As(err, &coded) {
		return false
	}
	c := status.Code(err)
	return c == codes.Aborted || c == codes.FailedPrecondition
}

// untilUncontended runs attempt, a transaction that reads what it writes outside its locks and
// writes it on condition, again each time another call's change makes it fail (contended), up
// to maxAttempts times; then the change is Unavailable (503: retry). what names the change for
// that error. A failed condition is tried again at once; an abort (another transaction held the
// document) only after the client's back-off, which it sleeps even when no attempt is left.
func untilUncontended(what string, attempt func() error) error {
	for n := 1; ; n++ {
		err := attempt()
		if !contended(err) {
			return err
		}
		if n == maxAttempts {
			return errs.Wrap(errs.Unavailable, err, "%s: other calls kept changing it; retry", what)
		}
	}
}
