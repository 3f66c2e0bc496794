package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
)

// The benchmark's measurements (functions/cmd/bench/report/results.json): each row is one
// endpoint of one phase, with the Firestore cost of its average call and, on a phase's
// "(every call)" row, the server's CPU time per call.
type benchRun struct {
	When     string `json:"when"`
	Machine  string `json:"machine"`
	Settings struct {
		LobbySize int
	} `json:"settings"`
	Rows []benchRow `json:"rows"`
}

type benchRow struct {
	Phase      string  `json:"phase"`
	Endpoint   string  `json:"endpoint"`
	Calls      int     `json:"calls"`
	P50        float64 `json:"p50"`
	CPUPerCall float64 `json:"cpuPerCall"`
	Note       string  `json:"note"`
	Firestore  *struct {
		Reads, Writes, Outbox float64
	} `json:"firestore"`
}

func readBench(path string) (benchRun, error) {
	var run benchRun
	raw, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(raw, &run)
	}
	return run, err
}

// row is the measured row of an endpoint in a phase.
func (b benchRun) row(phase, endpoint string) (benchRow, error) {
	for _, r := range b.Rows {
		if r.Phase == phase && r.Endpoint == endpoint && r.Firestore != nil {
			return r, nil
		}
	}
	return benchRow{}, fmt.Errorf("results.json has no %s row for %s", phase, endpoint)
}

// call is the cost of one call of an endpoint as the benchmark measured it: its Firestore reads
// and writes (outbox records included), the notifications it owed, and the server's CPU time
// per call of its phase (which includes the push consumers delivering those notifications: the
// bench serves them in the same process).
func (b benchRun) call(phase, endpoint string) (ops, float64, error) {
	r, err := b.row(phase, endpoint)
	if err != nil {
		return ops{}, 0, err
	}
	every, err := b.row(phase, "(every call)")
	if err != nil {
		return ops{}, 0, err
	}
	return ops{invocations: 1, reads: r.Firestore.Reads, writes: r.Firestore.Writes, notes: r.Firestore.Outbox}, every.CPUPerCall / 1000, nil
}

// lifecycles reads the count from a phase's note ("sessions: 128 lifecycles, 0 failed").
func (b benchRun) lifecycles(phase string) (float64, error) {
	every, err := b.row(phase, "(every call)")
	if err != nil {
		return 0, err
	}
	m := regexp.MustCompile(phase + `: (\d+) lifecycles`).FindStringSubmatch(every.Note)
	if m == nil {
		return 0, fmt.Errorf("the %s phase does not say how many lifecycles it ran", phase)
	}
	n, err := strconv.Atoi(m[1])
	return float64(n), err
}

// cost is what something costs: what the functions and the store do, and the CPU time it takes.
type cost struct {
	ops        ops
	cpuSeconds float64
}

func (c *cost) add(d cost) {
	c.ops.add(d.ops)
	c.cpuSeconds += d.cpuSeconds
}

// use is an endpoint a game calls, and how many times.
type use struct {
	phase, endpoint string
	times           float64
}

// cost is what the uses cost, by the measured cost of one call of each.
func (b benchRun) cost(uses ...use) (cost, error) {
	var c cost
	for _, u := range uses {
		o, cpu, err := b.call(u.phase, u.endpoint)
		if err != nil {
			return cost{}, err
		}
		c.add(cost{ops: o.times(u.times), cpuSeconds: cpu * u.times})
	}
	return c, nil
}

// afterMatching is what a game costs once auto-matching filled it, from the measured calls: in
// a room of n everyone reports their connections once and leaves, as in the bench's room
// lifecycle, and each pair signals an offer and an answer; in a match of n players, turns turns
// are taken and each player finishes once, as in the bench's match lifecycle.
func (b benchRun) afterMatching(t gameType, turns int) (cost, error) {
	n := float64(t.size)
	if t.rooms {
		return b.cost(use{"rooms", "RoomsReportStatus", n}, use{"rooms", "SignalsSend", n * (n - 1)}, use{"rooms", "RoomsLeave", n})
	}
	return b.cost(use{"matches", "TurnBasedMatchesTakeTurn", float64(turns)}, use{"matches", "TurnBasedMatchesFinish", n})
}

// lobby is one MPSD lobby lifecycle as the bench plays it (settings.LobbySize members: create,
// joins, member and session properties, leaves): every sessions call it made, per lifecycle.
func (b benchRun) lobby() (cost, error) {
	n, err := b.lifecycles("sessions")
	if err != nil {
		return cost{}, err
	}
	var uses []use
	for _, r := range b.Rows {
		if r.Phase == "sessions" && r.Endpoint != "(every call)" && r.Firestore != nil {
			uses = append(uses, use{"sessions", r.Endpoint, float64(r.Calls) / n})
		}
	}
	return b.cost(uses...)
}

// eventsBatch is one events.record call as the bench sends it.
func (b benchRun) eventsBatch() (cost, error) { return b.cost(use{"events", "EventsRecord", 1}) }
