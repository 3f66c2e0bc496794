package events_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions/functionstest"
	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/testenv"
)

type api struct {
	*functionstest.API
	prefix string // this test's event IDs start with it: definitions are shared by the project
}

func newAPI(t *testing.T) *api {
	return &api{API: functionstest.Serve(t, testenv.Service(t)), prefix: ids.Random()[:8] + "-"}
}

// define stores this test's definitions: coins (parent of gold), gold, and a hidden secret.
func (a *api) define() {
	a.T.Helper()
	defs, err := event.Prepare([]event.Definition{
		{ID: a.prefix + "coins", DisplayName: "Coins", ChildEvents: []string{a.prefix + "gold"}},
		{ID: a.prefix + "gold", DisplayName: "Gold"},
		{ID: a.prefix + "secret", DisplayName: "Secret", Visibility: event.Hidden},
	})
	if err != nil {
		a.T.Fatal(err)
	}
	if err := a.Svc.Store.WriteDefinitions(a.T.Context(), defs, nil); err != nil {
		a.T.Fatal(err)
	}
	a.T.Cleanup(func() { // leave the shared project's definitions as they were
		_ = a.Svc.Store.WriteDefinitions(context.Background(), nil, []string{defs[0].ID, defs[1].ID, defs[2].ID})
	})
}

// period is a one-minute period that ended minutesAgo minutes ago.
func period(minutesAgo int) map[string]any {
	end := time.Now().Add(-time.Duration(minutesAgo) * time.Minute)
	return map[string]any{"periodStartMillis": fmt.Sprint(end.Add(-time.Minute).UnixMilli()), "periodEndMillis": fmt.Sprint(end.UnixMilli())}
}

func (a *api) record(p testenv.Player, body map[string]any) gamesv1.EventUpdateResponse {
	a.T.Helper()
	var out gamesv1.EventUpdateResponse
	a.OK(p, http.MethodPost, "/games/v1/events", body, &out)
	return out
}

// numEvents is p's counter of the event id, read through events.listByPlayer page by page (0 if
// p has none).
func (a *api) numEvents(p testenv.Player, id string) int64 {
	a.T.Helper()
	for token := ""; ; {
		var list gamesv1.PlayerEventListResponse
		a.OK(p, http.MethodGet, "/games/v1/events?maxResults=100&pageToken="+token, nil, &list)
		for _, e := range list.Items {
			if e.DefinitionID == id {
				return int64(e.NumEvents)
			}
		}
		if token = list.NextPageToken; token == "" {
			return 0
		}
	}
}

func update(id string, count any) map[string]any {
	return map[string]any{"definitionId": id, "updateCount": count}
}

func totals(r gamesv1.EventUpdateResponse) map[string]string {
	out := map[string]string{}
	for _, e := range r.PlayerEvents {
		out[e.DefinitionID] = fmt.Sprintf("%d/%s", e.NumEvents, e.FormattedNumEvents)
	}
	return out
}

func TestRecordAppliesTheValidPartAndReportsEveryFailure(t *testing.T) {
	a := newAPI(t)
	a.define()
	ana := testenv.NewPlayer(t, "Ana")
	coins, gold := a.prefix+"coins", a.prefix+"gold"
	fiveAgo := period(5) // once: two calls a millisecond apart would be two periods

	res := a.record(ana, map[string]any{"kind": "games#eventRecordRequest", "requestId": "1", "currentTimeMillis": fmt.Sprint(time.Now().UnixMilli()),
		"timePeriods": []map[string]any{
			{"timePeriod": fiveAgo, "updates": []map[string]any{update(gold, "1200"), update(coins, "3"), update(a.prefix+"nope", "1"),
				update(gold, "0"), update(gold, "-2"), update(gold, "many")}},
			{"timePeriod": fiveAgo, "updates": []map[string]any{update(gold, "1")}},                                     // the same period again
			{"timePeriod": map[string]any{"periodStartMillis": "2000"}, "updates": []map[string]any{update(gold, "1")}}, // absent end: 0
			{"timePeriod": map[string]any{"periodStartMillis": "0", "periodEndMillis": fmt.Sprint(int64(25 * time.Hour / time.Millisecond))}},
			{"timePeriod": map[string]any{"periodStartMillis": "1000", "periodEndMillis": "2000"}}, // 1970: long expired
		}})
	var batch []string
	for _, f := range res.BatchFailures {
		batch = append(batch, f.FailureCause)
		if assert.NotNil(t, f.Range, "period failure %s without its range", f.FailureCause) {
			assert.NotNil(t, f.Range.PeriodStartMillis, "period failure %s without its range's start", f.FailureCause)
		}
	}
	assert.Equal(t, "ALREADY_UPDATED TIME_PERIOD_SHORT TIME_PERIOD_LONG TIME_PERIOD_EXPIRED", strings.Join(batch, " "), "batch failures")
	var items []string
	for _, f := range res.EventFailures {
		items = append(items, strings.TrimPrefix(f.EventID, a.prefix)+":"+f.FailureCause)
	}
	assert.Equal(t, "nope:NOT_FOUND gold:INVALID_UPDATE_VALUE gold:INVALID_UPDATE_VALUE gold:INVALID_UPDATE_VALUE", strings.Join(items, " "), "event failures")
	assert.Equal(t, map[string]string{gold: "1200/1,200", coins: "1203/1,203"}, totals(res), "totals (gold counts toward its parent, coins)")

	// The same requestId again: applied once, reported with the current totals.
	again := a.record(ana, map[string]any{"requestId": "1", "timePeriods": []map[string]any{{"timePeriod": period(1), "updates": []map[string]any{update(gold, "5")}}}})
	require.Len(t, again.BatchFailures, 1, "retried request")
	require.Equal(t, "ALREADY_UPDATED", again.BatchFailures[0].FailureCause, "retried request")
	require.Nil(t, again.BatchFailures[0].Range, "retried request: the request failed, not a period")
	require.Equal(t, "1200/1,200", totals(again)[gold], "retried request")

	// TOO_LARGE: more updates than the limit; nothing applied.
	var many []map[string]any
	for range a.Svc.Config.Events.MaxUpdates + 1 {
		many = append(many, update(gold, "1"))
	}
	big := a.record(ana, map[string]any{"timePeriods": []map[string]any{{"timePeriod": period(2), "updates": many}}})
	require.Len(t, big.BatchFailures, 1, "too large")
	require.Equal(t, "TOO_LARGE", big.BatchFailures[0].FailureCause, "too large")
	require.Empty(t, big.PlayerEvents, "too large")

	var list gamesv1.PlayerEventListResponse
	a.OK(ana, http.MethodGet, "/games/v1/events?maxResults=1", nil, &list)
	require.Equal(t, "games#playerEventListResponse", list.Kind, "first page")
	require.Len(t, list.Items, 1, "first page")
	require.Equal(t, coins, list.Items[0].DefinitionID, "first page")
	require.NotEmpty(t, list.NextPageToken, "first page")
	var second gamesv1.PlayerEventListResponse
	a.OK(ana, http.MethodGet, "/games/v1/events?maxResults=1&pageToken="+list.NextPageToken, nil, &second)
	require.Len(t, second.Items, 1, "second page")
	require.Equal(t, gold, second.Items[0].DefinitionID, "second page")
	require.Equal(t, gamesv1.Int64(1200), second.Items[0].NumEvents, "second page")
	require.Empty(t, second.NextPageToken, "second page")
}

func TestRecordRate(t *testing.T) {
	a := newAPI(t)
	a.define()
	a.Svc.Config.Events.RatePerMinute = 2
	ana := testenv.NewPlayer(t, "Ana")
	for i := range 3 {
		res := a.record(ana, map[string]any{"timePeriods": []map[string]any{{"timePeriod": period(10 + i), "updates": []map[string]any{update(a.prefix+"gold", "1")}}}})
		limited := len(res.BatchFailures) == 1 && res.BatchFailures[0].FailureCause == "RECORD_RATE_HIGH"
		require.Equal(t, i == 2, limited, "call %d limited: %+v", i, res)
	}
}

func TestHiddenDefinitionsShowOnceRecorded(t *testing.T) {
	a := newAPI(t)
	a.define()
	ana := testenv.NewPlayer(t, "Ana")
	mine := func() map[string]gamesv1.EventDefinition {
		out := map[string]gamesv1.EventDefinition{}
		token := ""
		for page := 0; page < 100; page++ {
			var list gamesv1.EventDefinitionListResponse
			a.OK(ana, http.MethodGet, "/games/v1/eventDefinitions?maxResults=50&pageToken="+token, nil, &list)
			for _, d := range list.Items {
				if strings.HasPrefix(d.ID, a.prefix) {
					out[strings.TrimPrefix(d.ID, a.prefix)] = d
				}
			}
			if token = list.NextPageToken; token == "" {
				break
			}
		}
		return out
	}
	defs := mine()
	require.NotContains(t, defs, "secret", "before recording")
	require.Len(t, defs, 2, "before recording")
	c := defs["coins"]
	require.Equal(t, "games#eventDefinition", c.Kind, "coins")
	require.Equal(t, "REVEALED", c.Visibility, "coins")
	require.Len(t, c.ChildEvents, 1, "coins")
	require.Equal(t, a.prefix+"gold", c.ChildEvents[0].ChildID, "coins")
	a.record(ana, map[string]any{"timePeriods": []map[string]any{{"timePeriod": period(3), "updates": []map[string]any{update(a.prefix+"secret", "1")}}}})
	require.Contains(t, mine(), "secret", "a hidden event shows once the player recorded it")
}

// TestConcurrentRecordsLoseNothing: one player records from many devices at once. Without a
// requestId every record counts; with a shared requestId exactly one does.
func TestConcurrentRecordsLoseNothing(t *testing.T) {
	a := newAPI(t)
	a.define()
	const n = 12
	gold := a.prefix + "gold"
	run := func(p testenv.Player, body func(i int) map[string]any) {
		statuses, raws, errs := make([]int, n), make([][]byte, n), make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i], raws[i], errs[i] = a.DoErr(p.Token, http.MethodPost, "/games/v1/events", body(i))
			}()
		}
		wg.Wait()
		for i := range n {
			require.NoError(t, errs[i], "record %d", i)
			assert.Equal(t, http.StatusOK, statuses[i], "record %d: %s", i, raws[i])
		}
	}
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	run(ana, func(i int) map[string]any {
		return map[string]any{"timePeriods": []map[string]any{{"timePeriod": period(20 + i), "updates": []map[string]any{update(gold, "3")}}}}
	})
	require.Equal(t, int64(3*n), a.numEvents(ana, gold), "without requestId")
	run(ben, func(i int) map[string]any {
		return map[string]any{"requestId": "77", "timePeriods": []map[string]any{{"timePeriod": period(20 + i), "updates": []map[string]any{update(gold, "3")}}}}
	})
	require.Equal(t, int64(3), a.numEvents(ben, gold), "with one requestId: applied once")
}

func TestRecordBadInput(t *testing.T) {
	a := newAPI(t)
	ana := testenv.NewPlayer(t, "Ana")
	for _, tt := range []struct {
		body string
		frag string
	}{
		{`{"kind": "games#eventPeriodUpdate"}`, "kind"},
		{`{"requestId": "seven"}`, "requestId"},
		{`{"currentTimeMillis": "now"}`, "currentTimeMillis"},
		{`{"timePeriods": [{"updates": []}]}`, "timePeriods[0].timePeriod: required"},
		{`{"timePeriods": [{"timePeriod": {"periodStartMillis": "x", "periodEndMillis": "2"}}]}`, "periodStartMillis"},
		{`{"timePeriods": [{"timePeriod": {"periodStartMillis": "1", "periodEndMillis": "2"}, "updates": [{"kind": "x"}]}]}`, "timePeriods[0].updates[0].kind"},
		{`{"timePeriods": {}}`, "timePeriods"},
		{`{"extra": 1}`, "extra"},
	} {
		a.Fails(ana.Token, http.MethodPost, "/games/v1/events", tt.body, http.StatusBadRequest, tt.frag)
	}
	a.Fails(ana.Token, http.MethodGet, "/games/v1/events?maxResults=101", nil, http.StatusBadRequest, "maxResults")
	a.Fails(ana.Token, http.MethodGet, "/games/v1/eventDefinitions?pageToken=bm9wZQ", nil, http.StatusBadRequest, "pageToken")
	a.Fails(ana.Token, http.MethodDelete, "/games/v1/events", nil, http.StatusMethodNotAllowed, "GET or POST")
}
