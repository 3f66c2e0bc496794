package event

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/ratelimit"
)

var t0 = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func TestPrepare(t *testing.T) {
	defs, err := Prepare([]Definition{
		{ID: "coins", DisplayName: "Coins", ChildEvents: []string{"gold", "silver"}},
		{ID: "gold", DisplayName: "Gold", Visibility: Hidden, ChildEvents: []string{"nugget"}},
		{ID: "silver", DisplayName: "Silver"},
		{ID: "nugget", DisplayName: "Nugget"},
	})
	require.NoError(t, err)
	got := map[string]string{}
	for _, d := range defs {
		got[d.ID] = strings.Join(d.Ancestors, ",") + "/" + string(d.Visibility)
	}
	want := map[string]string{"coins": "/REVEALED", "gold": "coins/HIDDEN", "silver": "coins/REVEALED", "nugget": "coins,gold/REVEALED"}
	for id, w := range want {
		assert.Equal(t, w, got[id], "%s: ancestors/visibility", id)
	}
	bad := []struct {
		defs []Definition
		frag string
	}{
		{[]Definition{{ID: "a/b", DisplayName: "x"}}, "events[0].id"},
		{[]Definition{{ID: "__reserved__", DisplayName: "x"}}, "events[0].id"},
		{[]Definition{{ID: "a", DisplayName: "x"}, {ID: "a", DisplayName: "y"}}, "defined twice"},
		{[]Definition{{ID: "a"}}, "displayName: required"},
		{[]Definition{{ID: "a", DisplayName: "x", Visibility: "SECRET"}}, "visibility"},
		{[]Definition{{ID: "a", DisplayName: "x", ChildEvents: []string{"b"}}}, "no event \"b\""},
		{[]Definition{{ID: "a", DisplayName: "x", ChildEvents: []string{"a"}}}, "its own child"},
		{[]Definition{{ID: "a", DisplayName: "x", ChildEvents: []string{"b"}}, {ID: "b", DisplayName: "y", ChildEvents: []string{"a"}}}, "cycle"},
	}
	for _, b := range bad {
		_, err := Prepare(b.defs)
		assert.ErrorContains(t, err, b.frag, "Prepare(%+v)", b.defs)
	}
}

func TestDiff(t *testing.T) {
	stored := []Definition{{ID: "a", DisplayName: "A"}, {ID: "b", DisplayName: "B"}, {ID: "c", DisplayName: "C"}}
	desired := []Definition{{ID: "a", DisplayName: "A"}, {ID: "b", DisplayName: "B2"}, {ID: "d", DisplayName: "D"}}
	create, update, remove := Diff(stored, desired)
	if assert.Len(t, create, 1, "to create") {
		assert.Equal(t, "d", create[0].ID, "to create")
	}
	if assert.Len(t, update, 1, "to update") {
		assert.Equal(t, "b", update[0].ID, "to update")
	}
	assert.Equal(t, []string{"c"}, remove, "to remove")
}

var defs = map[string]Definition{
	"coins": {ID: "coins"},
	"gold":  {ID: "gold", Ancestors: []string{"coins"}},
}

func period(startMin, endMin int) Period {
	return Period{StartMillis: t0.Add(time.Duration(startMin) * time.Minute).UnixMilli(), EndMillis: t0.Add(time.Duration(endMin) * time.Minute).UnixMilli()}
}

func causes(p Plan) string {
	var out []string
	for _, f := range p.BatchFailures {
		out = append(out, f.Cause)
	}
	for _, f := range p.EventFailures {
		out = append(out, f.EventID+":"+f.Cause)
	}
	return strings.Join(out, " ")
}

func TestPlanRecord(t *testing.T) {
	requestID := int64(9)
	ok := func(id string, n int64) Update { return Update{DefinitionID: id, Count: n, CountOK: true} }
	tests := []struct {
		name   string
		rec    Record
		st     State
		lim    func(*Limits)
		causes string
		totals map[string]int64
	}{
		{"counts add to the event and its ancestors", Record{Periods: []PeriodUpdates{{period(-10, -5), []Update{ok("gold", 2), ok("coins", 1)}}}},
			State{Totals: map[string]int64{"coins": 10}}, nil, "", map[string]int64{"gold": 2, "coins": 13}},
		{"too large", Record{Periods: []PeriodUpdates{{period(-10, -5), []Update{ok("gold", 1), ok("gold", 1)}}}},
			State{}, func(l *Limits) { l.MaxUpdates = 1 }, "TOO_LARGE", map[string]int64{}},
		{"retried request", Record{RequestID: &requestID, Periods: []PeriodUpdates{{period(-10, -5), []Update{ok("gold", 1)}}}},
			State{RequestSeen: true}, nil, "ALREADY_UPDATED", map[string]int64{}},
		{"rate", Record{Periods: []PeriodUpdates{{period(-10, -5), []Update{ok("gold", 1)}}}},
			State{Rate: ratelimit.Window{Start: t0.Add(-30 * time.Second), Count: 60}}, nil, "RECORD_RATE_HIGH", map[string]int64{}},
		{"rate window over", Record{Periods: []PeriodUpdates{{period(-10, -5), []Update{ok("gold", 1)}}}},
			State{Rate: ratelimit.Window{Start: t0.Add(-61 * time.Second), Count: 60}}, nil, "", map[string]int64{"gold": 1, "coins": 1}},
		{"period failures keep the valid periods", Record{Periods: []PeriodUpdates{
			{period(-5, -10), []Update{ok("gold", 1)}},                                 // ends before it starts
			{period(-60*30, -60*2), []Update{ok("gold", 1)}},                           // 28 hours long
			{period(-60*24*8, -60*24*8+1), []Update{ok("gold", 1)}},                    // ended 8 days ago
			{period(-3, -2), []Update{ok("gold", 5)}},                                  // fine
			{period(-3, -2), []Update{ok("gold", 5)}},                                  // the same period again
			{period(-20, -19), []Update{ok("nope", 1), ok("gold", 0), ok("coins", 1)}}, // event failures only
		}}, State{SeenPeriods: map[string]bool{}}, nil,
			"TIME_PERIOD_SHORT TIME_PERIOD_LONG TIME_PERIOD_EXPIRED ALREADY_UPDATED nope:NOT_FOUND gold:INVALID_UPDATE_VALUE",
			map[string]int64{"gold": 5, "coins": 6}},
		{"a period applied before", Record{Periods: []PeriodUpdates{{period(-3, -2), []Update{ok("gold", 1)}}}},
			State{SeenPeriods: map[string]bool{period(-3, -2).Key(): true}}, nil, "ALREADY_UPDATED", map[string]int64{}},
		{"short by the configured minimum", Record{Periods: []PeriodUpdates{{period(-3, -2), []Update{ok("gold", 1)}}}},
			State{}, func(l *Limits) { l.MinPeriod = 5 * time.Minute }, "TIME_PERIOD_SHORT", map[string]int64{}},
		{"not an int64", Record{Periods: []PeriodUpdates{{period(-3, -2), []Update{{DefinitionID: "gold"}}}}},
			State{}, nil, "gold:INVALID_UPDATE_VALUE", map[string]int64{}},
		{"negative", Record{Periods: []PeriodUpdates{{period(-3, -2), []Update{ok("gold", -4)}}}},
			State{}, nil, "gold:INVALID_UPDATE_VALUE", map[string]int64{}},
		{"overflow of an ancestor", Record{Periods: []PeriodUpdates{{period(-3, -2), []Update{ok("gold", 2)}}}},
			State{Totals: map[string]int64{"coins": math.MaxInt64 - 1}}, nil, "gold:INVALID_UPDATE_VALUE", map[string]int64{}},
		{"a span that would overflow a duration", Record{Periods: []PeriodUpdates{{Period{StartMillis: 0, EndMillis: 18446744073710}, []Update{ok("gold", 1)}}}},
			State{}, nil, "TIME_PERIOD_LONG", map[string]int64{}},
		{"a span that would overflow int64", Record{Periods: []PeriodUpdates{{Period{StartMillis: math.MinInt64, EndMillis: math.MaxInt64}, []Update{ok("gold", 1)}}}},
			State{}, nil, "TIME_PERIOD_LONG", map[string]int64{}},
		{"an absurd client clock", Record{ClientNowMillis: ptr(math.MinInt64), Periods: []PeriodUpdates{{period(-3, -2), []Update{ok("gold", 1)}}}},
			State{}, nil, "", map[string]int64{"gold": 1, "coins": 1}},
		{"client clock behind: the period is judged in server time", Record{ClientNowMillis: ptr(t0.Add(-9 * 24 * time.Hour).UnixMilli()),
			Periods: []PeriodUpdates{{period(-60*24*9-10, -60*24*9-5), []Update{ok("coins", 1)}}}}, State{}, nil, "", map[string]int64{"coins": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := DefaultLimits
			if tt.lim != nil {
				tt.lim(&lim)
			}
			plan := PlanRecord(tt.rec, defs, tt.st, lim, t0)
			assert.Equal(t, tt.causes, causes(plan), "failures")
			assert.Len(t, plan.Totals, len(tt.totals), "totals, want %v", tt.totals)
			for id, want := range tt.totals {
				assert.Equal(t, want, plan.Totals[id], "total %s", id)
			}
		})
	}
}

func TestPlanRecordBookkeeping(t *testing.T) {
	requestID := int64(1)
	rec := Record{RequestID: &requestID, Periods: []PeriodUpdates{{period(-3, -2), []Update{{DefinitionID: "gold", Count: 1, CountOK: true}}}}}
	plan := PlanRecord(rec, defs, State{Totals: map[string]int64{"coins": 4}}, DefaultLimits, t0)
	assert.True(t, plan.RememberRequest, "the plan remembers the request: %+v", plan)
	assert.Len(t, plan.Periods, 1, "the plan's periods")
	if assert.NotNil(t, plan.Rate, "the plan counts the call against the rate: %+v", plan) {
		assert.Equal(t, 1, plan.Rate.Count, "the plan's rate window count")
		assert.True(t, plan.Rate.Start.Equal(t0), "the plan's rate window starts now: %v", plan.Rate.Start)
	}
	assert.True(t, plan.Changes(), "the plan changes something: %+v", plan)
	retry := PlanRecord(rec, defs, State{RequestSeen: true, Totals: map[string]int64{"gold": 1, "coins": 5}}, DefaultLimits, t0)
	assert.False(t, retry.Changes(), "a retry writes nothing: %+v", retry)
	assert.Equal(t, int64(1), retry.Shown["gold"], "a retry shows the current gold counter")
	assert.Equal(t, int64(5), retry.Shown["coins"], "a retry shows the current coins counter")
	assert.Equal(t, "coins,gold", strings.Join(Touched(rec, defs), ","), "Touched")
}

func TestFormat(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1234: "-1,234"} {
		assert.Equal(t, want, Format(n), "Format(%d)", n)
	}
}

func ptr(v int64) *int64 { return &v }
