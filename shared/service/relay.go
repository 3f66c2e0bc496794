package service

import (
	"context"
	"time"
)

// Relay settings: records are left to the request that made them for RelayGrace (it publishes
// them itself within a second or so), then claimed in batches of RelayBatch for RelayClaim.
const (
	RelayGrace = 30 * time.Second
	RelayBatch = 100
	RelayClaim = time.Minute
)

// RelayResult counts what one relay pass did.
type RelayResult struct {
	Claimed int `json:"claimed"`
}

// Relay publishes the outbox records still pending after the grace period: the notifications of
// requests whose process died, or whose publish failed, between commit and publish. It claims a
// bounded batch (so overlapping relays share the work rather than repeat it) and delivers it as
// a request would; what fails stays pending for the next pass once the claim runs out.
func (s *Service) Relay(ctx context.Context, grace time.Duration) (RelayResult, error) {
	now := s.Time()
	notes, err := s.Store.ClaimPending(ctx, now.Add(-grace), now, now.Add(RelayClaim), RelayBatch)
	if err != nil {
		return RelayResult{}, err
	}
	s.Deliver(ctx, notes)
	return RelayResult{Claimed: len(notes)}, nil
}
