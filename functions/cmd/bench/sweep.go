package main

import (
	"context"
	"time"
)

// sweepPoint is the turn-based scenario at one concurrency, with takeTurn's floor measured
// right after at the same concurrency.
type sweepPoint struct {
	Concurrency int
	CallsPerSec float64 // every call of the scenario
	TakeTurn    summary
	Floor       summary
	Outcome     outcome
	MaxRSS      int64
	MaxHeap     int64
	CPUPerCall  time.Duration // the dev server's CPU time per call
	from, to    time.Time
	samples     []sample
}

// sweep plays matches at each concurrency in turn.
func (b *bench) sweep(ctx context.Context, s *server) ([]sweepPoint, error) {
	matches := b.scenarios()[1]
	var out []sweepPoint
	for _, c := range b.cfg.sweep {
		rec := &recorder{}
		p := sweepPoint{Concurrency: c, from: time.Now()}
		o, err := b.load(ctx, matches, c, b.cfg.sweepDuration, rec)
		if err != nil {
			return out, err
		}
		p.to = time.Now()
		p.Outcome = o
		all := rec.all()
		b.remember(all)
		p.samples = all
		p.CPUPerCall = s.cpu(p.from, p.to) / time.Duration(max(1, len(all)))
		p.CallsPerSec = float64(len(all)) / o.Elapsed.Seconds()
		p.TakeTurn, _ = find(summarize(all, o.Elapsed), "TurnBasedMatchesTakeTurn")
		p.MaxRSS = s.maxRSS(p.from, p.to)
		floorRec := &recorder{}
		elapsed, err := b.floor.measure(ctx, floorTxAndPublish, c, b.cfg.floorDuration, floorRec)
		if err != nil {
			return out, err
		}
		p.Floor = summarizeOne(floorEndpointLabel+floorTxAndPublish, floorRec.all(), elapsed)
		out = append(out, p)
		b.logf("sweep c=%d: %.0f calls/s, takeTurn p50 %s (floor %s)", c, p.CallsPerSec, fmtDur(p.TakeTurn.P50), fmtDur(p.Floor.P50))
	}
	return out, nil
}
