package store_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/store"
)

// TestClaimGoesOnPastClaimedRecords: records other relays hold (more than one claim reads) do
// not hide the pending records behind them from a pass that follows the cursor.
func TestClaimGoesOnPastClaimedRecords(t *testing.T) {
	// A project of its own on the emulator: the outbox is shared by every test of a project,
	// and a claim here must neither see other tests' records nor hold them.
	s := store.New("outbox-" + ids.Random()[:12])
	t.Cleanup(func() { _ = s.Close() })
	epoch := t0
	var want []string
	for i := range 7 {
		r := newRoomAt(t, s, epoch.Add(time.Duration(i)*time.Second))
		want = append(want, "room~"+r.ID+"~invitation~p_2")
	}
	cutoff, until := epoch.Add(time.Minute), epoch.Add(time.Hour)

	held, _, err := s.ClaimPending(t.Context(), cutoff, cutoff, until, 6, nil) // another relay holds the six oldest
	require.NoError(t, err)
	require.Len(t, held, 6, "first claim")
	var got []string
	var after *store.OutboxCursor
	for claims := 1; ; claims++ {
		notes, next, err := s.ClaimPending(t.Context(), cutoff, cutoff, until, 1, after) // reads at most 5 a claim
		require.NoError(t, err)
		for _, n := range notes {
			got = append(got, n.ID)
		}
		if next == nil {
			break
		}
		require.LessOrEqual(t, claims, 10, "the cursor never ends")
		after = next
	}
	assert.Contains(t, got, want[6], "a pass behind six held records claims the seventh")
	for _, id := range want[:6] {
		assert.NotContains(t, got, id, "a held record is not claimed again")
	}
}
