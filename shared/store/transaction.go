package store

import (
	"context"
	"errors"
	"time"

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
// writes (aborted), changed one since it was read (a failed precondition), or created first what
// this one creates (already exists): the document it read missing, or an outbox record, named
// after the state both changes made from the same read. A rule that emits one notification twice
// also meets an existing record; tried again, it fails the same way until maxAttempts. A coded
// error is the transaction function's own, or a read's that it wrapped (a query's missing index
// is a failed precondition too), never the commit's.
func contended(err error) bool {
	var coded *errs.Error
	if errors.As(err, &coded) {
		return false
	}
	switch status.Code(err) {
	case codes.Aborted, codes.FailedPrecondition, codes.AlreadyExists:
		return true
	}
	return false
}

// readDocument reads the document at ref outside any transaction: its data (nil when it does
// not exist) and when it was last written (zero when it does not exist), which writeIfUnchanged
// takes.
func readDocument[T any](ctx context.Context, ref *firestore.DocumentRef) (*T, time.Time, error) {
	snap, err := snapshot(ctx, ref)
	if err != nil || snap == nil {
		return nil, time.Time{}, err
	}
	v := new(T)
	if err := snap.DataTo(v); err != nil {
		return nil, time.Time{}, backendError(err, "decode "+ref.Path)
	}
	return v, snap.UpdateTime, nil
}

// snapshot reads the document at ref outside any transaction; nil when it does not exist.
func snapshot(ctx context.Context, ref *firestore.DocumentRef) (*firestore.DocumentSnapshot, error) {
	snap, err := ref.Get(ctx)
	if status.Code(err) == codes.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, backendError(err, "read "+ref.Path)
	}
	return snap, nil
}

// writeIfUnchanged writes v, a pointer to a document struct, at ref in tx on condition that the
// document is as it was when read (readDocument, or a game's readUnlocked): unchanged since
// read, or still missing when read is zero. Otherwise the commit fails at once (contended).
func writeIfUnchanged(tx *firestore.Transaction, ref *firestore.DocumentRef, v any, read time.Time) error {
	if read.IsZero() {
		return tx.Create(ref, v)
	}
	return tx.Update(ref, replacement(v), firestore.LastUpdateTime(read))
}

// untilUncontended runs attempt, which reads what it writes outside any lock and writes it on
// condition (in a transaction, or with one write), again each time another call's change makes
// it fail (contended), up to maxAttempts times; then the change is Unavailable (503: retry).
// what names the change for that error. A failed condition is tried again at once; so is an
// aborted write, but an aborted transaction only after the client's back-off, which it sleeps
// even when no attempt is left.
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
