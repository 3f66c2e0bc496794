package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openplay-games/openplay/shared/store"
)

// TestScenarioFloorIsTheOneAtItsConcurrency: a scenario's endpoint is compared with its floor as
// measured before the scenarios at the same concurrency, not with the sweep's later floors.
func TestScenarioFloorIsTheOneAtItsConcurrency(t *testing.T) {
	turn := sample{label: "TurnBasedMatchesTakeTurn", status: 200, requestID: "1"}
	r := results{Rows: []row{
		{Phase: "floor", Endpoint: floorTxPublish, InFlight: 4, P50: 5},
		{Phase: "matches", Endpoint: "TurnBasedMatchesTakeTurn", InFlight: 4, samples: []sample{turn}, withFloor: true},
		{Phase: "floor", Endpoint: floorTxPublish, InFlight: 64, P50: 40},
		{Phase: "floor", Endpoint: floorTxPublish, InFlight: 4, P50: 7},
	}}
	r.withCosts(map[string]store.Counts{"1": {Reads: 1, Writes: 2, OutboxWrites: 1, Transactions: 1, Attempts: 1}})
	assert.Equal(t, floorTxPublish, r.Rows[1].Floor)
	assert.Equal(t, 5.0, r.Rows[1].FloorP50)
}
