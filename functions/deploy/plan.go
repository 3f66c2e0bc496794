// Package deploy turns the route table into a deployment: the gcloud commands that set up a
// Google Cloud project for OpenPlay and deploy every entry point as its own Cloud Function
// (gen2, Go runtime go125), the API Gateway spec that maps every API path to its function, and
// the Cloud Build pipeline. Everything is derived from functions.Routes and the files in infra/,
// so a new endpoint or index cannot be forgotten.
package deploy

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/notification"
)

// Runtime is the Cloud Functions runtime (go122 is decommissioned).
const Runtime = "go125"

// Settings say where to deploy. In cloudbuild.yaml they are Cloud Build substitutions.
// GatewayRegion is where API Gateway runs (it is offered in fewer regions than functions;
// empty: Region).
type Settings struct {
	Project       string
	Region        string
	GatewayRegion string
	ApplicationID string
}

func (s Settings) gatewayRegion() string {
	if s.GatewayRegion != "" {
		return s.GatewayRegion
	}
	return s.Region
}

// Service accounts the deployment creates: the functions' runtime identity (Firestore user,
// Pub/Sub publisher, Firebase Auth viewer), the gateway's (invokes the API functions) and the
// operations' (Cloud Scheduler and Pub/Sub triggers invoke the private and consumer functions
// with it).
func (s Settings) account(name string) string {
	return "openplay-" + name + "@" + s.Project + ".iam.gserviceaccount.com"
}

var runtimeRoles = []string{"roles/datastore.user", "roles/pubsub.publisher", "roles/firebaseauth.viewer"}

// APIs the deployment needs.
var apis = []string{"cloudfunctions.googleapis.com", "run.googleapis.com", "cloudbuild.googleapis.com",
	"artifactregistry.googleapis.com", "firestore.googleapis.com", "pubsub.googleapis.com", "cloudscheduler.googleapis.com",
	"apigateway.googleapis.com", "servicemanagement.googleapis.com", "servicecontrol.googleapis.com", "iam.googleapis.com",
	"identitytoolkit.googleapis.com", "eventarc.googleapis.com", "secretmanager.googleapis.com"}

// Command is one command line. If it fails because what it creates exists already, the deploy
// runs Else (if any) instead and goes on: that is what makes the deploy idempotent.
type Command struct {
	Args []string
	Else []string
}

// String is the command as a shell would take it.
func (c Command) String() string { return shellJoin(c.Args) }

func shellJoin(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = a
		if strings.ContainsAny(a, " '\"$*?[]&;|<>()\\#~`") { // anything a shell would expand or split on
			quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(quoted, " ")
}

// Step is a named group of commands.
type Step struct {
	Name     string
	Commands []Command
}

// Infra is what the deploy reads from infra/.
type Infra struct {
	Indexes     []Index
	Exemptions  []Exemption
	TTLPolicies []TTLPolicy
	// GatewaySpecFile is where the gateway spec is written before it is uploaded.
	GatewaySpecFile string
	// RulesConfig is infra/firebase.json, which points the Firebase CLI at the rules file.
	RulesConfig string
}

// Plan is every step of a deploy, in order.
func Plan(s Settings, routes []functions.Route, in Infra, gatewaySpec []byte) []Step {
	g := func(args ...string) Command {
		return Command{Args: append([]string{"gcloud"}, append(args, "--project="+s.Project)...)}
	}
	orElse := func(c Command, args ...string) Command {
		c.Else = append([]string{"gcloud"}, append(args, "--project="+s.Project)...)
		return c
	}
	var steps []Step

	steps = append(steps, Step{"apis", []Command{g(append([]string{"services", "enable"}, apis...)...)}})

	accounts := Step{Name: "service-accounts"}
	for _, name := range []string{"runtime", "gateway", "operations"} {
		accounts.Commands = append(accounts.Commands, g("iam", "service-accounts", "create", "openplay-"+name, "--display-name=OpenPlay "+name))
	}
	for _, role := range runtimeRoles {
		accounts.Commands = append(accounts.Commands, g("projects", "add-iam-policy-binding", s.Project,
			"--member=serviceAccount:"+s.account("runtime"), "--role="+role, "--condition=None"))
	}
	steps = append(steps, accounts)

	firestore := Step{Name: "firestore", Commands: []Command{g("firestore", "databases", "create", "--location="+s.Region, "--type=firestore-native")}}
	for _, ix := range in.Indexes {
		firestore.Commands = append(firestore.Commands, g(ix.createArgs()...))
	}
	// Exemptions wait for their operation to finish: Firestore runs one at a time on a field, and
	// the TTL policy that follows may be on the same field.
	for _, ex := range in.Exemptions {
		firestore.Commands = append(firestore.Commands, g("firestore", "indexes", "fields", "update", ex.FieldPath,
			"--collection-group="+ex.CollectionGroup, "--disable-indexes"))
	}
	for _, ttl := range in.TTLPolicies {
		firestore.Commands = append(firestore.Commands, g("firestore", "fields", "ttls", "update", ttl.Field,
			"--collection-group="+ttl.CollectionGroup, "--enable-ttl", "--async"))
	}
	firestore.Commands = append(firestore.Commands, Command{Args: []string{"emulators/node_modules/.bin/firebase", "deploy",
		"--only", "firestore:rules", "--config", in.RulesConfig, "--project", s.Project, "--non-interactive"}})
	steps = append(steps, firestore)

	// A dead-letter topic keeps what its consumer could not take after 10 tries in a
	// subscription of its own (Pub/Sub drops messages a topic has no subscription for), for an
	// operator to look into and publish again.
	topics := Step{Name: "pubsub"}
	for _, t := range notification.Topics {
		topics.Commands = append(topics.Commands, g("pubsub", "topics", "create", t), g("pubsub", "topics", "create", t+"-dead-letter"),
			g("pubsub", "subscriptions", "create", t+"-dead-letter-hold", "--topic="+t+"-dead-letter",
				"--message-retention-duration=7d", "--expiration-period=never"))
	}
	steps = append(steps, topics)
	if step := secrets(s, routes); len(step.Commands) > 0 {
		steps = append(steps, step)
	}

	deployFns, invokers := Step{Name: "functions"}, Step{Name: "invokers"}
	for _, r := range routes {
		deployFns.Commands = append(deployFns.Commands, Command{Args: FunctionDeploy(s, r)})
		invoker := "gateway"
		if r.Trigger != functions.HTTP {
			invoker = "operations"
		}
		invokers.Commands = append(invokers.Commands, g("functions", "add-invoker-policy-binding", r.Name, "--region="+s.Region,
			"--member=serviceAccount:"+s.account(invoker)))
	}
	steps = append(steps, deployFns, invokers, deadLetters(s, routes))

	var jobs []Command
	for _, r := range routes {
		if r.Trigger == functions.Private && r.Schedule != "" {
			args := []string{"scheduler", "jobs", "%s", "http", "openplay-" + strings.ToLower(r.Name), "--location=" + s.Region,
				"--schedule=" + r.Schedule, "--uri=" + scheduledURI(s, r), "--http-method=" + r.Method,
				"--oidc-service-account-email=" + s.account("operations"), "--oidc-token-audience=" + FunctionURL(s, r)}
			create, update := append([]string{}, args...), append([]string{}, args...)
			create[2], update[2] = "create", "update"
			jobs = append(jobs, orElse(g(create...), update...))
		}
	}
	if len(jobs) > 0 {
		steps = append(steps, Step{"scheduler", jobs})
	}

	config := GatewayConfigID(gatewaySpec)
	steps = append(steps, Step{"gateway", []Command{
		g("api-gateway", "apis", "create", "openplay"),
		g("api-gateway", "api-configs", "create", config, "--api=openplay", "--openapi-spec="+in.GatewaySpecFile,
			"--backend-auth-service-account="+s.account("gateway")),
		orElse(g("api-gateway", "gateways", "create", "openplay", "--api=openplay", "--api-config="+config, "--location="+s.gatewayRegion()),
			"api-gateway", "gateways", "update", "openplay", "--api=openplay", "--api-config="+config, "--location="+s.gatewayRegion()),
	}})
	return steps
}

// deadLetters attaches each consumer's dead-letter topic to the subscription its Pub/Sub trigger
// created (after 10 failed deliveries a message goes there instead of being retried forever),
// and lets Pub/Sub's service agent publish to it and acknowledge from the subscription.
func deadLetters(s Settings, routes []functions.Route) Step {
	step := Step{Name: "dead-letters"}
	agent := `serviceAccount:service-$(gcloud projects describe ` + s.Project + ` --format='value(projectNumber)')@gcp-sa-pubsub.iam.gserviceaccount.com`
	for _, r := range routes {
		if r.Trigger != functions.PubSub {
			continue
		}
		dead := r.Topic + "-dead-letter"
		// The trigger's subscription is made by Eventarc; it is found by topic and function name,
		// and finding none is an error rather than a silent success.
		script := `set -eo pipefail; agent="` + agent + `"; ` +
			`gcloud pubsub topics add-iam-policy-binding ` + dead + ` --member="$agent" --role=roles/pubsub.publisher --project=` + s.Project + ` >/dev/null; ` +
			`subs=$(gcloud pubsub subscriptions list --project=` + s.Project + ` --filter="topic:projects/` + s.Project + `/topics/` + r.Topic +
			` AND name~` + strings.ToLower(r.Name) + `" --format='value(name)'); ` +
			`[ -n "$subs" ] || { echo "no trigger subscription of ` + r.Name + ` on ` + r.Topic + `" >&2; exit 1; }; ` +
			`for sub in $subs; do ` +
			`gcloud pubsub subscriptions update "$sub" --dead-letter-topic=` + dead + ` --max-delivery-attempts=10 --project=` + s.Project + `; ` +
			`gcloud pubsub subscriptions add-iam-policy-binding "$sub" --member="$agent" --role=roles/pubsub.subscriber --project=` + s.Project + ` >/dev/null; done`
		step.Commands = append(step.Commands, Command{Args: []string{"bash", "-c", script}})
	}
	return step
}

// SecretName is the Secret Manager secret an entry point's secret environment variable is
// mounted from: OPENPLAY_TURN_SECRET comes from openplay-turn-secret.
func SecretName(env string) string { return strings.ToLower(strings.ReplaceAll(env, "_", "-")) }

// secrets creates each secret the routes mount (with a random first version, so the functions
// that mount it can start; an operator replaces it as docs/realtime.md says) and lets the runtime
// account read that secret, and no other.
func secrets(s Settings, routes []functions.Route) Step {
	step := Step{Name: "secrets"}
	seen := map[string]bool{}
	for _, r := range routes {
		for _, env := range r.Secrets {
			name := SecretName(env)
			if seen[name] {
				continue
			}
			seen[name] = true
			step.Commands = append(step.Commands,
				Command{Args: []string{"gcloud", "secrets", "create", name, "--replication-policy=automatic", "--project=" + s.Project}},
				Command{Args: []string{"bash", "-c", `set -eo pipefail; ` +
					`[ -n "$(gcloud secrets versions list ` + name + ` --limit=1 --format='value(name)' --project=` + s.Project + `)" ] || ` +
					`head -c 32 /dev/urandom | base64 | tr -d '\n' | gcloud secrets versions add ` + name + ` --data-file=- --project=` + s.Project}},
				Command{Args: []string{"gcloud", "secrets", "add-iam-policy-binding", name, "--member=serviceAccount:" + s.account("runtime"),
					"--role=roles/secretmanager.secretAccessor", "--condition=None", "--project=" + s.Project}})
		}
	}
	return step
}

// FunctionDeploy is the command that deploys one entry point as its own gen2 function, at the
// smallest size serving 80 concurrent requests: HTTP with no unauthenticated calls (the gateway
// or the scheduler invokes it with its own identity), or triggered by its topic with retry.
func FunctionDeploy(s Settings, r functions.Route) []string {
	args := []string{"gcloud", "functions", "deploy", r.Name, "--gen2", "--runtime=" + Runtime, "--source=.", "--entry-point=" + r.Name}
	if r.Trigger == functions.PubSub {
		args = append(args, "--trigger-topic="+r.Topic, "--retry", "--trigger-service-account="+s.account("operations"))
	} else {
		args = append(args, "--trigger-http", "--no-allow-unauthenticated")
	}
	args = append(args, "--region="+s.Region, "--service-account="+s.account("runtime"), "--memory=128Mi", "--cpu=1",
		"--concurrency=80", "--set-env-vars=GOOGLE_CLOUD_PROJECT="+s.Project+",OPENPLAY_APPLICATION_ID="+s.ApplicationID)
	if len(r.Secrets) > 0 {
		args = append(args, "--set-secrets="+mounts(r.Secrets))
	}
	return append(args, "--project="+s.Project, "--quiet")
}

// mounts is the --set-secrets value of an entry point: each secret variable from the latest
// version of its secret, read when an instance starts.
func mounts(envs []string) string {
	out := make([]string, len(envs))
	for i, env := range envs {
		out[i] = env + "=" + SecretName(env) + ":latest"
	}
	return strings.Join(out, ",")
}

// scheduledURI is what Cloud Scheduler calls for a scheduled route: its path, with the route's
// query.
func scheduledURI(s Settings, r functions.Route) string {
	uri := FunctionURL(s, r) + r.Path
	if r.ScheduleQuery != "" {
		uri += "?" + r.ScheduleQuery
	}
	return uri
}

// FunctionURL is the URL of a deployed function. Behind it, the function sees the path that
// follows its name, which is why the gateway appends the API path to it.
func FunctionURL(s Settings, r functions.Route) string {
	return "https://" + s.Region + "-" + s.Project + ".cloudfunctions.net/" + r.Name
}

// GatewayConfigID names a gateway config after its content, so an unchanged spec is not
// uploaded twice and a changed one gets a new config.
func GatewayConfigID(spec []byte) string {
	sum := sha256.Sum256(spec)
	return fmt.Sprintf("openplay-%s", hex.EncodeToString(sum[:])[:12])
}
