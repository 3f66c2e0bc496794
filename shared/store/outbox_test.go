package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/store"
)

// TestClaimGoesOnPastClaimedRecords: records other relays hold (more than one claim reads) do
// not hide the pending records behind them from a pass that follows the cursor, and a record
// made since the cutoff is left to the request that made it. A claim hands its notifications
// over in the order they were made.
func TestClaimGoesOnPastClaimedRecords(t *testing.T) {
	// A project of its own on the emulator: the outbox is shared by every test of a project,
	// and a claim here must neither see other tests' records nor hold them.
	s := store.New("outbox-" + ids.Random()[:12])
	t.Cleanup(func() { _ = s.Close() })
	epoch := t0
	var pending []string
	for i := range 7 {
		r := newRoomAt(t, s, epoch.Add(time.Duration(i)*time.Second))
		pending = append(pending, "room~"+r.ID+"~invitation~p_2")
	}
	cutoff, until := epoch.Add(time.Minute), epoch.Add(time.Hour)
	fresh := "room~" + newRoomAt(t, s, cutoff).ID + "~invitation~p_2"

	held, _, err := s.ClaimPending(t.Context(), cutoff, cutoff, until, 6, nil) // another relay holds six
	require.NoError(t, err)
	require.Len(t, held, 6, "first claim")
	assert.True(t, slices.IsSortedFunc(held, func(a, b notification.Notification) int { return a.CreatedAt.Compare(b.CreatedAt) }),
		"claimed in the order they were made: %v", held)
	left := slices.DeleteFunc(slices.Clone(pending), func(id string) bool {
		return slices.ContainsFunc(held, func(n notification.Notification) bool { return n.ID == id })
	})
	require.Len(t, left, 1, "the first claim took six of the seven pending records")
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
	assert.Equal(t, left, got, "a pass behind six held records claims the seventh, and nothing else")
	assert.NotContains(t, append(got, noteIDs(held)...), fresh, "a record made at the cutoff is its request's to publish")
}

func noteIDs(notes []notification.Notification) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n.ID
	}
	return out
}

// TestPassWrapsAround: a pass that starts in the middle of the outbox claims the records after
// its start, then, from the first, those up to it: each pending record once, and then it ends.
func TestPassWrapsAround(t *testing.T) {
	s := store.New("outbox-" + ids.Random()[:12]) // an outbox of its own, as above
	t.Cleanup(func() { _ = s.Close() })
	var pending []string
	for i := range 5 {
		pending = append(pending, "room~"+newRoomAt(t, s, t0.Add(time.Duration(i)*time.Second)).ID+"~invitation~p_2")
	}
	slices.Sort(pending)
	cutoff, until := t0.Add(time.Minute), t0.Add(time.Hour)

	var got []string
	for after, claims := store.OutboxPassFrom(pending[2]), 1; after != nil; claims++ {
		notes, next, err := s.ClaimPending(t.Context(), cutoff, cutoff, until, 2, after)
		require.NoError(t, err)
		got = append(got, noteIDs(notes)...)
		require.LessOrEqual(t, claims, 10, "the pass never ends")
		after = next
	}
	require.Len(t, got, len(pending), "each pending record once: %v", got)
	assert.ElementsMatch(t, pending[3:], got[:2], "first the records after the start")
	assert.ElementsMatch(t, pending[:3], got[2:], "then, from the first, those up to the start")
}
