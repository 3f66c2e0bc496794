// Command sessiontemplates loads a studio's MPSD session templates into Firestore. The directory
// holds one folder per service config ID and one file per template, named after it:
// DIR/<scid>/<template>.json, each {"contractVersion": 107, "constants": {...}, "roleTypes": {...}}.
// It validates every file as a creator's constants are validated, creates and updates the templates, and reports the stored ones of those
// service configs that the directory no longer has; -prune deletes them, and -dry-run only
// reports. `make run` loads infra/session-templates.
//
//	go run ./functions/cmd/sessiontemplates -dir infra/session-templates [-dry-run] [-prune]
//
// It uses the same environment as the functions (GOOGLE_CLOUD_PROJECT, FIRESTORE_EMULATOR_HOST).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/store"
)

func main() {
	dir := flag.String("dir", "infra/session-templates", "the templates directory (<scid>/<template>.json)")
	dryRun := flag.Bool("dry-run", false, "validate and report what would change, change nothing")
	prune := flag.Bool("prune", false, "delete stored templates of these service configs that the directory does not have")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *dir, *dryRun, *prune); err != nil {
		fmt.Fprintln(os.Stderr, "sessiontemplates:", err)
		os.Exit(1)
	}
}

// load reads and validates every template file under dir, by service config.
func load(dir string) (map[string][]*session.Template, error) {
	scids, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string][]*session.Template{}
	for _, d := range scids {
		if !d.IsDir() {
			continue
		}
		files, err := filepath.Glob(filepath.Join(dir, d.Name(), "*.json"))
		if err != nil {
			return nil, err
		}
		for _, file := range files {
			raw, err := os.ReadFile(file)
			if err != nil {
				return nil, err
			}
			t, err := session.ParseTemplate(d.Name(), strings.TrimSuffix(filepath.Base(file), ".json"), raw)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			out[strings.ToLower(d.Name())] = append(out[strings.ToLower(d.Name())], t)
		}
	}
	return out, nil
}

func run(ctx context.Context, out io.Writer, dir string, dryRun, prune bool) error {
	desired, err := load(dir)
	if err != nil {
		return err
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	s := store.New(cfg.ProjectID)
	defer s.Close()
	var put, absent []*session.Template
	total := 0
	for _, scid := range slices.Sorted(maps.Keys(desired)) {
		stored, err := s.Templates(ctx, scid)
		if err != nil {
			return err
		}
		have := map[string]string{}
		for _, t := range stored {
			raw, _ := t.Marshal()
			have[t.Key()] = string(raw)
		}
		for _, t := range desired[scid] {
			total++
			raw, _ := t.Marshal()
			old, ok := have[t.Key()]
			switch {
			case !ok:
				fmt.Fprintf(out, "create %s/%s\n", scid, t.Name)
				put = append(put, t)
			case old != string(raw):
				fmt.Fprintf(out, "update %s/%s\n", scid, t.Name)
				put = append(put, t)
			}
			delete(have, t.Key())
		}
		for _, t := range stored {
			if _, gone := have[t.Key()]; gone {
				absent = append(absent, t)
			}
		}
	}
	verb := "would remove (run with -prune to delete)"
	if prune {
		verb = "remove"
	}
	for _, t := range absent {
		fmt.Fprintf(out, "%s %s/%s\n", verb, t.SCID, t.Name)
	}
	fmt.Fprintf(out, "%s: %d templates, %d to create or update, %d stored but not in the directory\n", dir, total, len(put), len(absent))
	if dryRun {
		return nil
	}
	if !prune {
		absent = nil
	}
	return s.WriteTemplates(ctx, put, absent)
}
