package event

import (
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/openplay-games/openplay/shared/ratelimit"
)

// Limits are the bounds events.record enforces; config reads them from the environment.
type Limits struct {
	MaxUpdates    int           // updates (and periods) in one request; more is TOO_LARGE
	MinPeriod     time.Duration // a shorter period (or one ending before it starts) is TIME_PERIOD_SHORT
	MaxPeriod     time.Duration // a longer period is TIME_PERIOD_LONG
	MaxAge        time.Duration // a period that ended longer ago is TIME_PERIOD_EXPIRED
	RatePerMinute int           // record calls a player may make per minute; more is RECORD_RATE_HIGH
}

// DefaultLimits are the limits unless an application sets its own: 100 updates a request,
// periods from 0 to 24 hours that ended in the last 7 days, 60 calls a minute per player.
var DefaultLimits = Limits{MaxUpdates: 100, MinPeriod: 0, MaxPeriod: 24 * time.Hour, MaxAge: 7 * 24 * time.Hour, RatePerMinute: 60}

// Failure causes, as the API names them.
const (
	TooLarge           = "TOO_LARGE"
	PeriodExpired      = "TIME_PERIOD_EXPIRED"
	PeriodShort        = "TIME_PERIOD_SHORT"
	PeriodLong         = "TIME_PERIOD_LONG"
	AlreadyUpdated     = "ALREADY_UPDATED"
	RateHigh           = "RECORD_RATE_HIGH"
	NotFound           = "NOT_FOUND"
	InvalidUpdateValue = "INVALID_UPDATE_VALUE"
)

// Period is a time range of a record request, in the client's milliseconds.
type Period struct {
	StartMillis int64
	EndMillis   int64
}

// Key names the period among a player's applied periods.
func (p Period) Key() string {
	return strconv.FormatInt(p.StartMillis, 10) + "_" + strconv.FormatInt(p.EndMillis, 10)
}

// Update is one event count; CountOK is false when the count was not an int64.
type Update struct {
	DefinitionID string
	Count        int64
	CountOK      bool
}

// PeriodUpdates are the updates of one period.
type PeriodUpdates struct {
	Period  Period
	Updates []Update
}

// Record is an events.record command.
type Record struct {
	RequestID *int64
	// ClientNowMillis is the client's clock when it sent the request; periods are shifted by
	// its distance to the server's clock before their age is judged.
	ClientNowMillis *int64
	Periods         []PeriodUpdates
}

// TooLarge reports whether the record carries more updates (or periods) than lim allows. It
// needs no state, so a handler can refuse such a record before reading anything.
func (r Record) TooLarge(lim Limits) bool {
	updates := 0
	for _, p := range r.Periods {
		updates += len(p.Updates)
	}
	return updates > lim.MaxUpdates || len(r.Periods) > lim.MaxUpdates
}

// DefinitionIDs are the events the record names.
func (r Record) DefinitionIDs() []string {
	seen := map[string]bool{}
	var ids []string
	for _, p := range r.Periods {
		for _, u := range p.Updates {
			if !seen[u.DefinitionID] && ValidID(u.DefinitionID) {
				seen[u.DefinitionID] = true
				ids = append(ids, u.DefinitionID)
			}
		}
	}
	return ids
}

// State is what the planner needs to know of the player, read in the record transaction.
type State struct {
	RequestSeen bool
	SeenPeriods map[string]bool
	// Rate counts the player's record calls in the current minute.
	Rate ratelimit.Window
	// Totals are the player's counters of every event the record touches (absent: zero).
	Totals map[string]int64
}

// BatchFailure rejects a period (or, with no period, the whole request).
type BatchFailure struct {
	Cause  string
	Period *Period
}

// EventFailure rejects one update.
type EventFailure struct {
	EventID string
	Cause   string
}

// Plan is what a record does: failures to report, counters to write, what to remember.
type Plan struct {
	BatchFailures []BatchFailure
	EventFailures []EventFailure
	// Totals are the new counters to write; Shown are the counters to report (Totals, or on a
	// retried request the current counters of the events it names).
	Totals map[string]int64
	Shown  map[string]int64
	// Periods are the periods applied, to remember; RememberRequest says to remember the
	// requestId; Rate is the rate window to store (nil: unchanged).
	Periods         []Period
	RememberRequest bool
	Rate            *ratelimit.Window
}

// Changes reports whether the plan writes anything.
func (p Plan) Changes() bool { return p.Rate != nil }

// PlanRecord applies the record rules to the player's state at now. defs holds the definitions
// the record names (a missing one is NOT_FOUND). Nothing in it reads a clock or the database.
func PlanRecord(rec Record, defs map[string]Definition, st State, lim Limits, now time.Time) Plan {
	plan := Plan{Totals: map[string]int64{}}
	switch {
	case rec.TooLarge(lim):
		plan.BatchFailures = []BatchFailure{{Cause: TooLarge}}
		return plan
	case st.RequestSeen:
		plan.BatchFailures = []BatchFailure{{Cause: AlreadyUpdated}}
		plan.Shown = current(rec, defs, st)
		return plan
	}
	rate := st.Rate.At(now, time.Minute)
	if rate.Count >= lim.RatePerMinute {
		plan.BatchFailures = []BatchFailure{{Cause: RateHigh}}
		return plan
	}
	rate.Count++
	plan.Rate = &rate
	plan.RememberRequest = rec.RequestID != nil

	var skew int64
	if rec.ClientNowMillis != nil {
		skew = addSaturating(now.UnixMilli(), -max(*rec.ClientNowMillis, math.MinInt64+1))
	}
	totals := func(id string) int64 {
		if v, ok := plan.Totals[id]; ok {
			return v
		}
		return st.Totals[id]
	}
	applied := map[string]bool{}
	for _, pu := range rec.Periods {
		p := pu.Period
		if cause := periodFailure(p, skew, lim, now); cause != "" {
			plan.BatchFailures = append(plan.BatchFailures, BatchFailure{Cause: cause, Period: &p})
			continue
		}
		if st.SeenPeriods[p.Key()] || applied[p.Key()] {
			plan.BatchFailures = append(plan.BatchFailures, BatchFailure{Cause: AlreadyUpdated, Period: &p})
			continue
		}
		applied[p.Key()] = true
		plan.Periods = append(plan.Periods, p)
		for _, u := range pu.Updates {
			def, ok := defs[u.DefinitionID]
			if !ok {
				plan.EventFailures = append(plan.EventFailures, EventFailure{EventID: u.DefinitionID, Cause: NotFound})
				continue
			}
			targets := append([]string{def.ID}, def.Ancestors...)
			if !u.CountOK || u.Count <= 0 || overflows(targets, totals, u.Count) {
				plan.EventFailures = append(plan.EventFailures, EventFailure{EventID: u.DefinitionID, Cause: InvalidUpdateValue})
				continue
			}
			for _, id := range targets {
				plan.Totals[id] = totals(id) + u.Count
			}
		}
	}
	plan.Shown = plan.Totals
	return plan
}

func periodFailure(p Period, skew int64, lim Limits, now time.Time) string {
	if p.EndMillis < p.StartMillis {
		return PeriodShort
	}
	length, overflow := p.EndMillis-p.StartMillis, p.StartMillis < 0 && p.EndMillis-p.StartMillis < 0
	switch {
	case overflow || length > lim.MaxPeriod.Milliseconds():
		return PeriodLong
	case length < lim.MinPeriod.Milliseconds():
		return PeriodShort
	case addSaturating(p.EndMillis, skew) < now.UnixMilli()-lim.MaxAge.Milliseconds():
		return PeriodExpired
	}
	return ""
}

// addSaturating adds without wrapping around: client clocks and periods are whatever a client
// sends.
func addSaturating(a, b int64) int64 {
	switch {
	case b > 0 && a > math.MaxInt64-b:
		return math.MaxInt64
	case b < 0 && a < math.MinInt64-b:
		return math.MinInt64
	}
	return a + b
}

func overflows(targets []string, totals func(string) int64, n int64) bool {
	for _, id := range targets {
		if totals(id) > math.MaxInt64-n {
			return true
		}
	}
	return false
}

// current is the counters of the events a retried record names, as they stand.
func current(rec Record, defs map[string]Definition, st State) map[string]int64 {
	out := map[string]int64{}
	for _, id := range rec.DefinitionIDs() {
		if def, ok := defs[id]; ok {
			for _, t := range append([]string{def.ID}, def.Ancestors...) {
				out[t] = st.Totals[t]
			}
		}
	}
	return out
}

// Touched are the counters a record may change: the events it names and their ancestors.
func Touched(rec Record, defs map[string]Definition) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range rec.DefinitionIDs() {
		def, ok := defs[id]
		if !ok {
			continue
		}
		for _, t := range append([]string{def.ID}, def.Ancestors...) {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Format writes a counter for people: digits grouped by thousands ("1,234,567").
func Format(n int64) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}
