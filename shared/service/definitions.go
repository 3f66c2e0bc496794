package service

import (
	"context"
	"sync"
	"time"

	"github.com/openplay-games/openplay/shared/event"
)

// DefinitionsMaxAge is how long an instance keeps an event definition before reading it again: a
// change loaded by the eventdefs command (hiding or removing a definition, a new display name)
// reaches every instance within it. A definition the instance has not seen is read at once.
const DefinitionsMaxAge = time.Minute

// definitionsCache keeps the event definitions events.record has read, so that a batch reads
// only the player's own documents. Only definitions that exist are kept, so the cache is no
// larger than the game's definitions and a new one is never hidden behind a remembered miss.
type definitionsCache struct {
	mu      sync.Mutex
	entries map[string]cachedDefinition
}

type cachedDefinition struct {
	def   event.Definition
	until time.Time
}

// Definitions returns the event definitions with these IDs (unknown ones absent), reading from
// Firestore only those this instance has not read within DefinitionsMaxAge.
func (s *Service) Definitions(ctx context.Context, ids []string) (map[string]event.Definition, error) {
	c := &s.definitions
	out := make(map[string]event.Definition, len(ids))
	var missing []string
	now := time.Now()
	c.mu.Lock()
	for _, id := range ids {
		if e, ok := c.entries[id]; ok && now.Before(e.until) {
			out[id] = e.def
		} else {
			missing = append(missing, id)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	read, err := s.Store.Definitions(ctx, missing)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]cachedDefinition{}
	}
	for _, id := range missing {
		if d, ok := read[id]; ok {
			out[id] = d
			c.entries[id] = cachedDefinition{def: d, until: now.Add(DefinitionsMaxAge)}
		} else {
			delete(c.entries, id) // removed since it was read
		}
	}
	return out, nil
}
