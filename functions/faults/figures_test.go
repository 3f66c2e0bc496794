package faults_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// figures is one fault test's result: what the players saw, what the services answered (their
// access lines: a caller who gave up does not see a 500, the log does), what was lost, and a
// note on the fault (how long, how many kills).
type figures struct {
	Scenario string
	answers
	Served5xx  int
	LostWrites int
	delivery
	Note string

	Odd       []string // the first unexpected answers
	LostWhich []string // the acknowledged writes missing
}

// assertNothingLost checks what every fault must leave intact: no 5xx but 503 (which says when
// to retry), no 4xx (the players' calls are valid, and a pair starts over after any failure,
// so a 4xx would be a fault passed off as the caller's), every call answered within its
// deadline (unless the test itself stalled), every acknowledged write in the store, every
// notification owed in its inbox exactly once.
func assertNothingLost(t *testing.T, f figures) {
	t.Helper()
	assert.Zero(t, f.ServerErrors, "no 5xx but 503: %v", f.Odd)
	assert.Zero(t, f.ClientErrors, "no 4xx: %v", f.Odd)
	assert.Zero(t, f.Served5xx, "the services answered no 5xx but 503, even to callers who gave up")
	assert.Zero(t, f.NoRetryAfter, "every 503 says when to retry")
	if f.Stalled > answerMargin {
		t.Logf("this test process was not scheduled for %v (a busy machine): how long calls took is not judged", f.Stalled)
	} else {
		assert.Zero(t, f.Unanswered, "every call is answered: %v", f.Odd)
		assert.Zero(t, f.Late, "every call is answered within its deadline: %v", f.Odd)
	}
	assert.Zero(t, f.LostWrites, "acknowledged writes missing: %v", f.LostWhich)
	assert.Zero(t, f.Lost, "notifications lost")
	assert.Zero(t, f.Duplicated, "notifications duplicated in inboxes")
}

// summary collects every test's figures, printed together when the package's tests end.
var summary struct {
	sync.Mutex
	rows []figures
}

// report logs f and adds it to the summary.
func report(t *testing.T, f figures) {
	t.Helper()
	t.Logf("figures:\n%s", table([]figures{f}))
	summary.Lock()
	defer summary.Unlock()
	summary.rows = append(summary.rows, f)
}

// table renders figures as a Markdown table, the form docs/testing.md shows them in.
func table(rows []figures) string {
	var b strings.Builder
	b.WriteString("| fault | calls | 2xx | 503 (no Retry-After) | other 4xx | other 5xx (served) | unanswered | dropped | slowest (late; test stalled) | acknowledged writes | lost | notifications owed | left pending | relay passes | in inboxes | lost | duplicated | Pub/Sub copies | note |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, f := range rows {
		fmt.Fprintf(&b, "| %s | %d | %d | %d (%d) | %d | %d (%d) | %d | %d | %v (%d; %v) | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s |\n",
			f.Scenario, f.Calls, f.OK, f.Unavailable, f.NoRetryAfter, f.ClientErrors, f.ServerErrors, f.Served5xx, f.Unanswered, f.Dropped,
			f.Slowest.Round(10*time.Millisecond), f.Late, f.Stalled.Round(10*time.Millisecond), f.Acked, f.LostWrites, f.Owed, f.Pending, f.RelayPasses, f.Delivered, f.Lost,
			f.Duplicated, f.Copies, f.Note)
	}
	return b.String()
}

// printSummary prints the summary table (go test -v shows it; make chaos runs so).
func printSummary() {
	summary.Lock()
	defer summary.Unlock()
	if len(summary.rows) > 0 {
		fmt.Printf("\nFault injection figures:\n\n%s\n", table(summary.rows))
	}
}
