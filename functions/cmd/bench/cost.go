package main

import (
	"bytes"
	"encoding/json"

	"github.com/openplay-games/openplay/shared/store"
)

// readCosts reads, from an instance's JSON log, the Firestore cost of every successful request
// by request ID: the store's meter adds it to each access line (store.MeterCost), the same
// numbers production logs carry.
func readCosts(log []byte) map[string]store.Counts {
	out := map[string]store.Counts{}
	for line := range bytes.Lines(log) {
		var l struct {
			RequestID   string
			HTTPRequest *struct{ Status int }
			Firestore   *store.Counts
		}
		if json.Unmarshal(line, &l) == nil && l.HTTPRequest != nil && l.HTTPRequest.Status/100 == 2 && l.Firestore != nil {
			out[l.RequestID] = *l.Firestore
		}
	}
	return out
}

// costs is the mean Firestore cost of a row's successful calls.
type costs struct {
	Calls                               int
	Reads, Writes, Outbox, Transactions float64
	Retries                             float64 // transaction attempts beyond the first
}

// costsOf averages the costs of samples' calls; nil if none was counted.
func costsOf(samples []sample, counts map[string]store.Counts) *costs {
	var sum store.Counts
	n := 0
	for _, s := range samples {
		if c, ok := counts[s.requestID]; ok {
			n, sum.Reads, sum.Writes, sum.OutboxWrites = n+1, sum.Reads+c.Reads, sum.Writes+c.Writes, sum.OutboxWrites+c.OutboxWrites
			sum.Transactions, sum.Attempts = sum.Transactions+c.Transactions, sum.Attempts+max(0, c.Attempts-c.Transactions)
		}
	}
	if n == 0 {
		return nil
	}
	mean := func(v int64) float64 { return float64(v) / float64(n) }
	return &costs{Calls: n, Reads: mean(sum.Reads), Writes: mean(sum.Writes), Outbox: mean(sum.OutboxWrites),
		Transactions: mean(sum.Transactions), Retries: mean(sum.Attempts)}
}
