package store

import "context"

// InstanceTurn waits until no other call of this instance holds any of names, and holds them
// until the returned function is called: calls of one instance that would contend for the same
// thing take turns in memory instead (auto-matching takes its pools' turns, so that each create
// sees the game the one before it made or filled). Names live apart from the documents'
// transaction locks, and a holder may take those. It gives up when ctx ends.
func (s *Store) InstanceTurn(ctx context.Context, names ...string) (release func(), err error) {
	keys := make([]string, len(names))
	for i, n := range names {
		keys[i] = "turn:" + n // never a document's path
	}
	return s.locks.lockPaths(ctx, keys)
}
