package budget

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/testenv"
)

// Events: a record carries the most updates a call may (event.DefaultLimits), of as many
// definitions, each at the longest its fields may be (shared/event).

const events = "/games/v1/events"

// definitions stores the fixture's event definitions once and returns their IDs.
func (f *fixture) definitions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.events != nil {
		return f.events
	}
	prefix := "budget-" + unique() + "-"
	var defs []event.Definition
	for i := range event.DefaultLimits.MaxUpdates {
		id := prefix + strconv.Itoa(i)
		defs = append(defs, event.Definition{ID: id + text(64-len(id)), DisplayName: text(100), Description: text(500),
			ImageURL: "https://example.com/" + text(2048-len("https://example.com/")), Visibility: event.Revealed})
	}
	defs, err := event.Prepare(defs)
	require.NoError(f.t, err)
	require.NoError(f.t, f.svc.Store.WriteDefinitions(f.t.Context(), defs, nil))
	for _, d := range defs {
		f.events = append(f.events, d.ID)
	}
	return f.events
}

// record is p's events.record of every definition, one period of the last minute.
func (f *fixture) record(p testenv.Player) call {
	var updates []map[string]any
	for _, id := range f.definitions() {
		updates = append(updates, map[string]any{"kind": gamesv1.KindEventUpdateRequest, "definitionId": id, "updateCount": "1"})
	}
	now := time.Now().UnixMilli()
	return call{http.MethodPost, events, p.Token, body(f.t, map[string]any{"kind": gamesv1.KindEventRecordRequest,
		"requestId": requestID(), "currentTimeMillis": fmt.Sprint(now),
		"timePeriods": []map[string]any{{"kind": gamesv1.KindEventPeriodUpdate, "updates": updates,
			"timePeriod": map[string]any{"kind": gamesv1.KindEventPeriodRange, "periodStartMillis": fmt.Sprint(now - 60000), "periodEndMillis": fmt.Sprint(now)}}}})}
}

var eventCases = map[string]worstCase{
	// Each of 80 players records (one player's records contend for their own documents).
	"EventsRecord": func(f *fixture) []call {
		crowd := f.crowd()
		return calls(concurrency, func(i int) call { return f.record(crowd[i]) })
	},
	"EventsListByPlayer": func(f *fixture) []call {
		p := f.pool(1)[0]
		f.do(f.record(p), nil)
		return calls(concurrency, func(int) call { return call{http.MethodGet, events + "?maxResults=100", p.Token, nil} })
	},
	"EventsListDefinitions": func(f *fixture) []call {
		f.definitions()
		p := f.pool(1)[0]
		return calls(concurrency, func(int) call { return call{http.MethodGet, "/games/v1/eventDefinitions?maxResults=100", p.Token, nil} })
	},
}
