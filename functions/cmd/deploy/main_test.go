package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
	require.NoError(t, run(&out, routes, deploy.Settings{Project: "my-game", Region: "europe-west1"}, "../../../infra", "", true))
	text := out.String()
	for _, r := range routes {
		assert.Equal(t, 1, strings.Count(text, "gcloud functions deploy "+r.Name+" "), "%s: deploys in the dry run", r.Name)
		trigger := " --trigger-http"
		if r.Trigger == functions.PubSub {
			trigger = " --trigger-topic=" + r.Topic + " --retry"
		}
		assert.Contains(t, text, "--entry-point="+r.Name+trigger, "%s: want triggered by%s", r.Name, trigger)
	}
	assert.Equal(t, len(routes), strings.Count(text, "--runtime=go125"), "every function on go125")
	assert.Contains(t, text, "OPENPLAY_APPLICATION_ID=my-game", "the application defaults to the project")
	for _, step := range []string{"# apis", "# service-accounts", "# firestore", "# pubsub", "# functions", "# invokers", "# gateway"} {
		assert.Contains(t, text, step+"\n", "want a %s step", step)
	}

	out.Reset()
	require.NoError(t, run(&out, routes, deploy.Settings{Project: "my-game", Region: "europe-west1", GatewayRegion: "us-east1"}, "../../../infra", "gateway", true))
	assert.NotContains(t, out.String(), "functions deploy", "-only=gateway deploys no function")
	assert.Contains(t, out.String(), "api-gateway gateways create openplay", "-only=gateway creates the gateway")
	assert.Contains(t, out.String(), "--location=us-east1", "-only=gateway: the gateway in its region")
	assert.Error(t, run(&out, routes, deploy.Settings{Region: "r"}, "../../../infra", "", true), "a deploy without -project must be refused")
}
