package store

import (
	"context"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/session"
)

// CreateTransfer makes a transfer handle from the session origin to the session target: it reads
// the target and hands it to bindTarget (pure; nil when there is none), then the origin to
// bindOrigin, one at a time so that the call holds one session in memory, and creates the handle
// made returns with one write. The sessions are read, not locked (see Session).
func (s *Store) CreateTransfer(ctx context.Context, target, origin session.Ref,
	bindTarget, bindOrigin func(*session.Session) error, made func() *session.Transfer) (*session.Transfer, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	for _, bind := range []struct {
		ref   session.Ref
		check func(*session.Session) error
	}{{target, bindTarget}, {origin, bindOrigin}} {
		stored, err := s.Session(ctx, bind.ref)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return nil, err
		}
		if err := bind.check(stored); err != nil {
			return nil, err
		}
	}
	t := made()
	if _, err := handleRef(client, t.ID).Create(ctx, toTransferDoc(t)); err != nil {
		return nil, backendError(err, "transfer handle to "+target.String())
	}
	return t, nil
}
