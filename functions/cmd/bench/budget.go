package main

import (
	"fmt"
	"strings"
)

// floorOf names the floor each endpoint the scenarios call is compared with: the bare I/O the
// call cannot do without. Calls that notify someone publish; the others only transact.
var floorOf = map[string]string{
	"RoomsCreate":              floorTxAndPublish,
	"RoomsJoin":                floorTxAndPublish,
	"RoomsReportStatus":        floorTxAndPublish,
	"RoomsLeave":               floorTxAndPublish,
	"RoomsList":                floorRead,
	"TurnBasedMatchesCreate":   floorTransaction,
	"TurnBasedMatchesJoin":     floorTransaction,
	"TurnBasedMatchesTakeTurn": floorTxAndPublish,
	"TurnBasedMatchesFinish":   floorTxAndPublish,
	"EventsRecord":             floorTransaction,
	"SessionsPut":              floorTransaction,
	"SessionsLeave":            floorTransaction,
}

// mutating lists the endpoints the performance budget (docs/architecture.md) applies to: a mutating call is one
// transaction; it reads the state document and at most one more; it writes the state
// document, the index entries it must keep, and outbox records (each record is written in the
// transaction; marking it sent happens in the background, outside the call's cost).
// Every public route that is not a GET is one (a test keeps the list in step with the route
// table), and the scenarios call each.
var mutating = map[string]bool{
	"RoomsCreate": true, "RoomsJoin": true, "RoomsReportStatus": true, "RoomsLeave": true, "RoomsDecline": true,
	"RoomsDismiss": true, "TurnBasedMatchesCreate": true, "TurnBasedMatchesJoin": true, "TurnBasedMatchesTakeTurn": true,
	"TurnBasedMatchesFinish": true, "TurnBasedMatchesDecline": true, "TurnBasedMatchesDismiss": true,
	"TurnBasedMatchesLeaveTurn": true, "TurnBasedMatchesLeave": true, "TurnBasedMatchesCancel": true,
	"TurnBasedMatchesRematch": true, "EventsRecord": true, "SessionsPut": true, "SessionsPutProperties": true,
	"SessionsLeave": true, "SessionsRemoveMember": true, "SessionsRemoveServer": true, "SessionHandlesCreate": true,
	"SessionHandlesDelete": true, "SessionsPutByHandle": true, "NotificationsAck": true, "SignalsSend": true,
}

// The budget's numbers. Rooms and matches keep their index entries (who is invited, who
// plays) as fields of the state document, so their only state write is that document.
const (
	budgetReads        = 2
	budgetStateWrites  = 1
	budgetTransactions = 1
)

// overBudget says by how much c exceeds the budget, at the worst call; empty if it does not.
// Reads are counted per transaction attempt: a retry after contention reads the state again.
func overBudget(c *costStats) string {
	var over []string
	if c.most.Transactions > budgetTransactions {
		over = append(over, fmt.Sprintf("%d transactions (budget %d)", c.most.Transactions, budgetTransactions))
	}
	if c.untransacted > 0 {
		over = append(over, fmt.Sprintf("writes outside a transaction in %d of %d calls", c.untransacted, c.Calls))
	}
	if reads := c.mostReadsPerTry; reads > budgetReads {
		over = append(over, fmt.Sprintf("%d reads (budget %d, +%d)", reads, budgetReads, reads-budgetReads))
	}
	if state := c.mostStateWrites; state > budgetStateWrites {
		over = append(over, fmt.Sprintf("%d state writes (budget %d, +%d)", state, budgetStateWrites, state-budgetStateWrites))
	}
	return strings.Join(over, ", ")
}
