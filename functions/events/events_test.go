package events_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

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

	res := a.record(ana, map[string]any{"kind": "games#eventRecordRequest", "requestId": "1", "currentTimeMillis": fmt.Sprint(time.Now().UnixMilli()),
		"timePeriods": []map[string]any{
			{"timePeriod": period(5), "updates": []map[string]any{update(gold, "1200"), update(coins, "3"), update(a.prefix+"nope", "1"),
				update(gold, "0"), update(gold, "-2"), update(gold, "many")}},
			{"timePeriod": period(5), "updates": []map[string]any{update(gold, "1")}},                                   // the same period again
			{"timePeriod": map[string]any{"periodStartMillis": "2000"}, "updates": []map[string]any{update(gold, "1")}}, // absent end: 0
			{"timePeriod": map[string]any{"periodStartMillis": "0", "periodEndMillis": fmt.Sprint(int64(25 * time.Hour / time.Millisecond))}},
			{"timePeriod": map[string]any{"periodStartMillis": "1000", "periodEndMillis": "2000"}}, // 1970: long expired
		}})
	var batch []string
	for _, f := range res.BatchFailures {
		batch = append(batch, f.FailureCause)
		if f.Range == nil || f.Range.PeriodStartMillis == nil {
			t.Errorf("period failure %s without its range", f.FailureCause)
		}
	}
	if got := strings.Join(batch, " "); got != "ALREADY_UPDATED TIME_PERIOD_SHORT TIME_PERIOD_LONG TIME_PERIOD_EXPIRED" {
		t.Errorf("batch failures: %s", got)
	}
	var items []string
	for _, f := range res.EventFailures {
		items = append(items, strings.TrimPrefix(f.EventID, a.prefix)+":"+f.FailureCause)
	}
	if got := strings.Join(items, " "); got != "nope:NOT_FOUND gold:INVALID_UPDATE_VALUE gold:INVALID_UPDATE_VALUE gold:INVALID_UPDATE_VALUE" {
		t.Errorf("event failures: %s", got)
	}
	if got := totals(res); got[gold] != "1200/1,200" || got[coins] != "1203/1,203" || len(got) != 2 {
		t.Errorf("totals: %v (gold counts toward its parent, coins)", got)
	}

	// The same requestId again: applied once, reported with the current totals.
	again := a.record(ana, map[string]any{"requestId": "1", "timePeriods": []map[string]any{{"timePeriod": period(1), "updates": []map[string]any{update(gold, "5")}}}})
	if len(again.BatchFailures) != 1 || again.BatchFailures[0].FailureCause != "ALREADY_UPDATED" || again.BatchFailures[0].Range != nil ||
		totals(again)[gold] != "1200/1,200" {
		t.Fatalf("retried request: %+v", again)
	}

	// TOO_LARGE: more updates than the limit; nothing applied.
	var many []map[string]any
	for range a.Svc.Config.Events.MaxUpdates + 1 {
		many = append(many, update(gold, "1"))
	}
	big := a.record(ana, map[string]any{"timePeriods": []map[string]any{{"timePeriod": period(2), "updates": many}}})
	if len(big.BatchFailures) != 1 || big.BatchFailures[0].FailureCause != "TOO_LARGE" || len(big.PlayerEvents) != 0 {
		t.Fatalf("too large: %+v", big)
	}

	var list gamesv1.PlayerEventListResponse
	a.OK(ana, http.MethodGet, "/games/v1/events?maxResults=1", nil, &list)
	if list.Kind != "games#playerEventListResponse" || len(list.Items) != 1 || list.Items[0].DefinitionID != coins || list.NextPageToken == "" {
		t.Fatalf("first page: %+v", list)
	}
	var second gamesv1.PlayerEventListResponse
	a.OK(ana, http.MethodGet, "/games/v1/events?maxResults=1&pageToken="+list.NextPageToken, nil, &second)
	if len(second.Items) != 1 || second.Items[0].DefinitionID != gold || second.Items[0].NumEvents != 1200 || second.NextPageToken != "" {
		t.Fatalf("second page: %+v", second)
	}
}

func TestRecordRate(t *testing.T) {
	a := newAPI(t)
	a.define()
	a.Svc.Config.Events.RatePerMinute = 2
	ana := testenv.NewPlayer(t, "Ana")
	for i := range 3 {
		res := a.record(ana, map[string]any{"timePeriods": []map[string]any{{"timePeriod": period(10 + i), "updates": []map[string]any{update(a.prefix+"gold", "1")}}}})
		if limited := len(res.BatchFailures) == 1 && res.BatchFailures[0].FailureCause == "RECORD_RATE_HIGH"; limited != (i == 2) {
			t.Fatalf("call %d: %+v", i, res)
		}
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
	if _, ok := defs["secret"]; ok || len(defs) != 2 {
		t.Fatalf("before recording: %v", defs)
	}
	if c := defs["coins"]; c.Kind != "games#eventDefinition" || c.Visibility != "REVEALED" || len(c.ChildEvents) != 1 || c.ChildEvents[0].ChildID != a.prefix+"gold" {
		t.Fatalf("coins: %+v", c)
	}
	a.record(ana, map[string]any{"timePeriods": []map[string]any{{"timePeriod": period(3), "updates": []map[string]any{update(a.prefix+"secret", "1")}}}})
	if _, ok := mine()["secret"]; !ok {
		t.Fatal("a hidden event shows once the player recorded it")
	}
}

// TestConcurrentRecordsLoseNothing: one player records from many devices at once. Without a
// requestId every record counts; with a shared requestId exactly one does.
func TestConcurrentRecordsLoseNothing(t *testing.T) {
	a := newAPI(t)
	a.define()
	const n = 12
	gold := a.prefix + "gold"
	run := func(p testenv.Player, body func(i int) map[string]any) {
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if status, raw := a.Do(p.Token, http.MethodPost, "/games/v1/events", body(i)); status != http.StatusOK {
					t.Errorf("record %d: %d %s", i, status, raw)
				}
			}()
		}
		wg.Wait()
	}
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	run(ana, func(i int) map[string]any {
		return map[string]any{"timePeriods": []map[string]any{{"timePeriod": period(20 + i), "updates": []map[string]any{update(gold, "3")}}}}
	})
	if got := a.numEvents(ana, gold); got != 3*n {
		t.Fatalf("without requestId: %d, want %d", got, 3*n)
	}
	run(ben, func(i int) map[string]any {
		return map[string]any{"requestId": "77", "timePeriods": []map[string]any{{"timePeriod": period(20 + i), "updates": []map[string]any{update(gold, "3")}}}}
	})
	if got := a.numEvents(ben, gold); got != 3 {
		t.Fatalf("with one requestId: %d, want 3 (applied once)", got)
	}
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
