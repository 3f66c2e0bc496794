package deploy

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	require.NoError(t, err)
	in.GatewaySpecFile = "/tmp/spec.json"
	spec, err := GatewaySpec(settings, rs)
	require.NoError(t, err)
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
		if !assert.Len(t, deploys, 1, "%s: deploys", r.Name) || !assert.Len(t, invokers, 1, "%s: invoker bindings", r.Name) {
			continue
		}
		want := []string{"--gen2", "--runtime=go125", "--entry-point=" + r.Name, "--source=.", "--trigger-http", "--no-allow-unauthenticated"}
		if r.Trigger == functions.PubSub {
			want = append(want[:4], "--trigger-topic="+r.Topic, "--retry")
			assert.NotContains(t, deploys[0], "--trigger-http", "%s: a consumer has no HTTP trigger", r.Name)
		}
		for _, want := range want {
			assert.Contains(t, deploys[0]+" ", " "+want+" ", r.Name)
		}
		invoker := "openplay-gateway@"
		if r.Trigger != functions.HTTP {
			invoker = "openplay-operations@"
		}
		assert.Contains(t, invokers[0], invoker, r.Name)
	}
	assert.Len(t, steps["functions"], len(rs), "one function deploy per route")
	private := 0
	for _, r := range rs {
		if r.Trigger == functions.Private {
			private++
		}
	}
	jobs := steps["scheduler"]
	require.Len(t, jobs, 2*private, "a create and an update per private route")
	for _, want := range []string{"scheduler jobs create http openplay-notificationsrelay", "'--schedule=* * * * *'",
		"--oidc-service-account-email=openplay-operations@", "--oidc-token-audience=https://europe-west1-my-game.cloudfunctions.net/NotificationsRelay "} {
		assert.Contains(t, jobs[0], want, "scheduler job")
	}
	assert.Contains(t, jobs[1], "else: gcloud scheduler jobs update http", "scheduler job")
	assert.Contains(t, strings.Join(jobs, "\n"), "--uri=https://europe-west1-my-game.cloudfunctions.net/Matchmake/operations/matchmake?for=50s",
		"the matcher's call carries its route's query")
	for _, r := range rs {
		if r.Trigger == functions.PubSub {
			assert.Contains(t, strings.Join(steps["dead-letters"], "\n"), "--dead-letter-topic="+r.Topic+"-dead-letter",
				"%s: its trigger subscription gets a dead-letter topic", r.Name)
			assert.Contains(t, strings.Join(steps["pubsub"], "\n"), "subscriptions create "+r.Topic+"-dead-letter-hold --topic="+r.Topic+"-dead-letter",
				"%s: its dead-letter topic keeps what it gets", r.Name)
		}
	}
	ix := steps["firestore"]
	assert.GreaterOrEqual(t, len(ix), 4, "firestore step: %v", ix)
	firestore := strings.Join(ix, "\n")
	assert.Contains(t, firestore, "ttls update expireAt --collection-group=eventPeriods", "firestore step")
	exempt := "indexes fields update expireAt --collection-group=eventPeriods --disable-indexes --project=my-game"
	assert.Contains(t, firestore, exempt, "the TTL field is not indexed")
	assert.Less(t, strings.Index(firestore, exempt), strings.Index(firestore, "ttls update expireAt --collection-group=eventPeriods"),
		"the exemption is made (and waited for) before the TTL policy on the same field")
	assert.Contains(t, firestore, "indexes fields update data --collection-group=matches --disable-indexes", "a match's data is not indexed")
}

// TestGatewaySpec: valid OpenAPI 2.0 whose operations are exactly the public routes, each on its
// own function with the API path appended, its path parameters declared, Firebase tokens checked;
// and a preflight per path, without the token check, to a function of the path.
func TestGatewaySpec(t *testing.T) {
	rs := routes()
	raw, err := GatewaySpec(settings, rs)
	require.NoError(t, err)
	var spec struct {
		Swagger string `json:"swagger"`
		Info    struct {
			Title, Version string
		} `json:"info"`
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Security    *[]any `json:"security"`
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
	require.NoError(t, json.Unmarshal(raw, &spec))
	require.Equal(t, "2.0", spec.Swagger)
	require.NotEmpty(t, spec.Info.Title)
	require.NotEmpty(t, spec.Info.Version)
	require.Len(t, spec.Security, 1)
	fb := spec.SecurityDefinitions["firebase"]
	assert.Equal(t, "https://securetoken.google.com/my-game", fb["x-google-issuer"], "firebase security")
	assert.Equal(t, "my-game", fb["x-google-audiences"], "firebase security")
	assert.Equal(t, "oauth2", fb["type"], "firebase security")
	operations := map[string]bool{}
	for path, methods := range spec.Paths {
		for method, op := range methods {
			assert.Contains(t, []string{"get", "put", "post", "delete", "patch", "options"}, method, path)
			if method == "options" {
				if assert.NotNil(t, op.Security, "%s %s: a preflight has no token; its security must be turned off", method, path) {
					assert.Empty(t, *op.Security, "%s %s", method, path)
				}
				assert.Equal(t, "APPEND_PATH_TO_ADDRESS", op.Backend.PathTranslation, path)
			} else {
				assert.Nil(t, op.Security, "%s %s: the spec's Firebase check applies", method, path)
			}
			assert.NotEmpty(t, op.Responses, "%s %s: responses", method, path)
			assert.False(t, operations[op.OperationID], "operationId %s twice", op.OperationID)
			operations[op.OperationID] = true
			for _, p := range pathParams(path) {
				declared := false
				for _, d := range op.Parameters {
					declared = declared || d.Name == p && d.In == "path" && d.Required
				}
				assert.True(t, declared, "%s %s: path parameter %s declared", method, path, p)
			}
		}
	}
	for _, r := range rs {
		op, ok := spec.Paths[r.Path][strings.ToLower(r.Method)]
		if r.Trigger != functions.HTTP {
			assert.False(t, ok, "%s is not public but the gateway serves it", r.Name)
			continue
		}
		if assert.True(t, ok, "%s %s: no operation", r.Method, r.Path) {
			assert.Equal(t, r.Name, op.OperationID)
			assert.Equal(t, "https://europe-west1-my-game.cloudfunctions.net/"+r.Name, op.Backend.Address, r.Name)
			assert.Equal(t, "APPEND_PATH_TO_ADDRESS", op.Backend.PathTranslation, r.Name)
		}
	}
	public, paths := 0, map[string][]string{}
	for _, r := range rs {
		if r.Trigger == functions.HTTP {
			public++
			paths[r.Path] = append(paths[r.Path], "https://europe-west1-my-game.cloudfunctions.net/"+r.Name)
		}
	}
	for path, functions := range paths {
		if assert.Contains(t, spec.Paths[path], "options", "%s: no preflight on its path", path) {
			assert.Contains(t, functions, spec.Paths[path]["options"].Backend.Address, "%s: the preflight goes to a function of the path", path)
		}
	}
	assert.Len(t, operations, public+len(paths), "one operation per public route, and a preflight per path")
}

// TestCloudBuild: the committed cloudbuild.yaml is the generated one, valid YAML, with one
// deploy step per route after the setup and the gateway after all of them.
func TestCloudBuild(t *testing.T) {
	want := CloudBuild(routes())
	got, err := os.ReadFile("../../cloudbuild.yaml")
	require.NoError(t, err)
	require.Equal(t, want, string(got), "cloudbuild.yaml is out of date with the route table: go run ./functions/cmd/deploy -cloudbuild > cloudbuild.yaml")
	var build struct {
		Substitutions map[string]string `yaml:"substitutions"`
		Steps         []struct {
			ID      string   `yaml:"id"`
			Name    string   `yaml:"name"`
			Args    []string `yaml:"args"`
			WaitFor []string `yaml:"waitFor"`
		} `yaml:"steps"`
	}
	require.NoError(t, yaml.Unmarshal(got, &build), "cloudbuild.yaml is not valid YAML")
	assert.Contains(t, build.Substitutions, "_REGION")
	ids := map[string]bool{}
	for _, s := range build.Steps {
		assert.False(t, ids[s.ID], "step %q repeated", s.ID)
		assert.NotEmpty(t, s.Name, "step %q without an image", s.ID)
		ids[s.ID] = true
		for _, w := range s.WaitFor {
			assert.True(t, ids[w], "step %s waits for %s, which does not come before it", s.ID, w)
		}
	}
	for _, r := range routes() {
		found := false
		for _, s := range build.Steps {
			if s.ID == "deploy-"+r.Name {
				found = true
				assert.Equal(t, []string{"setup"}, s.WaitFor, s.ID)
				assert.Contains(t, s.Args, "--entry-point="+r.Name, s.ID)
				assert.Contains(t, s.Args, "--runtime=go125", s.ID)
			}
		}
		assert.True(t, found, "no deploy step for %s", r.Name)
	}
	require.GreaterOrEqual(t, len(build.Steps), 2)
	last := build.Steps[len(build.Steps)-1]
	assert.Equal(t, "gateway", last.ID, "the last step")
	assert.Len(t, last.WaitFor, len(routes()), "the gateway step must wait for every deploy")
	assert.True(t, ids["test"], "the pipeline runs make test before deploying")
	assert.Contains(t, strings.Join(build.Steps[1].Args, " "), "make test", "the pipeline runs make test before deploying")
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

// TestInfraOverridesAreExemptions: the deploy turns field overrides into exemptions only, so an
// override that lists indexes is refused rather than deployed as something else.
func TestInfraOverridesAreExemptions(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"firestore.ttl.json", "firebase.json"} {
		raw, err := os.ReadFile(filepath.Join("../../infra", f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), raw, 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "firestore.indexes.json"), []byte(`{"indexes": [], "fieldOverrides": [
		{"collectionGroup": "matches", "fieldPath": "data", "indexes": [{"order": "ASCENDING", "queryScope": "COLLECTION"}]}]}`), 0o644))
	_, err := LoadInfra(dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "matches.data")
}
