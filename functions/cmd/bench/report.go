package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/store"
)

// The files a run writes into -out. REPORT.md beside them is written by people.
const (
	resultsFile    = "results.json"
	tableFile      = "table.md"
	worstCasesFile = "worst-cases.md" // written by the memory budget test
)

// results is one run: its settings and one row per measurement.
type results struct {
	When             time.Time `json:"when"`
	Took             string    `json:"took"`
	Machine          string    `json:"machine"`
	Settings         settings  `json:"settings"`
	Rows             []row     `json:"rows"`
	WorstCasesPassed bool      `json:"worstCasesPassed"`
}

// row is one endpoint (or floor, or cold-start step) in one phase. Durations are milliseconds.
type row struct {
	Phase      string  `json:"phase"`
	Endpoint   string  `json:"endpoint"`
	InFlight   int     `json:"inFlight,omitempty"`
	Calls      int     `json:"calls"`
	Errors     int     `json:"errors"` // answers other than a 2xx, and no answer
	PerSecond  float64 `json:"perSecond,omitempty"`
	P50        float64 `json:"p50"`
	P95        float64 `json:"p95,omitempty"`
	Max        float64 `json:"max,omitempty"`
	Floor      string  `json:"floor,omitempty"` // the floor the endpoint is compared with (floor.go)
	FloorP50   float64 `json:"floorP50,omitempty"`
	Cost       *costs  `json:"firestore,omitempty"`  // per successful call
	CPUPerCall float64 `json:"cpuPerCall,omitempty"` // the dev server's CPU time per call over the phase
	// CPUByProcess is the CPU time per call over the phase of each process on the machine that
	// serves the calls, the dev server's included, by name (machine.go).
	CPUByProcess map[string]float64 `json:"cpuPerCallByProcess,omitempty"`
	MaxRSS       float64            `json:"maxRSSMiB,omitempty"`
	Note         string             `json:"note,omitempty"`
	samples      []sample
	withFloor    bool // compared with the floor the Firestore cost says (floorOf)
}

func mib(bytes int64) float64 { return float64(bytes) / (1 << 20) }

// withCPU sets the row's CPU time per call by process, and the dev server's of it.
func (w *row) withCPU(byProcess map[string]float64) {
	w.CPUByProcess, w.CPUPerCall = byProcess, byProcess[procServer]
}

// tableProcesses are the processes besides the dev server that the table's CPU column splits
// out, in its order.
var tableProcesses = []string{procFirestore, procPubSub, procAuth, procLoad}

// machineCPU is the row's CPU time per call of the whole machine and its split across
// tableProcesses, as the table shows them ("" when the row has none; "–" for a process not
// found).
func (w row) machineCPU() (total, split string) {
	if len(w.CPUByProcess) == 0 {
		return "", ""
	}
	parts := make([]string, len(tableProcesses))
	for i, name := range tableProcesses {
		parts[i] = "–"
		if v, ok := w.CPUByProcess[name]; ok {
			parts[i] = fmt.Sprintf("%.2f", v)
		}
	}
	return fmt.Sprintf("%.2f", w.machineCPUPerCall()), strings.Join(parts, " / ")
}

// machineCPUPerCall is the CPU time per call of every process the row reports, together.
func (w row) machineCPUPerCall() float64 {
	var sum float64
	for _, v := range w.CPUByProcess {
		sum += v
	}
	return sum
}

// withCosts adds each row's Firestore cost per call, from the dev server's counts by request
// ID, and to the endpoints of the scenarios their floor, measured at the same concurrency before
// them (the sweep measures floors of its own later, which its takeTurn rows already name).
func (r *results) withCosts(counts map[string]store.Counts) {
	type measured struct {
		kind     string
		inFlight int
	}
	floors := map[measured]float64{}
	for _, row := range r.Rows {
		at := measured{row.Endpoint, row.InFlight}
		if _, seen := floors[at]; row.Phase == "floor" && !seen {
			floors[at] = row.P50
		}
	}
	for i := range r.Rows {
		row := &r.Rows[i]
		row.Cost = costsOf(row.samples, counts)
		if row.Cost != nil && row.Floor == "" && row.withFloor {
			row.Floor = floorOf(*row.Cost)
			row.FloorP50 = floors[measured{row.Floor, row.InFlight}]
		}
	}
}

// writeReport writes results.json and table.md into dir.
func writeReport(dir string, r results) error {
	raw, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, resultsFile), append(raw, '\n'), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, tableFile), []byte(table(r)), 0o644)
}

// table is every row as one Markdown table.
func table(r results) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- written by `make bench` on %s (%s, took %s); see REPORT.md -->\n\n", r.When.Format("2006-01-02 15:04 UTC"), r.Machine, r.Took)
	b.WriteString("| phase | endpoint | in flight | calls | errors | calls/s | p50 ms | p95 ms | max ms | floor | floor p50 ms | p50 / floor " +
		"| reads | writes | of which outbox | retries per 100 | server CPU ms per call | machine CPU ms per call " +
		"| of which Firestore / Pub/Sub / Auth emulators / load generator | max RSS MiB | note |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	num := func(v float64, format string) string {
		if v == 0 {
			return ""
		}
		return fmt.Sprintf(format, v)
	}
	for _, w := range r.Rows {
		ratio, reads, writes, outbox, retries := "", "", "", "", ""
		if w.FloorP50 > 0 {
			ratio = fmt.Sprintf("%.2f×", w.P50/w.FloorP50)
		}
		if c := w.Cost; c != nil {
			reads, writes, outbox = fmt.Sprintf("%.2f", c.Reads), fmt.Sprintf("%.2f", c.Writes), fmt.Sprintf("%.2f", c.Outbox)
			retries = fmt.Sprintf("%.1f", 100*c.Retries)
		}
		machine, split := w.machineCPU()
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %d | %s | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			w.Phase, w.Endpoint, num(float64(w.InFlight), "%.0f"), w.Calls, w.Errors, num(w.PerSecond, "%.1f"), w.P50, num(w.P95, "%.1f"),
			num(w.Max, "%.1f"), w.Floor, num(w.FloorP50, "%.1f"), ratio, reads, writes, outbox, retries, num(w.CPUPerCall, "%.2f"),
			machine, split, num(w.MaxRSS, "%.1f"), strings.NewReplacer("|", `\|`, "\n", " ").Replace(w.Note))
	}
	return b.String()
}
