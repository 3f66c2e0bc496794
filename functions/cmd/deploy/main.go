// Command deploy sets up a Google Cloud project for OpenPlay and deploys every entry point of the
// route table as its own Cloud Function, then the API Gateway in front of them. It is
// idempotent: run it again to update. -dry-run prints every command without running any.
//
//	go run ./functions/cmd/deploy -project=my-game -region=europe-west1 [-gateway-region=europe-west1] [-application=my-game] [-dry-run] [-only=functions,gateway]
//	go run ./functions/cmd/deploy -cloudbuild > cloudbuild.yaml
//
// It needs gcloud (logged in, with rights to the project) and, for the Firestore rules, the
// Firebase CLI that `emulators/` installs.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/functions/deploy"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/service"
)

func main() {
	project := flag.String("project", "", "the Google Cloud project to deploy to")
	region := flag.String("region", "us-central1", "the region of the functions, the gateway and Firestore")
	gatewayRegion := flag.String("gateway-region", "", "the region of API Gateway, which has fewer regions (default: -region)")
	application := flag.String("application", "", "OPENPLAY_APPLICATION_ID of the functions (default: the project)")
	dryRun := flag.Bool("dry-run", false, "print the commands, run none")
	only := flag.String("only", "", "comma-separated steps to run (apis, service-accounts, firestore, pubsub, secrets, functions, invokers, dead-letters, scheduler, gateway)")
	cloudbuild := flag.Bool("cloudbuild", false, "print cloudbuild.yaml and exit")
	infraDir := flag.String("infra", "infra", "the infra folder")
	flag.Parse()

	routes := functions.Routes(service.New(config.Config{}))
	if *cloudbuild {
		fmt.Print(deploy.CloudBuild(routes))
		return
	}
	s := deploy.Settings{Project: *project, Region: *region, GatewayRegion: *gatewayRegion, ApplicationID: *application}
	if err := run(os.Stdout, routes, s, *infraDir, *only, *dryRun); err != nil {
		fmt.Fprintln(os.Stderr, "deploy:", err)
		os.Exit(1)
	}
}

func run(out io.Writer, routes []functions.Route, s deploy.Settings, infraDir, only string, dryRun bool) error {
	if s.Project == "" {
		return errors.New("-project is required")
	}
	if s.ApplicationID == "" {
		s.ApplicationID = s.Project
	}
	in, err := deploy.LoadInfra(infraDir)
	if err != nil {
		return err
	}
	spec, err := deploy.GatewaySpec(s, routes)
	if err != nil {
		return err
	}
	in.GatewaySpecFile = filepath.Join(os.TempDir(), "openplay-gateway-"+s.Project+".json")
	if err := os.WriteFile(in.GatewaySpecFile, spec, 0o644); err != nil {
		return err
	}
	wanted := strings.Split(only, ",")
	for _, step := range deploy.Plan(s, routes, in, spec) {
		if only != "" && !slices.Contains(wanted, step.Name) {
			continue
		}
		fmt.Fprintf(out, "# %s\n", step.Name)
		for _, c := range step.Commands {
			fmt.Fprintln(out, c)
			if dryRun {
				continue
			}
			if err := execute(out, c); err != nil {
				return fmt.Errorf("%s: %w", step.Name, err)
			}
		}
	}
	return nil
}

// execute runs a command; when it fails because its object exists, it runs the command's Else
// instead, or goes on.
func execute(out io.Writer, c deploy.Command) error {
	output, err := runCommand(c.Args)
	if err == nil {
		return nil
	}
	if !strings.Contains(strings.ToLower(output), "already exists") && !strings.Contains(output, "ALREADY_EXISTS") {
		fmt.Fprint(out, output)
		return err
	}
	if len(c.Else) == 0 {
		fmt.Fprintln(out, "  (exists already)")
		return nil
	}
	fmt.Fprintln(out, deploy.Command{Args: c.Else})
	if output, err := runCommand(c.Else); err != nil {
		fmt.Fprint(out, output)
		return err
	}
	return nil
}

func runCommand(args []string) (string, error) {
	var buf bytes.Buffer
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	return buf.String(), err
}
