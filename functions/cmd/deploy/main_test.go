package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/functions/deploy"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/service"
)

// TestDryRun: the dry run prints every route's deploy exactly once, runs nothing, and -only
// keeps to the steps named.
func TestDryRun(t *testing.T) {
	routes := functions.Routes(service.New(config.Config{}))
	var out bytes.Buffer
	if err := run(&out, routes, deploy.Settings{Project: "my-game", Region: "europe-west1"}, "../../../infra", "", true); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, r := range routes {
		if n := strings.Count(text, "gcloud functions deploy "+r.Name+" "); n != 1 {
			t.Errorf("%s deployed %d times in the dry run", r.Name, n)
		}
		trigger := " --trigger-http"
		if r.Trigger == functions.PubSub {
			trigger = " --trigger-topic=" + r.Topic + " --retry"
		}
		if !strings.Contains(text, "--entry-point="+r.Name+trigger) {
			t.Errorf("%s: not triggered by%s", r.Name, trigger)
		}
	}
	if strings.Count(text, "--runtime=go125") != len(routes) || !strings.Contains(text, "OPENPLAY_APPLICATION_ID=my-game") {
		t.Error("every function on go125, with the application defaulting to the project")
	}
	for _, step := range []string{"# apis", "# service-accounts", "# firestore", "# pubsub", "# functions", "# invokers", "# gateway"} {
		if !strings.Contains(text, step+"\n") {
			t.Errorf("no %s step", step)
		}
	}

	out.Reset()
	if err := run(&out, routes, deploy.Settings{Project: "my-game", Region: "europe-west1", GatewayRegion: "us-east1"}, "../../../infra", "gateway", true); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "functions deploy") || !strings.Contains(out.String(), "api-gateway gateways create openplay") ||
		!strings.Contains(out.String(), "--location=us-east1") {
		t.Errorf("-only=gateway: %s", out.String())
	}
	if err := run(&out, routes, deploy.Settings{Region: "r"}, "../../../infra", "", true); err == nil {
		t.Error("a deploy without -project must be refused")
	}
}
