package config

import (
	"fmt"
	"strings"
)

// emulatorOnlyPrefix begins every emulator-only project ID.
const emulatorOnlyPrefix = "demo-"

// productionMarkers are variables Google Cloud sets where it runs code, and where each is set.
// FUNCTION_TARGET is one because every Functions Framework image carries it, on Cloud Functions
// or wherever else the image runs.
var productionMarkers = []struct{ name, where string }{
	{"K_SERVICE", "Cloud Run or Cloud Functions"},
	{"CLOUD_RUN_JOB", "a Cloud Run job"},
	{"FUNCTION_TARGET", "the Functions Framework as Google Cloud runs it (locally, leave FUNCTION_TARGET unset and pass the entry point's name to functions/cmd/function)"},
	{"GAE_SERVICE", "App Engine"},
}

// checkEmulatorMode applies the two rules of the package comment to c.
func checkEmulatorMode(c Config, getenv func(string) string) error {
	var emulators []string
	for _, v := range []struct{ name, value string }{{"FIRESTORE_EMULATOR_HOST", c.FirestoreEmulator},
		{"PUBSUB_EMULATOR_HOST", c.PubSubEmulator}, {"FIREBASE_AUTH_EMULATOR_HOST", c.AuthEmulator}} {
		if v.value != "" {
			emulators = append(emulators, v.name)
		}
	}
	set := strings.Join(emulators, ", ")
	if !strings.HasPrefix(c.ProjectID, emulatorOnlyPrefix) {
		if len(emulators) == 0 {
			return nil
		}
		return fmt.Errorf("project %q is a real one (its ID does not begin with %q), but these emulator variables are set: %s. "+
			"The emulators let anyone in (the Auth emulator's tokens are unsigned), so OpenPlay uses them only with emulator-only projects. "+
			"To use %s on Google Cloud, unset %s; to use the emulators, set GOOGLE_CLOUD_PROJECT=%s (emulators/run does)",
			c.ProjectID, emulatorOnlyPrefix, set, c.ProjectID, set, DefaultProjectID)
	}
	for _, m := range productionMarkers {
		value := getenv(m.name)
		if value == "" {
			continue
		}
		project := fmt.Sprintf("project %q is emulator-only", c.ProjectID)
		if getenv("GOOGLE_CLOUD_PROJECT") == "" && getenv("GCLOUD_PROJECT") == "" {
			project = fmt.Sprintf("GOOGLE_CLOUD_PROJECT is not set, so the project is %s, which is emulator-only", DefaultProjectID)
		}
		return fmt.Errorf("%s, but %s=%s says this runs on %s: set GOOGLE_CLOUD_PROJECT to your project's ID "+
			"(and unset any emulator variable)", project, m.name, value, m.where)
	}
	return nil
}
