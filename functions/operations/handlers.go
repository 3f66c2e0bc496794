// Package operations holds the private entry points that keep games moving without a player's
// call: Sweep fires the timers players let lapse, Matchmake pairs players waiting for an
// auto-matched game. Cloud Scheduler calls each every minute in production (IAM-guarded, never
// through the gateway); the dev server runs them on a timer. Both are safe to overlap: every
// change is a transaction that re-checks what it acts on.
package operations

import (
	"context"
	"time"

	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/service"
)

// Handlers serves the operations of one instance.
type Handlers struct {
	svc *service.Service
}

// New returns the operations handlers of svc.
func New(svc *service.Service) *Handlers { return &Handlers{svc: svc} }

// Budget bounds one pass, so that a backlog drains over several scheduled calls rather than
// running into the function's timeout.
const Budget = 40 * time.Second

// each runs fn on every item, logging failures, and returns how many it changed and the first
// error. One game that cannot be changed does not hold up the others.
func each[T any](ctx context.Context, what string, items []T, fn func(T) (bool, error)) (int, error) {
	changed := 0
	var first error
	for _, it := range items {
		ok, err := fn(it)
		if err != nil {
			logging.From(ctx).Warn(what+" failed", "error", err.Error())
			if first == nil {
				first = err
			}
		}
		if ok {
			changed++
		}
	}
	return changed, first
}
