package store

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/errs"
)

// TestContended: a commit aborted by another transaction, refused on its condition or creating
// what another call created first is contention, tried again; a coded error, even one wrapping a read's failed precondition (a
// query's missing index), and any other error are not.
func TestContended(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want bool
	}{
		{"aborted", status.Error(codes.Aborted, "transaction lock timeout"), true},
		{"condition failed", status.Error(codes.FailedPrecondition, "update time mismatch"), true},
		{"created by another call since read missing", status.Error(codes.AlreadyExists, "document already exists"), true},
		{"a read's failed precondition, wrapped", backendError(status.Error(codes.FailedPrecondition, "the query requires an index"), "query"), false},
		{"the rule's conflict", errs.E(errs.Conflict, "matchVersion", "stale"), false},
		{"not found", status.Error(codes.NotFound, "gone"), false},
		{"other", errors.New("boom"), false},
		{"none", nil, false},
	} {
		assert.Equal(t, tt.want, contended(tt.err), tt.name)
	}
}

// TestUntilUncontended: an attempt refused on contention is tried again, up to maxAttempts times,
// then the change is Unavailable; any other outcome ends the tries at once.
func TestUntilUncontended(t *testing.T) {
	calls := 0
	err := untilUncontended("change", func() error {
		calls++
		return status.Error(codes.FailedPrecondition, "update time mismatch")
	})
	assert.True(t, errs.Is(err, errs.Unavailable), "%v", err)
	assert.Equal(t, maxAttempts, calls)

	calls = 0
	err = untilUncontended("change", func() error {
		calls++
		if calls < 3 {
			return status.Error(codes.Aborted, "lock")
		}
		return nil
	})
	assert.NoError(t, err)
	assert.Equal(t, 3, calls, "tried until it committed")
}
