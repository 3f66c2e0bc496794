package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
	"github.com/openplay-games/openplay/shared/testenv/faultproxy"
)

// TestTransactionEndsAtItsDeadline: when Firestore stops answering in the middle of a
// transaction, the call returns Unavailable at its context's deadline. (The Firestore client
// rolls a failed attempt back with a context of its own that waits up to 5 s more.)
func TestTransactionEndsAtItsDeadline(t *testing.T) {
	const deadline = time.Second
	proxy := faultproxy.Start(t, testenv.Config(t).FirestoreEmulator)
	t.Setenv("FIRESTORE_EMULATOR_HOST", proxy.Addr())
	s := store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _ = s.Close() })
	r := newRoom(t, s)

	ctx, cancel := context.WithTimeout(t.Context(), deadline)
	defer cancel()
	start := time.Now()
	_, _, err := s.Rooms().Update(ctx, r.ID, func(*room.Room) ([]notification.Notification, error) {
		proxy.Stop() // Firestore stops answering after the read: the attempt fails and is rolled back
		return nil, errs.E(errs.Conflict, "roomId", "refused")
	})
	took := time.Since(start)
	proxy.Pass()

	require.Error(t, err)
	// Waiting for the rollback would take the deadline and 5 s more; half of that is a clear
	// margin on a busy machine.
	assert.Less(t, took, deadline+2*time.Second, "returned %v after a %v deadline", took, deadline)
	assert.Equal(t, errs.Unavailable, errs.KindOf(err), "%v", err)
}
