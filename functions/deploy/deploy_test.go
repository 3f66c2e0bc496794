package deploy

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"gopkg.in/yaml.v3"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/service"
)

var settings = Settings{Project: "my-game", Region: "europe-west1", ApplicationID: "my-game"}

func routes() []functions.Route { return functions.Routes(service.New(config.Config{})) }

func plan(t *testing.T, rs []functions.Route) map[string][]string {
	t.Helper()
	in, err := LoadInfra("../../infra")
	if err != nil {
		t.Fatal(err)
	}
	in.GatewaySpecFile = "/tmp/spec.json"
	spec, err := GatewaySpec(settings, rs)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, s := range Plan(settings, rs, in, spec) {
		for _, c := range s.Commands {
			out[s.Name] = append(out[s.Name], c.String())
			if c.Else != nil {
				out[s.Name] = append(out[s.Name], "else: "+Command{Args: c.Else}.String())
			}
		}
	}
	return out
}

// TestPlanDeploysEveryEntryPointOnce: each route is deployed exactly once, as its own gen2
// function on go125 with its entry point, and gets exactly one invoker.
func TestPlanDeploysEveryEntryPointOnce(t *testing.T) {
	rs := routes()
	steps := plan(t, rs)
	for _, r := range rs {
		var deploys, invokers []string
		for _, c := range steps["functions"] {
			if strings.HasPrefix(c, "gcloud functions deploy "+r.Name+" ") {
				deploys = append(deploys, c)
			}
		}
		for _, c := range steps["invokers"] {
			if strings.Contains(c, " add-invoker-policy-binding "+r.Name+" ") {
				invokers = append(invokers, c)
			}
		}
		if len(deploys) != 1 || len(invokers) != 1 {
			t.Errorf("%s: %d deploys, %d invoker bindings; want one each", r.Name, len(deploys), len(invokers))
			continue
		}
		want := []string{"--gen2", "--runtime=go125", "--entry-point=" + r.Name, "--source=.", "--trigger-http", "--no-allow-unauthenticated"}
		if r.Trigger == functions.PubSub {
			want = append(want[:4], "--trigger-topic="+r.Topic, "--retry")
			if strings.Contains(deploys[0], "--trigger-http") {
				t.Errorf("%s: a consumer has no HTTP trigger: %s", r.Name, deploys[0])
			}
		}
		for _, want := range want {
			if !strings.Contains(deploys[0]+" ", " "+want+" ") {
				t.Errorf("%s: deploy lacks %s: %s", r.Name, want, deploys[0])
			}
		}
		invoker := "openplay-gateway@"
		if r.Trigger != functions.HTTP {
			invoker = "openplay-operations@"
		}
		if !strings.Contains(invokers[0], invoker) {
			t.Errorf("%s: invoker %s, want %s", r.Name, invokers[0], invoker)
		}
	}
	if n := len(steps["functions"]); n != len(rs) {
		t.Errorf("%d function deploys for %d routes", n, len(rs))
	}
	private := 0
	for _, r := range rs {
		if r.Trigger == functions.Private {
			private++
		}
	}
	if jobs := steps["scheduler"]; len(jobs) != 2*private || !strings.Contains(jobs[0], "scheduler jobs create http openplay-notificationsrelay") ||
		!strings.Contains(jobs[0], "'--schedule=* * * * *'") || !strings.Contains(jobs[0], "--oidc-service-account-email=openplay-operations@") ||
		!strings.Contains(jobs[0], "--oidc-token-audience=https://europe-west1-my-game.cloudfunctions.net/NotificationsRelay ") ||
		!strings.Contains(jobs[1], "else: gcloud scheduler jobs update http") {
		t.Errorf("scheduler jobs: %v", jobs)
	}
	for _, r := range rs {
		if r.Trigger == functions.PubSub && !strings.Contains(strings.Join(steps["dead-letters"], "\n"), "--dead-letter-topic="+r.Topic+"-dead-letter") {
			t.Errorf("%s: its trigger subscription gets no dead-letter topic", r.Name)
		}
		if r.Trigger == functions.PubSub && !strings.Contains(strings.Join(steps["pubsub"], "\n"), "subscriptions create "+r.Topic+"-dead-letter-hold --topic="+r.Topic+"-dead-letter") {
			t.Errorf("%s: its dead-letter topic keeps nothing", r.Name)
		}
	}
	if ix := steps["firestore"]; len(ix) < 4 || !strings.Contains(strings.Join(ix, "\n"), "ttls update expireAt --collection-group=eventPeriods") {
		t.Errorf("firestore step: %v", ix)
	}
}

// TestGatewaySpec: valid OpenAPI 2.0 whose operations are exactly the public routes, each on its
// own function with the API path appended, its path parameters declared, Firebase tokens checked.
func TestGatewaySpec(t *testing.T) {
	rs := routes()
	raw, err := GatewaySpec(settings, rs)
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Swagger string `json:"swagger"`
		Info    struct {
			Title, Version string
		} `json:"info"`
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Backend     struct {
				Address         string `json:"address"`
				PathTranslation string `json:"path_translation"`
			} `json:"x-google-backend"`
			Parameters []struct {
				Name, In string
				Required bool
			} `json:"parameters"`
			Responses map[string]any `json:"responses"`
		} `json:"paths"`
		SecurityDefinitions map[string]map[string]any `json:"securityDefinitions"`
		Security            []map[string][]string     `json:"security"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	if spec.Swagger != "2.0" || spec.Info.Title == "" || spec.Info.Version == "" || len(spec.Security) != 1 {
		t.Fatalf("spec header: %+v", spec)
	}
	fb := spec.SecurityDefinitions["firebase"]
	if fb["x-google-issuer"] != "https://securetoken.google.com/my-game" || fb["x-google-audiences"] != "my-game" || fb["type"] != "oauth2" {
		t.Errorf("firebase security: %v", fb)
	}
	operations := map[string]bool{}
	for path, methods := range spec.Paths {
		for method, op := range methods {
			if !slices.Contains([]string{"get", "put", "post", "delete", "patch"}, method) || len(op.Responses) == 0 {
				t.Errorf("%s %s: not a valid operation", method, path)
			}
			if operations[op.OperationID] {
				t.Errorf("operationId %s twice", op.OperationID)
			}
			operations[op.OperationID] = true
			for _, p := range pathParams(path) {
				declared := false
				for _, d := range op.Parameters {
					declared = declared || d.Name == p && d.In == "path" && d.Required
				}
				if !declared {
					t.Errorf("%s %s: path parameter %s not declared", method, path, p)
				}
			}
		}
	}
	for _, r := range rs {
		op, ok := spec.Paths[r.Path][strings.ToLower(r.Method)]
		if r.Trigger != functions.HTTP {
			if ok {
				t.Errorf("%s is not public but the gateway serves it", r.Name)
			}
			continue
		}
		if !ok || op.OperationID != r.Name || op.Backend.Address != "https://europe-west1-my-game.cloudfunctions.net/"+r.Name ||
			op.Backend.PathTranslation != "APPEND_PATH_TO_ADDRESS" {
			t.Errorf("%s %s: %+v", r.Method, r.Path, op)
		}
	}
	public := 0
	for _, r := range rs {
		if r.Trigger == functions.HTTP {
			public++
		}
	}
	if len(operations) != public {
		t.Errorf("%d operations for %d public routes", len(operations), public)
	}
}

// TestCloudBuild: the committed cloudbuild.yaml is the generated one, valid YAML, with one
// deploy step per route after the setup and the gateway after all of them.
func TestCloudBuild(t *testing.T) {
	want := CloudBuild(routes())
	got, err := os.ReadFile("../../cloudbuild.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatal("cloudbuild.yaml is out of date with the route table: go run ./functions/cmd/deploy -cloudbuild > cloudbuild.yaml")
	}
	var build struct {
		Substitutions map[string]string `yaml:"substitutions"`
		Steps         []struct {
			ID      string   `yaml:"id"`
			Name    string   `yaml:"name"`
			Args    []string `yaml:"args"`
			WaitFor []string `yaml:"waitFor"`
		} `yaml:"steps"`
	}
	if err := yaml.Unmarshal(got, &build); err != nil {
		t.Fatalf("cloudbuild.yaml is not valid YAML: %v", err)
	}
	if _, ok := build.Substitutions["_REGION"]; !ok {
		t.Error("no _REGION substitution")
	}
	ids := map[string]bool{}
	for _, s := range build.Steps {
		if ids[s.ID] || s.Name == "" {
			t.Errorf("step %q repeated or without an image", s.ID)
		}
		ids[s.ID] = true
		for _, w := range s.WaitFor {
			if !ids[w] {
				t.Errorf("step %s waits for %s, which does not come before it", s.ID, w)
			}
		}
	}
	for _, r := range routes() {
		found := false
		for _, s := range build.Steps {
			if s.ID == "deploy-"+r.Name {
				found = true
				if !slices.Equal(s.WaitFor, []string{"setup"}) || !slices.Contains(s.Args, "--entry-point="+r.Name) || !slices.Contains(s.Args, "--runtime=go125") {
					t.Errorf("step %s: %+v", s.ID, s)
				}
			}
		}
		if !found {
			t.Errorf("no deploy step for %s", r.Name)
		}
	}
	last := build.Steps[len(build.Steps)-1]
	if last.ID != "gateway" || len(last.WaitFor) != len(routes()) {
		t.Errorf("the gateway step must wait for every deploy: %+v", last)
	}
	if !ids["test"] || !strings.Contains(strings.Join(build.Steps[1].Args, " "), "make test") {
		t.Error("the pipeline runs make test before deploying")
	}
}

// TestSecretsReachOnlyTheirEntryPoints: a route's secret is created, readable by the runtime
// account, and mounted into that route's function and no other.
func TestSecretsReachOnlyTheirEntryPoints(t *testing.T) {
	rs := routes()
	steps := plan(t, rs)
	secrets := strings.Join(steps["secrets"], "\n")
	for _, r := range rs {
		var deploy string
		for _, c := range steps["functions"] {
			if strings.HasPrefix(c, "gcloud functions deploy "+r.Name+" ") {
				deploy = c
			}
		}
		if len(r.Secrets) == 0 {
			assert.NotContains(t, deploy, "--set-secrets", r.Name)
			continue
		}
		for _, env := range r.Secrets {
			name := SecretName(env)
			assert.Contains(t, deploy, "--set-secrets="+env+"="+name+":latest", r.Name)
			assert.Contains(t, secrets, "gcloud secrets create "+name+" ")
			assert.Contains(t, secrets, "gcloud secrets add-iam-policy-binding "+name+" --member=serviceAccount:openplay-runtime@my-game.iam.gserviceaccount.com --role=roles/secretmanager.secretAccessor")
		}
	}
	assert.Equal(t, "openplay-turn-secret", SecretName("OPENPLAY_TURN_SECRET"))
}
