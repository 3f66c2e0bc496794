// Command eventdefs loads a studio's event definitions into Firestore. It validates the file
// (IDs, names, visibility, childEvents that exist and form no cycle), creates and updates the
// definitions, and reports the stored ones the file no longer has; -prune deletes those, and
// -dry-run only reports. `make run` loads infra/events.json.
//
//	go run ./functions/cmd/eventdefs -file infra/events.json [-dry-run] [-prune]
//
// It uses the same environment as the functions (GOOGLE_CLOUD_PROJECT, FIRESTORE_EMULATOR_HOST).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/store"
)

func main() {
	file := flag.String("file", "infra/events.json", "the definitions file")
	dryRun := flag.Bool("dry-run", false, "validate and report what would change, change nothing")
	prune := flag.Bool("prune", false, "delete stored definitions the file does not have")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *file, *dryRun, *prune); err != nil {
		fmt.Fprintln(os.Stderr, "eventdefs:", err)
		os.Exit(1)
	}
}

// definitionsFile is the format of infra/events.json.
type definitionsFile struct {
	Events []event.Definition `json:"events"`
}

func run(ctx context.Context, out io.Writer, file string, dryRun, prune bool) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var f definitionsFile
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	desired, err := event.Prepare(f.Events)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	s := store.New(cfg.ProjectID)
	defer s.Close()
	stored, err := s.AllDefinitions(ctx)
	if err != nil {
		return err
	}
	_, _, absent := event.Diff(stored, desired)
	target := desired
	if !prune && len(absent) > 0 {
		// Definitions kept in Firestore stay in the graph: derive everyone's ancestors again
		// over the file and them, so none keeps a parent the file no longer gives it.
		target, err = event.Prepare(append(f.Events, pick(stored, absent)...))
		if err != nil {
			return fmt.Errorf("%s with the stored definitions it lacks: %w", file, err)
		}
	}
	create, update, remove := event.Diff(stored, target)
	for _, d := range create {
		fmt.Fprintf(out, "create %s\n", d.ID)
	}
	for _, d := range update {
		fmt.Fprintf(out, "update %s\n", d.ID)
	}
	verb := "would remove (run with -prune to delete)"
	if prune {
		verb = "remove"
	}
	for _, id := range absent {
		fmt.Fprintf(out, "%s %s\n", verb, id)
	}
	fmt.Fprintf(out, "%s: %d definitions, %d to create, %d to update, %d stored but not in the file\n",
		file, len(desired), len(create), len(update), len(absent))
	if dryRun {
		return nil
	}
	return s.WriteDefinitions(ctx, append(create, update...), remove)
}

// pick returns the definitions with these IDs.
func pick(defs []event.Definition, ids []string) []event.Definition {
	var out []event.Definition
	for _, d := range defs {
		if slices.Contains(ids, d.ID) {
			out = append(out, d)
		}
	}
	return out
}
