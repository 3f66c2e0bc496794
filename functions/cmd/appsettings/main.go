// Command appsettings loads an application's settings (its timeouts and realtime ICE servers: see shared/application)
// into Firestore, for the application OPENPLAY_APPLICATION_ID names. It validates the file,
// prints the settings it stores and what changes, and with -dry-run only prints. Instances pick
// a change up within a minute; it applies to games created after that. `make run` loads
// infra/application.json.
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
	for _, t := range []struct {
		name      string
		was, want any
	}{
		{"timeouts.turn", stored.Timeouts.Turn, desired.Timeouts.Turn},
		{"timeouts.autoMatch", stored.Timeouts.AutoMatch, desired.Timeouts.AutoMatch},
		{"timeouts.invitation", stored.Timeouts.Invitation, desired.Timeouts.Invitation},
		{"timeouts.roomConnection", stored.Timeouts.RoomConnection, desired.Timeouts.RoomConnection},
		{"realtime.stunUrls", stored.Realtime.STUN, desired.Realtime.STUN},
		{"realtime.turnUrls", stored.Realtime.TURN, desired.Realtime.TURN},
		{"realtime.turnCredentialTtl", stored.Realtime.TURNCredentialTTL, desired.Realtime.TURNCredentialTTL},
	} {
		change := "unchanged"
		if was := fmt.Sprint(t.was); was != fmt.Sprint(t.want) {
			change = "was " + was
		}
		fmt.Fprintf(out, "%s = %v (%s)\n", t.name, t.want, change)
	}
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
