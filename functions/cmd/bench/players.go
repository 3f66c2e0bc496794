package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/openplay-games/openplay/shared/emulator"
)

// players signs simulated players up in the Auth emulator, each with an ID token of their own,
// and keeps them in groups by scenario, so that every phase reuses the same ones.
type players struct {
	authHost string
	mu       sync.Mutex
	groups   map[string][][]emulator.Account
}

// ensure signs up what scenario lacks of workers groups of size players, before a phase's clock
// starts.
func (p *players) ensure(ctx context.Context, scenario string, workers, size int) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for w := len(p.groups[scenario]); w < workers; w++ {
		group := make([]emulator.Account, size)
		for i := range group {
			var err error
			if group[i], err = emulator.SignUp(ctx, p.authHost, fmt.Sprintf("bench-%s-%d-%d", scenario, w, i)); err != nil {
				return err
			}
		}
		p.groups[scenario] = append(p.groups[scenario], group)
	}
	return nil
}

func (p *players) group(scenario string, worker int) []emulator.Account {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.groups[scenario][worker]
}
