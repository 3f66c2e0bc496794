package outbox

import (
	"context"
	"time"

	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/store"
)

// Relay settings: records are left to the request that made them for RelayGrace (it publishes
// them itself within a second or so), then claimed in batches of RelayBatch for RelayClaim; one
// pass goes on through the pending records, batch after batch, for up to RelayBudget, so a
// backlog (after a Pub/Sub outage) drains within a few passes and records other relays hold, or
// that keep failing, never keep it from those behind them.
const (
	RelayGrace  = 30 * time.Second
	RelayBatch  = 100
	RelayClaim  = time.Minute
	RelayBudget = 40 * time.Second
)

// RelayResult counts what one relay pass did.
type RelayResult struct {
	Claimed int `json:"claimed"`
}

// Relay publishes the outbox records still pending after the grace period: the notifications of
// requests whose process died, or whose publish failed, between commit and publish. It claims a
// bounded batch (so overlapping relays share the work rather than repeat it) and delivers it as
// a request would; what fails stays pending for the next pass once the claim runs out. A pass
// reads the outbox in the order of its IDs from a random one, round to where it started (see
// store.OutboxPassFrom). It returns once the records it published are marked sent.
func (o *Outbox) Relay(ctx context.Context, grace time.Duration) (RelayResult, error) {
	var res RelayResult
	after := store.OutboxPassFrom(ids.Random())
	start := time.Now()
	for time.Since(start) < RelayBudget {
		now := o.time()
		notes, next, err := o.store.ClaimPending(ctx, now.Add(-grace), now, now.Add(RelayClaim), RelayBatch, after)
		if err != nil {
			return res, err
		}
		o.Deliver(ctx, notes)
		res.Claimed += len(notes)
		if next == nil {
			break
		}
		after = next
	}
	return res, o.FlushSentMarks(ctx)
}
