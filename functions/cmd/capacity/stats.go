package main

import (
	"slices"

	"github.com/openplay-games/openplay/shared/notification"
)

// stats is what the simulation counts for one size of game.
type stats struct {
	requests, seeds, merges, formed int
	// spilled players were moved alone out of a game that went on waiting (game.Spill).
	spilled int
	// stranded players were in a game whose auto-match timer closed it unfilled; waitingAtEnd
	// were still in one when the simulation stopped.
	stranded, waitingAtEnd int
	// hottestGame is the most players placed in one game within one second: writes to one
	// document. contended placements came within a create's time of the game's last write, so
	// they failed and their players went on to the next candidate (world.create).
	hottestGame, contended int
	waits                  []float32 // seconds from each matched player's request to their game filling
	ops                    ops
}

// percentile is the p-th percentile of the waits, in seconds (0 with none).
func (s *stats) percentile(p float64) float64 {
	if len(s.waits) == 0 {
		return 0
	}
	if !slices.IsSorted(s.waits) {
		slices.Sort(s.waits)
	}
	return float64(s.waits[min(len(s.waits)-1, int(p/100*float64(len(s.waits))))])
}

// ops counts what the store and the functions would do: function invocations, queries and the
// documents they return, transactions with the documents they read and write, and the
// notifications the transactions owe (each an outbox record).
type ops struct {
	invocations, queries, reads, writes, transactions, notes, invitations float64
}

// query counts a query that returned n documents: Firestore bills at least one read per query.
func (o *ops) query(n int) {
	o.queries++
	o.reads += float64(max(1, n))
}

// read counts a document read on its own.
func (o *ops) read(n int) { o.reads += float64(n) }

// transaction counts a transaction that read and wrote these documents besides the outbox
// records of notes, which it writes too.
func (o *ops) transaction(reads, writes int, notes []notification.Notification) {
	o.transactions++
	o.reads += float64(reads)
	o.writes += float64(writes + len(notes))
	for _, n := range notes {
		o.notes++
		if n.Topic == notification.TopicInvitations {
			o.invitations++
		}
	}
}

func (o *ops) add(p ops) {
	o.invocations += p.invocations
	o.queries += p.queries
	o.reads += p.reads
	o.writes += p.writes
	o.transactions += p.transactions
	o.notes += p.notes
	o.invitations += p.invitations
}

// times is o k times over (k below 1: a share of it, per game or per call).
func (o ops) times(k float64) ops {
	return ops{o.invocations * k, o.queries * k, o.reads * k, o.writes * k, o.transactions * k, o.notes * k, o.invitations * k}
}
