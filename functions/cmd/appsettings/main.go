// Command appsettings loads an application's settings (its timeouts, invitation limits, token
// checks, real-time ICE servers and the web origins allowed to call: see shared/application)
// into Firestore, for the application OPENPLAY_APPLICATION_ID names. It validates the file,
// prints the settings it stores and what changes, and with -dry-run only prints. Instances pick
// a change up within a minute; timeouts apply to games created after that, the other settings
// to every call. `make run` loads infra/application.json.
//
//	go run ./functions/cmd/appsettings -file infra/application.json [-dry-run]
//
// It uses the same environment as the functions (GOOGLE_CLOUD_PROJECT, OPENPLAY_APPLICATION_ID,
// FIRESTORE_EMULATOR_HOST).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/store"
)

func main() {
	file := flag.String("file", "infra/application.json", "the settings file")
	dryRun := flag.Bool("dry-run", false, "validate and report what would change, change nothing")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *file, *dryRun); err != nil {
		fmt.Fprintln(os.Stderr, "appsettings:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer, file string, dryRun bool) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	desired, err := application.Parse(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	s := store.New(cfg.ProjectID)
	defer s.Close()
	stored, err := s.Settings(ctx, cfg.ApplicationID)
	if err != nil {
		return err
	}
	was := map[string]any{}
	stored.Each(func(name string, value any) { was[name] = value })
	desired.Each(func(name string, value any) {
		change := "unchanged"
		if fmt.Sprint(was[name]) != fmt.Sprint(value) {
			change = fmt.Sprintf("was %v", was[name])
		}
		fmt.Fprintf(out, "%s = %v (%s)\n", name, value, change)
	})
	if dryRun {
		fmt.Fprintf(out, "%s: valid; dry run, application %s not changed\n", file, cfg.ApplicationID)
		return nil
	}
	if err := s.PutSettings(ctx, cfg.ApplicationID, desired); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: stored for application %s\n", file, cfg.ApplicationID)
	return nil
}
