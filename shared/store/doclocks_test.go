package store

import (
	"context"
	"sync"
	"testing"
	"time"

	"cloud.google.com/go/firestore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func refs(paths ...string) []*firestore.DocumentRef {
	out := make([]*firestore.DocumentRef, len(paths))
	for i, p := range paths {
		out[i] = &firestore.DocumentRef{Path: p}
	}
	return out
}

// Calls that share a document run one at a time; calls locking the same documents in opposite
// orders never deadlock; and nothing is left behind once all are done.
func TestDocLocksExclude(t *testing.T) {
	var l docLocks
	var mu sync.Mutex
	inside := map[string]int{}
	most := 0
	var wg sync.WaitGroup
	for i := range 40 {
		docs := refs("rooms/a", "rooms/b")
		if i%2 == 1 {
			docs = refs("rooms/b", "rooms/a", "rooms/b")
		}
		wg.Go(func() {
			unlock, err := l.lock(t.Context(), docs)
			if !assert.NoError(t, err) {
				return
			}
			mu.Lock()
			inside["rooms/a"]++
			most = max(most, inside["rooms/a"])
			mu.Unlock()
			time.Sleep(time.Millisecond)
			mu.Lock()
			inside["rooms/a"]--
			mu.Unlock()
			unlock()
		})
	}
	wg.Wait()
	assert.Equal(t, 1, most, "calls on one document ran at once")
	assert.Empty(t, l.held, "locks outlived their calls")
}

// A call waiting for a document gives up when its context ends, and holds nothing after.
func TestDocLocksGiveUpWithTheirContext(t *testing.T) {
	var l docLocks
	unlock, err := l.lock(t.Context(), refs("rooms/b"))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = l.lock(ctx, refs("rooms/a", "rooms/b"))
	require.ErrorIs(t, err, context.Canceled)

	again, err := l.lock(t.Context(), refs("rooms/a")) // rooms/a was given back
	require.NoError(t, err)
	again()
	unlock()
	assert.Empty(t, l.held)
}

// Other documents are not held up.
func TestDocLocksAreByDocument(t *testing.T) {
	var l docLocks
	unlock, err := l.lock(t.Context(), refs("rooms/a"))
	require.NoError(t, err)
	defer unlock()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	other, err := l.lock(ctx, append(refs("rooms/c"), nil))
	require.NoError(t, err)
	other()
}

// An instance's turns hold names of their own: a turn waits for another turn on one of its names,
// never for a document's transaction.
func TestInstanceTurnsAreApartFromDocuments(t *testing.T) {
	s := New("demo-test")
	unlockDoc, err := s.locks.lock(t.Context(), refs("app~any~4"))
	require.NoError(t, err)
	defer unlockDoc()
	release, err := s.InstanceTurn(t.Context(), "app~any~4", "app~any~3")
	require.NoError(t, err, "a turn is not held up by a document of the same name")

	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err = s.InstanceTurn(ctx, "app~any~3")
	require.ErrorIs(t, err, context.DeadlineExceeded, "a turn on a held name waits")
	release()
	again, err := s.InstanceTurn(t.Context(), "app~any~3")
	require.NoError(t, err, "the name was given back")
	again()
}
