package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/errs"
)

// TestBackendErrorKinds: a Firestore call that failed because the backend is down, slow or busy,
// or because the call ran out of time or its caller hung up, is Unavailable (503 with
// Retry-After); a coded error passes through; anything else is a bug (500).
func TestBackendErrorKinds(t *testing.T) {
	refused := errs.E(errs.Conflict, "matchVersion", "stale")
	for _, tt := range []struct {
		name string
		err  error
		want errs.Kind
	}{
		{"backend unavailable", status.Error(codes.Unavailable, "connection refused"), errs.Unavailable},
		{"rpc deadline", status.Error(codes.DeadlineExceeded, "deadline exceeded"), errs.Unavailable},
		{"contention", status.Error(codes.Aborted, "too much contention"), errs.Unavailable},
		{"quota", status.Error(codes.ResourceExhausted, "quota"), errs.Unavailable},
		{"caller's deadline", context.DeadlineExceeded, errs.Unavailable},
		{"caller hung up", context.Canceled, errs.Unavailable},
		{"rpc canceled with its caller", status.Error(codes.Canceled, "context canceled"), errs.Unavailable},
		{"bad request", status.Error(codes.InvalidArgument, "bad field path"), errs.Internal},
		{"a rule's refusal", refused, errs.Conflict},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := backendError(tt.err, "op")
			assert.Equal(t, tt.want, errs.KindOf(err), "%v", err)
			assert.ErrorIs(t, err, tt.err, "the cause is kept for the logs")
		})
	}
	assert.NoError(t, backendError(nil, "op"))
	assert.Same(t, refused, backendError(refused, "op"))
}
