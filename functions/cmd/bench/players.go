package main

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/openplay-games/openplay/shared/auth"
)

// players signs simulated players up in the Auth emulator, each with their own ID token, and
// keeps them by scenario and worker so every phase reuses the same groups.
type players struct {
	authHost string
	mu       sync.Mutex
	groups   map[string][][]auth.Account
}

// ensure makes sure scenario has a group of size players for each of workers workers, signing
// up the missing ones (several at a time) before the phase's clock starts.
func (p *players) ensure(ctx context.Context, scenario string, workers, size int) error {
	p.mu.Lock()
	have := len(p.groups[scenario])
	p.mu.Unlock()
	if have >= workers {
		return nil
	}
	made := make([][]auth.Account, workers-have)
	failures := make([]error, len(made)*size)
	slots := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range made {
		made[i] = make([]auth.Account, size)
		for j := range size {
			wg.Go(func() {
				slots <- struct{}{}
				defer func() { <-slots }()
				made[i][j], failures[i*size+j] = auth.SignUpOnEmulator(ctx, p.authHost, fmt.Sprintf("bench-%s-%d-%d", scenario, have+i, j))
			})
		}
	}
	wg.Wait()
	if err := errors.Join(failures...); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.groups[scenario] = append(p.groups[scenario], made...)
	return nil
}

func (p *players) group(scenario string, worker int) []auth.Account {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.groups[scenario][worker]
}
