package store

import (
	"context"
	"slices"
	"sync"

	"cloud.google.com/go/firestore"
)

// docLocks lets one transaction at a time of this instance work on a document. Firestore aborts
// all but one of the transactions that write a document at once, and the losers back off for a
// second or more before they retry (the emulator, which locks pessimistically, holds them for
// seconds): a room's eight players reporting their connections together took 2.5 s at the
// median. Queued in the instance instead, each runs alone and takes milliseconds. Transactions
// of other instances still contend as before and retry; one instance takes most of a game's
// calls, as it serves many at once.
type docLocks struct {
	mu   sync.Mutex
	held map[string]*docLock
}

// docLock is one document's turn: a token that its holder took, and how many hold or wait for
// it (the entry is dropped when none do).
type docLock struct {
	turn  chan struct{}
	users int
}

// lock waits for the turn of every document in docs, in path order so that two calls locking
// the same documents never wait for each other crosswise, and returns the function that gives
// them back. It gives up when ctx ends.
func (l *docLocks) lock(ctx context.Context, docs []*firestore.DocumentRef) (unlock func(), err error) {
	paths := make([]string, 0, len(docs))
	for _, d := range docs {
		if d != nil {
			paths = append(paths, d.Path)
		}
	}
	return l.lockPaths(ctx, paths)
}

// lockPaths is lock for names that need not be documents' paths.
func (l *docLocks) lockPaths(ctx context.Context, paths []string) (unlock func(), err error) {
	paths = slices.Clone(paths)
	slices.Sort(paths)
	paths = slices.Compact(paths)
	locks := make([]*docLock, len(paths))
	l.mu.Lock()
	if l.held == nil {
		l.held = map[string]*docLock{}
	}
	for i, p := range paths {
		dl := l.held[p]
		if dl == nil {
			dl = &docLock{turn: make(chan struct{}, 1)}
			l.held[p] = dl
		}
		dl.users++
		locks[i] = dl
	}
	l.mu.Unlock()
	taken := 0
	release := func() {
		for _, dl := range locks[:taken] {
			<-dl.turn
		}
		l.mu.Lock()
		for i, dl := range locks {
			if dl.users--; dl.users == 0 {
				delete(l.held, paths[i])
			}
		}
		l.mu.Unlock()
	}
	for _, dl := range locks {
		select {
		case dl.turn <- struct{}{}:
			taken++
		case <-ctx.Done():
			release()
			return nil, ctx.Err()
		}
	}
	return release, nil
}
