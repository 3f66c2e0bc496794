package main

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/openplay-games/openplay/shared/store"
)

// accessLine is what the bench reads of an instance's JSON log: each request's access line,
// with the request's Firestore cost as the store's meter counted it (store.MeterCost), the same
// numbers production logs carry.
type accessLine struct {
	RequestID   string `json:"requestId"`
	HTTPRequest *struct {
		Status int `json:"status"`
	} `json:"httpRequest"`
	Firestore *store.Counts `json:"firestore"`
}

// readCosts reads the Firestore cost of every successful request of a log, by request ID.
func readCosts(r io.Reader) (map[string]store.Counts, error) {
	out := map[string]store.Counts{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var l accessLine
		if json.Unmarshal(sc.Bytes(), &l) == nil && l.HTTPRequest != nil && l.HTTPRequest.Status/100 == 2 && l.Firestore != nil {
			out[l.RequestID] = *l.Firestore
		}
	}
	return out, sc.Err()
}

// costs is the mean Firestore cost of a label's successful calls.
type costs struct {
	Calls                                int
	Reads, Writes, Outbox, Transactions  float64
	RetriesPer100                        float64 // transaction attempts beyond the first, per 100 calls
	reads, writes, outbox, txs, attempts int64
}

// costsByLabel averages the costs of samples' calls by label.
func costsByLabel(samples []sample, counts map[string]store.Counts) map[string]costs {
	out := map[string]costs{}
	for _, s := range samples {
		n, ok := counts[s.requestID]
		if !ok {
			continue
		}
		c := out[s.label]
		c.Calls++
		c.reads, c.writes, c.outbox, c.txs = c.reads+n.Reads, c.writes+n.Writes, c.outbox+n.OutboxWrites, c.txs+n.Transactions
		c.attempts += max(0, n.Attempts-n.Transactions)
		out[s.label] = c
	}
	for label, c := range out {
		n := float64(c.Calls)
		c.Reads, c.Writes, c.Outbox, c.Transactions = float64(c.reads)/n, float64(c.writes)/n, float64(c.outbox)/n, float64(c.txs)/n
		c.RetriesPer100 = 100 * float64(c.attempts) / n
		out[label] = c
	}
	return out
}
