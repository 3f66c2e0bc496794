package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// The targets the report checks (the performance budget in docs/architecture.md).
const (
	targetTurnRatio  = 1.3
	targetRSS        = 100 << 20
	reportFile       = "REPORT.md"
	takeTurn         = "TurnBasedMatchesTakeTurn"
	targetInFlight   = 80
	mib              = 1 << 20
	missedMark       = "**missed**"
	metMark          = "met"
	notMeasuredYet   = "not measured"
	eventsRecordName = "EventsRecord"
)

// invitationWindow explains the one write over the budget of the calls that invite players.
const invitationWindow = "a call that invites players also writes the sender's invitation window " +
	"(players/{player}/state/invitationsSent, read with the state document), which charges the invitations to the " +
	"sender's limits in the same transaction, so that a refused call changes nothing and a retry is not charged twice"

// why explains, per endpoint, a cost over the budget that follows from the data model.
var why = map[string]string{
	"RoomsCreate": invitationWindow, "TurnBasedMatchesCreate": invitationWindow, "SessionHandlesCreate": invitationWindow,
	"TurnBasedMatchesRematch": "a rematch writes two matches in its one transaction: the new one, and the old one's " +
		"rematchId, which makes a second rematch of the same match a 409 and a retry with the same requestId return the first",
	eventsRecordName: "events.record keeps the player's counters and record rate in one events document, and " +
		"remembers each applied period and requestId in a document of its own (Firestore's TTL deletes them after " +
		"OPENPLAY_EVENTS_MAX_AGE plus a day; kept in the events document they would grow without bound); one batch reads and " +
		"writes the events document, its requestId's and each of its periods' documents in its one transaction, so its cost " +
		"is 2 + the periods in the batch (here 2) on most calls. The event definitions it checks the batch against are kept " +
		"by each instance for a minute (DefinitionsMaxAge); the call that reads them again pays one more read per definition " +
		"it names, and that call is the worst one the target counts",
}

// writeReport writes REPORT.md and the plot into dir and returns the report's path.
func writeReport(dir string, r results) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := drawPlot(filepath.Join(dir, plotFile), r.Sweep); err != nil {
		return "", err
	}
	path := filepath.Join(dir, reportFile)
	return path, os.WriteFile(path, []byte(render(r)), 0o644)
}

func render(r results) string {
	d := &doc{}
	cfg := r.Settings
	floors := map[string]summary{}
	for _, f := range r.Floors {
		floors[strings.TrimPrefix(f.Endpoint, floorEndpointLabel)] = f
	}

	d.p("# OpenPlay benchmark report")
	d.p("")
	d.p("Written by `make bench` (`functions/cmd/bench`) on %s; the run took %s on %s, with the emulators, the dev server "+
		"and the load generator sharing the machine. Settings: %d calls in flight for the floors and scenarios, %s per scenario, "+
		"%s per floor, sweep over %v at %s a step, %d hot-spot rounds, %d calls in flight for %s in the memory phase, "+
		"%d turns a game with %d–%d bytes of match data, rooms of %d players, lobbies of %d.",
		r.When.Format("2006-01-02 15:04 UTC"), r.Took.Round(time.Second), r.Machine, cfg.concurrency, cfg.duration, cfg.floorDuration,
		cfg.sweep, cfg.sweepDuration, cfg.hotspotRounds, cfg.memoryConcurrency, cfg.memoryDuration, cfg.turns, cfg.dataMin, cfg.dataMax, cfg.roomSize, cfg.lobbySize)
	d.p("")
	d.p("**How to read it.** Every number is measured in this one run against the local emulators, not asserted. Latency is " +
		"what a player's HTTP client saw (p50/p95/p99: half, 95 %%, 99 %% of calls were at least this fast). A **floor** is the " +
		"least I/O a call needs, done directly on the same emulators with their Go clients (no HTTP, token or JSON), measured at " +
		"the same concurrency; **p50 / floor** is how many times slower the endpoint is than that. Costs are Firestore " +
		"documents per successful call as Firestore bills them, counted by the store in its gRPC client and logged on each " +
		"request's access line in production too. The emulators are slower and noisier than Cloud Firestore and Pub/Sub, " +
		"and on a shared 2-core machine absolute times vary from run to run: compare ratios and shapes, not milliseconds.")
	d.p("")

	notes := targets(d, r, floors)
	endpoints(d, r, floors)
	floorTable(d, r)
	costs(d, r)
	scaling(d, r)
	hotspotSection(d, r)
	memorySection(d, r)
	coldSection(d, r)
	closingNote(d, notes)
	return d.String()
}

// turnMeasure is takeTurn's p50 against its floor's, measured side by side: the sweep's step at
// the run's concurrency when there is one (its floor is taken right after those calls, on the
// emulators as the calls left them), otherwise the matches scenario against the floor taken at
// the start of the run. m says where, with the dev server's CPU time per call there.
func turnMeasure(r results, floors map[string]summary) (s, f summary, m turnPlace, ok bool) {
	for _, p := range r.Sweep {
		if p.Concurrency == r.Settings.concurrency && p.TakeTurn.P50 > 0 && p.Floor.P50 > 0 {
			return p.TakeTurn, p.Floor, turnPlace{"the sweep's step", p.CPUPerCall}, true
		}
	}
	for _, sc := range r.Scenarios {
		if s, ok := find(sc.Endpoints, takeTurn); ok && s.P50 > 0 && floors[floorTxAndPublish].P50 > 0 {
			return s, floors[floorTxAndPublish], turnPlace{"the " + sc.Outcome.Scenario + " scenario", sc.CPUPerCall}, true
		}
	}
	return summary{}, summary{}, turnPlace{}, false
}

// turnPlace is where takeTurn was measured against its floor.
type turnPlace struct {
	where      string
	cpuPerCall time.Duration
}

// sweepRatios is the least and the greatest takeTurn/floor ratio of the sweep, with the
// concurrency of each; ok is false without a measured step.
func sweepRatios(r results) (least, most float64, atLeast, atMost int, ok bool) {
	for _, p := range r.Sweep {
		if p.Floor.P50 <= 0 || p.TakeTurn.P50 <= 0 {
			continue
		}
		ratio := float64(p.TakeTurn.P50) / float64(p.Floor.P50)
		if !ok || ratio < least {
			least, atLeast = ratio, p.Concurrency
		}
		if !ok || ratio > most {
			most, atMost = ratio, p.Concurrency
		}
		ok = true
	}
	return least, most, atLeast, atMost, ok
}

// targets writes the targets table and returns why each missed one was missed.
func targets(d *doc, r results, floors map[string]summary) []string {
	var notes []string
	d.p("## Targets")
	d.p("")
	d.p("| target | measured | result |")
	d.p("|---|---|---|")
	if s, f, place, ok := turnMeasure(r, floors); ok {
		ratio := float64(s.P50) / float64(f.P50)
		result := metMark
		if ratio > targetTurnRatio {
			over := s.P50 - time.Duration(float64(f.P50)*targetTurnRatio)
			result = fmt.Sprintf("%s by %.2f× (%s over 1.3× the floor)", missedMark, ratio-targetTurnRatio, fmtDur(over))
			notes = append(notes, turnNote(r, s, f, place, floors))
		}
		across := ""
		if least, most, atLeast, atMost, ok := sweepRatios(r); ok {
			across = fmt.Sprintf("; across the sweep %.2f× (%d in flight) to %.2f× (%d in flight)", least, atLeast, most, atMost)
		}
		d.p("| takeTurn p50 ≤ 1.3 × floor (one read-write transaction + one publish), %d in flight | in %s: %s vs floor %s: **%.2f×**%s | %s |",
			r.Settings.concurrency, place.where, fmtDur(s.P50), fmtDur(f.P50), ratio, across, result)
	} else {
		d.p("| takeTurn p50 ≤ 1.3 × floor | %s | %s |", notMeasuredYet, missedMark)
		notes = append(notes, "**takeTurn.** No takeTurn call succeeded, so the target could not be measured: see the errors in the tables below.")
	}
	var over []string
	measured := map[string]bool{}
	for _, c := range r.Costs {
		if !mutating[routeOf(c.Endpoint)] {
			continue
		}
		measured[routeOf(c.Endpoint)] = true
		if o := overBudget(c); o != "" {
			over = append(over, c.Endpoint+": "+o)
			w, ok := why[c.Endpoint]
			if !ok {
				w = "no reason is known: the call costs more than its data model needs, a regression to look into"
			}
			notes = append(notes, "**"+c.Endpoint+" cost.** "+w+".")
		}
	}
	result := metMark
	if len(over) > 0 {
		result = missedMark + ": " + strings.Join(over, "; ")
	}
	d.p("| every mutating call the scenarios make (%d endpoints measured): 1 transaction, ≤ %d reads, 1 state write (+ outbox records) | see [cost per call](#firestore-cost-per-call) | %s |",
		len(measured), budgetReads, result)
	h := r.Hotspot
	burstOK := h.Calls.Calls > 0 && h.Calls.SuccessfulCalls == h.Calls.Calls && h.Active == h.Rounds
	result = metMark
	if !burstOK {
		result = fmt.Sprintf("%s: %d of %d calls failed (%d 5xx), %d of %d rooms active", missedMark,
			h.Calls.Calls-h.Calls.SuccessfulCalls, h.Calls.Calls, h.Calls.ServerErrors, h.Active, h.Rounds)
		notes = append(notes, "**Hot spot.** Failures seen: "+strings.Join(h.Errors, "; ")+".")
	}
	d.p("| 8 players of one room call reportStatus at once: all succeed, no 5xx | %d of %d calls succeeded, %d 5xx, %d of %d rooms active | %s |",
		h.Calls.SuccessfulCalls, h.Calls.Calls, h.Calls.ServerErrors, h.Active, h.Rounds, result)
	m := r.Memory
	result = metMark
	if m.MaxRSS >= targetRSS || m.MaxInFlight < targetInFlight {
		result = missedMark
		if m.MaxRSS >= targetRSS {
			result += fmt.Sprintf(" by %.1f MiB", float64(m.MaxRSS-targetRSS)/mib)
			notes = append(notes, fmt.Sprintf("**Memory.** The dev server is every entry point and the push consumers in one "+
				"process; the Go heap peaked at %.1f MiB with %d goroutines, the rest of the RSS is the runtime, the gRPC and HTTP "+
				"clients' buffers and code.", float64(m.MaxHeap)/mib, m.Goroutines))
		}
		if m.MaxInFlight < targetInFlight {
			result += fmt.Sprintf(" (only %d calls were in flight at once)", m.MaxInFlight)
			notes = append(notes, fmt.Sprintf("**Memory load.** The load generator held at most %d of the %d calls in flight "+
				"at once, so the memory target is unproven in this run: the machine could not keep up with the load it was asked for.",
				m.MaxInFlight, targetInFlight))
		}
	}
	d.p("| RSS < 100 MiB serving %d concurrent requests | max RSS %.1f MiB with up to %d calls in flight (heap ≤ %.1f MiB) | %s |",
		targetInFlight, float64(m.MaxRSS)/mib, m.MaxInFlight, float64(m.MaxHeap)/mib, result)
	d.p("")
	if len(notes) > 0 {
		d.p("Why a target was missed is in the [closing note](#closing-note).")
		d.p("")
	}
	return notes
}

// closingNote says why targets were missed.
func closingNote(d *doc, notes []string) {
	d.p("## Closing note")
	d.p("")
	if len(notes) == 0 {
		d.p("Every target was met in this run.")
	}
	for _, n := range notes {
		d.p("- %s", n)
	}
}

// turnNote explains takeTurn's distance from its floor with the floors measured alongside, the
// latency the server logged for the same calls and the server's CPU time.
func turnNote(r results, s, f summary, place turnPlace, floors map[string]summary) string {
	note := fmt.Sprintf("**takeTurn latency.** takeTurn's own I/O is its floor (%s): one transaction that writes the match "+
		"and its outbox record, then one publish, with an ordering key as OpenPlay publishes (the ordered publish floor: %s; "+
		"%s without). Marking the record sent, one more write (the write floor: %s), happens after the answer, in batches "+
		"in the background, so it is not on the call's path. ", fmtDur(f.P50), fmtDur(floors[floorOrdered].P50),
		fmtDur(floors[floorPublish].P50), fmtDur(floors[floorWrite].P50))
	if s.ServerP50 > 0 {
		note += fmt.Sprintf("The server logged %s p50 for the same calls (the HTTP exchange adds %s), so about %s of it is "+
			"not the I/O: the ID token check (once a minute per token; the rest remembered), JSON, the domain rule and "+
			"the clients' own work, and waiting for CPU. ",
			fmtDur(s.ServerP50), fmtDur(max(0, s.P50-s.ServerP50)), fmtDur(max(0, s.ServerP50-f.P50)))
	}
	if place.cpuPerCall > 0 {
		note += fmt.Sprintf("The dev server used %s of CPU per call in %s; with the two Java emulators and the load "+
			"generator on the same 2 cores, calls wait for CPU as well as for the emulators.", fmtDur(place.cpuPerCall), place.where)
	}
	if least, most, atLeast, atMost, ok := sweepRatios(r); ok {
		note += fmt.Sprintf(" Across the sweep the ratio ran from %.2f× with %d in flight to %.2f× with %d in flight.",
			least, atLeast, most, atMost)
	}
	return note
}

func endpoints(d *doc, r results, floors map[string]summary) {
	d.p("## Endpoints at %d calls in flight", r.Settings.concurrency)
	d.p("")
	d.p("Each scenario ran alone for %s with %d groups of players, each group playing its lifecycle again and again: "+
		"**rooms** (create with invites, join, everyone reports connected until the room is active, everyone leaves), "+
		"**matches** (create, %d turns with %d–%d bytes of data, the opponent joins after the first, finish, the other "+
		"confirms), **events** (one events.record batch of 2 periods × every sample event of `infra/events.json`), "+
		"**sessions** (MPSD lobby churn on the sample `lobby` template: one player creates the session, %d more join, each "+
		"sets a member property, the host sets session properties, everyone leaves), **detours** (in groups of 3, every "+
		"mutating call the others never make, once each: room invitations declined and dismissed; a match declined, left on "+
		"one's turn, canceled and dismissed; one left, finished, rematched and the rematch canceled; session properties, an "+
		"invite handle joined through and deleted, a server principal's removals; a notification acknowledged). The rooms "+
		"have %d players.",
		r.Settings.duration, r.Settings.concurrency, r.Settings.turns, r.Settings.dataMin, r.Settings.dataMax, r.Settings.lobbySize-1, r.Settings.roomSize)
	d.p("")
	d.p("| scenario | endpoint | calls | calls/s | p50 | server p50 | p95 | p99 | errors | floor | p50 / floor |")
	d.p("|---|---|---:|---:|---:|---:|---:|---:|---|---|---:|")
	for _, sc := range r.Scenarios {
		for _, e := range sc.Endpoints {
			kind, ratio := floorOf[routeOf(e.Endpoint)], "–"
			if f, ok := floors[kind]; ok && f.P50 > 0 {
				ratio = fmt.Sprintf("%.2f×", float64(e.P50)/float64(f.P50))
			}
			d.p("| %s | %s | %d | %.1f | %s | %s | %s | %s | %s | %s | %s |", sc.Outcome.Scenario, e.Endpoint, e.Calls, e.PerSecond,
				fmtDur(e.P50), fmtDur(e.ServerP50), fmtDur(e.P95), fmtDur(e.P99), fmtErrors(e), orDash(kind), ratio)
		}
	}
	d.p("")
	d.p("Server p50 is the latency the dev server logged for the same calls (the rest is the HTTP exchange). Server CPU " +
		"per call is the dev server process's CPU time over the scenario divided by the scenario's calls; it includes the " +
		"work those calls caused in the push consumers the dev server also runs.")
	d.p("")
	d.p("| scenario | lifecycles completed | failed | server CPU per call | max RSS | max heap | first failures |")
	d.p("|---|---:|---:|---:|---:|---:|---|")
	for _, sc := range r.Scenarios {
		d.p("| %s | %d | %d | %s | %.1f MiB | %.1f MiB | %s |", sc.Outcome.Scenario, sc.Outcome.Completed, sc.Outcome.Failed,
			fmtDur(sc.CPUPerCall), float64(sc.MaxRSS)/mib, float64(sc.MaxHeap)/mib, orDash(escape(strings.Join(sc.Outcome.Errors, "; "))))
	}
	d.p("")
}

func floorTable(d *doc, r results) {
	d.p("## Floors at %d in flight", r.Settings.concurrency)
	d.p("")
	d.p("| floor | what it does | calls/s | p50 | p95 | p99 | errors |")
	d.p("|---|---|---:|---:|---:|---:|---|")
	for _, f := range r.Floors {
		kind := strings.TrimPrefix(f.Endpoint, floorEndpointLabel)
		d.p("| %s | %s | %.1f | %s | %s | %s | %s |", kind, floorMeaning[kind], f.PerSecond, fmtDur(f.P50), fmtDur(f.P95), fmtDur(f.P99), fmtErrors(f))
	}
	d.p("")
}

func costs(d *doc, r results) {
	d.p("## Firestore cost per call")
	d.p("")
	d.p("Means over every successful call of the run (all phases), and the worst single call. Writes include outbox records: "+
		"each notification is written in the call's transaction; marking it sent after publishing is one more write per "+
		"notification, done in the background in batches and not counted here. "+
		"State writes are the other writes. A transaction that meets contention is attempted again (and reads again); "+
		"retries count those extra attempts. "+
		"the performance budget (docs/architecture.md) for a mutating call: one transaction; reads are the state document and at most one more "+
		"(≤ %d per attempt); writes are the state document, index entries it must keep (rooms and matches keep theirs "+
		"inside the document), and outbox records.", budgetReads)
	d.p("")
	d.p("| endpoint | calls | reads | writes | of which outbox | transactions | retries per 100 calls | worst call: reads per attempt / writes / state writes / attempts | budget |")
	d.p("|---|---:|---:|---:|---:|---:|---:|---|---|")
	for _, c := range r.Costs {
		budget := "–"
		if mutating[routeOf(c.Endpoint)] {
			budget = metMark
			if o := overBudget(c); o != "" {
				budget = missedMark + ": " + o
			}
		}
		d.p("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.1f | %d / %d / %d / %d | %s |", c.Endpoint, c.Calls,
			c.Reads, c.Writes, c.OutboxWrites, c.Transactions, c.RetriesPer100, c.mostReadsPerTry, c.most.Writes, c.mostStateWrites,
			c.most.Attempts, budget)
	}
	d.p("")
	if len(r.Operations) > 0 {
		d.p("Operations entry points the dev server ran on its own meanwhile: the push consumers that write each published " +
			"notification into its recipient's inbox, and the scheduled jobs (in production these are separate functions):")
		d.p("")
		d.p("| operation | calls | reads | writes | transactions |")
		d.p("|---|---:|---:|---:|---:|")
		for _, c := range r.Operations {
			d.p("| `%s` | %d | %.2f | %.2f | %.2f |", c.Endpoint, c.Calls, c.Reads, c.Writes, c.Transactions)
		}
		d.p("")
	}
}

func scaling(d *doc, r results) {
	d.p("## Scaling")
	d.p("")
	d.p("The matches scenario at each concurrency for %s, then takeTurn's floor at the same concurrency for %s. Each group "+
		"of players has its own match, so this is load on the server and the emulators, not contention on one document.",
		r.Settings.sweepDuration, r.Settings.floorDuration)
	d.p("")
	d.p("| in flight | all calls/s | takeTurn/s | takeTurn p50 | server p50 | p95 | p99 | errors | floor p50 | p50 / floor | server CPU per call | max RSS | max heap |")
	d.p("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|")
	for _, s := range r.Sweep {
		ratio := "–"
		if s.Floor.P50 > 0 {
			ratio = fmt.Sprintf("%.2f×", float64(s.TakeTurn.P50)/float64(s.Floor.P50))
		}
		d.p("| %d | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %.1f MiB | %.1f MiB |", s.Concurrency, s.CallsPerSec,
			s.TakeTurn.SuccessfulPerSec, fmtDur(s.TakeTurn.P50), fmtDur(s.TakeTurn.ServerP50), fmtDur(s.TakeTurn.P95), fmtDur(s.TakeTurn.P99),
			fmtErrors(s.TakeTurn), fmtDur(s.Floor.P50), ratio, fmtDur(s.CPUPerCall), float64(s.MaxRSS)/mib, float64(s.MaxHeap)/mib)
	}
	d.p("")
	d.p("![takeTurn latency against throughput](%s)", plotFile)
	d.p("")
	d.p("The left panel plots latency against throughput, one point per concurrency c; the right one the same latencies " +
		"against c. While the machine keeps up, throughput grows with c at flat latency; once it is saturated (here the " +
		"two Java emulators, the dev server and the load generator share 2 cores, so early) throughput stops growing, the " +
		"left panel's points stack up around one throughput, and more concurrency only adds latency: the right panel's " +
		"lines rise.")
	if n := len(r.Sweep); n > 1 {
		first, last, peak := r.Sweep[0], r.Sweep[n-1], r.Sweep[0]
		for _, p := range r.Sweep {
			if p.CallsPerSec > peak.CallsPerSec {
				peak = p
			}
		}
		d.p("")
		d.p("In this run: %.0f calls/s with %d in flight, %.0f with %d (%.1f× the throughput for %d× the concurrency); the most was %.0f calls/s with %d in flight.",
			first.CallsPerSec, first.Concurrency, last.CallsPerSec, last.Concurrency, last.CallsPerSec/max(first.CallsPerSec, 1e-9),
			last.Concurrency/max(first.Concurrency, 1), peak.CallsPerSec, peak.Concurrency)
	}
	d.p("")
}

func hotspotSection(d *doc, r results) {
	h := r.Hotspot
	d.p("## Hot spot: a full room reports at once")
	d.p("")
	d.p("%d rounds, each in a new room of %d joined players, all calling reportStatus (each about the 7 others) at the same "+
		"instant. The room's one document takes them one after another: the emulator locks a document a transaction has "+
		"read and aborts the others, which the Firestore client retries after a randomized backoff that starts at up to "+
		"1 s and doubles; that backoff, not work, is most of the latency here.", h.Rounds, hotspotPlayers)
	d.p("")
	d.p("| calls | succeeded | errors | p50 | p95 | max | transaction attempts per call (mean / most) | rooms active afterwards |")
	d.p("|---:|---:|---|---:|---:|---:|---:|---:|")
	d.p("| %d | %d | %s | %s | %s | %s | %.1f / %d | %d of %d |", h.Calls.Calls, h.Calls.SuccessfulCalls, fmtErrors(h.Calls),
		fmtDur(h.Calls.P50), fmtDur(h.Calls.P95), fmtDur(h.Calls.Max), h.MeanAttempts, h.MostAttempts, h.Active, h.Rounds)
	d.p("")
}

func memorySection(d *doc, r results) {
	m := r.Memory
	d.p("## Memory")
	d.p("")
	d.p("Every scenario at once for %s, %d groups of players in all, so up to %d calls in flight. RSS is the dev server "+
		"process's resident set from `/proc/PID/status` (sampled every 50 ms); the heap is the Go heap in use, logged by "+
		"the dev server every %s (`-memstats-every`). A deployed function serves one entry point; the dev server serves "+
		"all of them and the push consumers, so it is an upper bound.", r.Settings.memoryDuration, m.Concurrency, m.Concurrency, memStatsEvery)
	d.p("")
	d.p("| calls | errors | most in flight | max RSS | max heap in use | max goroutines | RSS high-water mark over the whole run |")
	d.p("|---:|---:|---:|---:|---:|---:|---:|")
	d.p("| %d | %d | %d | %.1f MiB | %.1f MiB | %d | %.1f MiB |", m.Calls, m.Errors, m.MaxInFlight, float64(m.MaxRSS)/mib,
		float64(m.MaxHeap)/mib, m.Goroutines, float64(r.PeakRSS)/mib)
	d.p("")
	var failed []string
	for _, o := range m.Outcomes {
		failed = append(failed, fmt.Sprintf("%s %d completed, %d failed", o.Scenario, o.Completed, o.Failed))
		if len(o.Errors) > 0 {
			failed[len(failed)-1] += " (" + escape(strings.Join(o.Errors, "; ")) + ")"
		}
	}
	d.p("Lifecycles: %s.", strings.Join(failed, "; "))
	d.p("")
	if m.WorstCases == "" {
		return
	}
	d.p("### Worst cases")
	d.p("")
	d.p("The memory budget test (`functions/budget`, docs/testing.md) in a process of its own: one instance, as deployed " +
		"(soft memory limit 96 MiB), and for every route its worst accepted input, 80 calls at once. The instance's " +
		"memory is what the Go runtime holds from the OS; the live heap is what a collection found live.")
	if m.WorstCasesFailed {
		d.p("")
		d.p("**The test failed**: a route went over its budget, or a call was refused (see the answers).")
	}
	d.p("")
	d.p("%s", strings.TrimRight(m.WorstCases, "\n"))
	d.p("")
}

func coldSection(d *doc, r results) {
	c := r.Cold
	d.p("## Cold start")
	d.p("")
	d.p("From starting the dev server binary (already built) to its first answer, and to the first successful signed-in call " +
		"(`GET /games/v1/rooms`). The first call creates the Firebase Auth and Firestore clients; the warm figure is the " +
		"median of the next 20 identical calls. The dev server creates the Pub/Sub topics before it listens; a deployed " +
		"function does not.")
	d.p("")
	d.p("| start → listening | start → first success | first call | warm call (p50) | first / warm |")
	d.p("|---:|---:|---:|---:|---:|")
	ratio := "–"
	if c.WarmP50 > 0 {
		ratio = fmt.Sprintf("%.1f×", float64(c.FirstCall)/float64(c.WarmP50))
	}
	d.p("| %s | %s | %s | %s | %s |", fmtDur(c.Listening), fmtDur(c.FirstOK), fmtDur(c.FirstCall), fmtDur(c.WarmP50), ratio)
	d.p("")
}

// doc is the report being written.
type doc struct{ strings.Builder }

// p writes a line.
func (d *doc) p(format string, args ...any) { fmt.Fprintf(d, format+"\n", args...) }

func fmtDur(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

// fmtErrors lists errors by status ("0" is no answer), or "none".
func fmtErrors(s summary) string {
	if len(s.ErrorsByStatus) == 0 {
		return "none"
	}
	codes := make([]int, 0, len(s.ErrorsByStatus))
	for c := range s.ErrorsByStatus {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	var out []string
	for _, c := range codes {
		name := fmt.Sprint(c)
		if c == 0 {
			name = "no answer"
		}
		out = append(out, fmt.Sprintf("%d × %s", s.ErrorsByStatus[c], name))
	}
	return strings.Join(out, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// escape keeps a message inside its table cell.
func escape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
