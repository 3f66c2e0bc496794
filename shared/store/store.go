// Package store keeps OpenPlay's state in Firestore. Every call that changes state is one
// transaction that writes the new state, made by a pure domain rule from the state document as
// read, together with the outbox records of the notifications the change owes, so that nothing a
// player must be told is lost between commit and publish. A call that writes one document and
// owes no notification (a signal, an activity, a transfer handle) writes it alone.
package store

import (
	"context"
	"errors"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/lazy"
)

// Collection names.
const (
	Rooms  = "rooms"
	Outbox = "outbox"
)

// Store is the Firestore adapter. Its client is created on first use and shared.
type Store struct {
	client *lazy.Value[*firestore.Client]
	locks  docLocks
}

// New returns a Store for projectID. It does no I/O; FIRESTORE_EMULATOR_HOST, when set, points
// the client at the emulator. The client counts each request's cost (see Cost).
func New(projectID string) *Store {
	return &Store{client: lazy.New(func(ctx context.Context) (*firestore.Client, error) {
		opts, err := countingOptions()
		if err != nil {
			return nil, errs.Wrap(errs.Unavailable, err, "Firestore is unavailable")
		}
		c, err := firestore.NewClient(context.WithoutCancel(ctx), projectID, opts...)
		if err != nil {
			return nil, errs.Wrap(errs.Unavailable, err, "Firestore is unavailable")
		}
		return c, nil
	})}
}

// Client returns the shared Firestore client.
func (s *Store) Client(ctx context.Context) (*firestore.Client, error) { return s.client.Get(ctx) }

// Close releases the client if one was created.
func (s *Store) Close() error {
	if c, ok := s.client.Peek(); ok {
		return c.Close()
	}
	return nil
}

// backendError classifies a Firestore error: coded errors from the domain pass through, a
// backend that is down or overloaded is Unavailable (the client retries), and so is a call that
// ran out of time or whose caller hung up (the gRPC client reports that as Canceled, which is no
// bug); anything else Internal.
func backendError(err error, op string) error {
	if err == nil {
		return nil
	}
	var coded *errs.Error
	if errors.As(err, &coded) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || status.Code(err) == codes.Canceled {
		return errs.Wrap(errs.Unavailable, err, "%s: timed out", op)
	}
	switch status.Code(err) {
	case codes.Unavailable, codes.DeadlineExceeded, codes.Aborted, codes.ResourceExhausted:
		return errs.Wrap(errs.Unavailable, err, "%s: Firestore is busy or unavailable; retry", op)
	}
	return errs.Wrap(errs.Internal, err, "%s", op)
}
