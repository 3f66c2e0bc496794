// Package config reads the instance's configuration from environment variables, once, at start.
// Every variable is listed in the configuration table in docs/operations.md.
//
// Emulator mode is decided by the project, not guessed from where the code runs. The Auth
// emulator's ID tokens are unsigned, so an instance that trusts it lets anyone act as any player;
// and the Firestore and Pub/Sub emulators take anyone for an administrator. By Firebase's
// convention a project ID beginning with "demo-" names a demo project: no live resources, used
// with the emulators only. Two rules keep emulator mode away from real data:
//
//   - an emulator variable (FIRESTORE_EMULATOR_HOST, PUBSUB_EMULATOR_HOST,
//     FIREBASE_AUTH_EMULATOR_HOST) is accepted only with a demo- project. This rule is positive:
//     it holds on a VM, in a container or anywhere else, with no list of places to keep up to date;
//   - a demo- project refuses to start where Google Cloud runs the code (a production marker
//     such as K_SERVICE is set). A deployment that forgot GOOGLE_CLOUD_PROJECT (it defaults to
//     demo-openplay) stops with a clear message instead of failing on every call. Markers cannot
//     be complete (a VM has none); they are the second line, the first rule is the guarantee.
package config

import (
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/event"
)

// Config is what an instance needs to know about its deployment.
type Config struct {
	ProjectID     string     // GOOGLE_CLOUD_PROJECT
	ApplicationID string     // OPENPLAY_APPLICATION_ID; the Play Games applicationId of every game resource
	MaxBodyBytes  int64      // OPENPLAY_MAX_BODY_BYTES; larger request bodies are refused with 413
	LogLevel      slog.Level // OPENPLAY_LOG_LEVEL: DEBUG, INFO, WARNING or ERROR
	// Events are the bounds of events.record: OPENPLAY_EVENTS_MAX_UPDATES, …_MIN_PERIOD,
	// …_MAX_PERIOD, …_MAX_AGE (durations such as 24h) and …_RATE_PER_MINUTE.
	Events event.Limits
	// TURNSecret is OPENPLAY_TURN_SECRET, the secret shared with the TURN servers of the
	// application's realtime settings (coturn's static-auth-secret); in production it is mounted
	// from Secret Manager. Unset, players get no TURN servers.
	TURNSecret string

	// MemoryBytes is OPENPLAY_MEMORY_BYTES: what the calls an instance runs may hold in memory
	// together; each reserves the most its route may hold before it runs (httpapi.Admission).
	// Zero means DefaultMemoryBytes.
	MemoryBytes int64

	FirestoreEmulator string // FIRESTORE_EMULATOR_HOST, read by the Firestore client too
	PubSubEmulator    string // PUBSUB_EMULATOR_HOST, read by the Pub/Sub client too
	AuthEmulator      string // FIREBASE_AUTH_EMULATOR_HOST, read by the Firebase Admin SDK too
}

// DefaultMemoryBytes is what the calls of a function deployed with 128 MiB may hold together: the
// rest is the Go runtime, the clients, the code, and headroom (docs/operations.md).
const DefaultMemoryBytes = 64 << 20

// DefaultProjectID is the emulator-only project used locally ("demo-" tells Firebase tools that
// no real project exists).
const DefaultProjectID = "demo-openplay"

// FromEnv reads the configuration and checks it, emulator mode included (see the package comment).
func FromEnv() (Config, error) {
	return parse(os.Getenv)
}

func parse(getenv func(string) string) (Config, error) {
	c := Config{
		ProjectID:         first(getenv("GOOGLE_CLOUD_PROJECT"), getenv("GCLOUD_PROJECT"), DefaultProjectID),
		MaxBodyBytes:      1 << 20,
		Events:            event.DefaultLimits,
		FirestoreEmulator: getenv("FIRESTORE_EMULATOR_HOST"),
		PubSubEmulator:    getenv("PUBSUB_EMULATOR_HOST"),
		AuthEmulator:      getenv("FIREBASE_AUTH_EMULATOR_HOST"),
		TURNSecret:        getenv("OPENPLAY_TURN_SECRET"),
	}
	c.ApplicationID = first(getenv("OPENPLAY_APPLICATION_ID"), c.ProjectID)
	if v := getenv("OPENPLAY_MAX_BODY_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1024 {
			return Config{}, fmt.Errorf("OPENPLAY_MAX_BODY_BYTES=%q: want a whole number of bytes, at least 1024", v)
		}
		c.MaxBodyBytes = n
	}
	if v := getenv("OPENPLAY_MEMORY_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 8<<20 {
			return Config{}, fmt.Errorf("OPENPLAY_MEMORY_BYTES=%q: want a whole number of bytes, at least 8 MiB (8388608)", v)
		}
		c.MemoryBytes = n
	}
	for _, v := range []struct {
		name string
		into *int
	}{{"OPENPLAY_EVENTS_MAX_UPDATES", &c.Events.MaxUpdates}, {"OPENPLAY_EVENTS_RATE_PER_MINUTE", &c.Events.RatePerMinute}} {
		if raw := getenv(v.name); raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil || n < 1 {
				return Config{}, fmt.Errorf("%s=%q: want a whole number, at least 1", v.name, raw)
			}
			*v.into = n
		}
	}
	for _, v := range []struct {
		name string
		into *time.Duration
	}{{"OPENPLAY_EVENTS_MIN_PERIOD", &c.Events.MinPeriod}, {"OPENPLAY_EVENTS_MAX_PERIOD", &c.Events.MaxPeriod}, {"OPENPLAY_EVENTS_MAX_AGE", &c.Events.MaxAge}} {
		if raw := getenv(v.name); raw != "" {
			d, err := time.ParseDuration(raw)
			if err != nil || d < 0 {
				return Config{}, fmt.Errorf("%s=%q: want a duration such as 90s, 30m or 24h", v.name, raw)
			}
			*v.into = d
		}
	}
	if c.Events.MinPeriod > c.Events.MaxPeriod {
		return Config{}, fmt.Errorf("OPENPLAY_EVENTS_MIN_PERIOD (%s) is longer than OPENPLAY_EVENTS_MAX_PERIOD (%s)", c.Events.MinPeriod, c.Events.MaxPeriod)
	}
	switch level := strings.ToUpper(getenv("OPENPLAY_LOG_LEVEL")); level {
	case "", "INFO":
		c.LogLevel = slog.LevelInfo
	case "DEBUG":
		c.LogLevel = slog.LevelDebug
	case "WARNING", "WARN":
		c.LogLevel = slog.LevelWarn
	case "ERROR":
		c.LogLevel = slog.LevelError
	default:
		return Config{}, fmt.Errorf("OPENPLAY_LOG_LEVEL=%q: want DEBUG, INFO, WARNING or ERROR", level)
	}
	if err := checkEmulatorMode(c, getenv); err != nil {
		return Config{}, err
	}
	return c, nil
}

// Memory is MemoryBytes, or DefaultMemoryBytes when it is not set.
func (c Config) Memory() int64 {
	if c.MemoryBytes == 0 {
		return DefaultMemoryBytes
	}
	return c.MemoryBytes
}

// Emulated reports whether the instance runs against the local emulators.
func (c Config) Emulated() bool { return c.FirestoreEmulator != "" || c.PubSubEmulator != "" }

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
