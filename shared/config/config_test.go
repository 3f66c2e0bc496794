package config

import (
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/event"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		vars    map[string]string
		want    Config
		wantErr string
	}{
		{name: "defaults", vars: map[string]string{},
			want: Config{ProjectID: DefaultProjectID, ApplicationID: DefaultProjectID, MaxBodyBytes: 1 << 20, LogLevel: slog.LevelInfo, Events: event.DefaultLimits}},
		{name: "event limits", vars: map[string]string{"OPENPLAY_EVENTS_MAX_UPDATES": "10", "OPENPLAY_EVENTS_RATE_PER_MINUTE": "5",
			"OPENPLAY_EVENTS_MIN_PERIOD": "1s", "OPENPLAY_EVENTS_MAX_PERIOD": "1h", "OPENPLAY_EVENTS_MAX_AGE": "48h"},
			want: Config{ProjectID: DefaultProjectID, ApplicationID: DefaultProjectID, MaxBodyBytes: 1 << 20, LogLevel: slog.LevelInfo,
				Events: event.Limits{MaxUpdates: 10, RatePerMinute: 5, MinPeriod: time.Second, MaxPeriod: time.Hour, MaxAge: 48 * time.Hour}}},
		{name: "bad event count", vars: map[string]string{"OPENPLAY_EVENTS_MAX_UPDATES": "0"}, wantErr: "OPENPLAY_EVENTS_MAX_UPDATES"},
		{name: "bad event duration", vars: map[string]string{"OPENPLAY_EVENTS_MAX_AGE": "a week"}, wantErr: "OPENPLAY_EVENTS_MAX_AGE"},
		{name: "min period over max", vars: map[string]string{"OPENPLAY_EVENTS_MIN_PERIOD": "2h", "OPENPLAY_EVENTS_MAX_PERIOD": "1h"}, wantErr: "longer than"},
		{name: "explicit", vars: map[string]string{"GOOGLE_CLOUD_PROJECT": "demo-p", "OPENPLAY_APPLICATION_ID": "app",
			"OPENPLAY_MAX_BODY_BYTES": "4096", "OPENPLAY_LOG_LEVEL": "debug", "FIRESTORE_EMULATOR_HOST": "h:1"},
			want: Config{ProjectID: "demo-p", ApplicationID: "app", MaxBodyBytes: 4096, LogLevel: slog.LevelDebug, FirestoreEmulator: "h:1", Events: event.DefaultLimits}},
		{name: "gcloud project fallback", vars: map[string]string{"GCLOUD_PROJECT": "g"},
			want: Config{ProjectID: "g", ApplicationID: "g", MaxBodyBytes: 1 << 20, LogLevel: slog.LevelInfo, Events: event.DefaultLimits}},
		{name: "turn secret", vars: map[string]string{"OPENPLAY_TURN_SECRET": "s3cret"},
			want: Config{ProjectID: DefaultProjectID, ApplicationID: DefaultProjectID, MaxBodyBytes: 1 << 20, LogLevel: slog.LevelInfo, Events: event.DefaultLimits, TURNSecret: "s3cret"}},
		{name: "bad body limit", vars: map[string]string{"OPENPLAY_MAX_BODY_BYTES": "12"}, wantErr: "OPENPLAY_MAX_BODY_BYTES"},
		{name: "bad log level", vars: map[string]string{"OPENPLAY_LOG_LEVEL": "LOUD"}, wantErr: "OPENPLAY_LOG_LEVEL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(env(tt.vars))
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestEmulatorMode: the emulators only with a demo- project, and a demo- project never where
// Google Cloud runs the code, wherever that is.
func TestEmulatorMode(t *testing.T) {
	const real, demo = "my-game", "demo-my-game"
	tests := []struct {
		name    string
		vars    map[string]string
		wantErr []string // all in the error; none: accepted
	}{
		{name: "production", vars: map[string]string{"GOOGLE_CLOUD_PROJECT": real, "K_SERVICE": "rooms-create"}},
		{name: "a command against a real project", vars: map[string]string{"GOOGLE_CLOUD_PROJECT": real}},
		{name: "local", vars: map[string]string{"FIRESTORE_EMULATOR_HOST": "h:1", "PUBSUB_EMULATOR_HOST": "h:2", "FIREBASE_AUTH_EMULATOR_HOST": "h:3"}},
		{name: "local, a demo project of its own", vars: map[string]string{"GOOGLE_CLOUD_PROJECT": demo, "FIREBASE_AUTH_EMULATOR_HOST": "h:3"}},

		{name: "auth emulator with a real project on a VM", vars: map[string]string{"GOOGLE_CLOUD_PROJECT": real, "FIREBASE_AUTH_EMULATOR_HOST": "h:3"},
			wantErr: []string{`project "my-game" is a real one`, "FIREBASE_AUTH_EMULATOR_HOST", "unset FIREBASE_AUTH_EMULATOR_HOST", "GOOGLE_CLOUD_PROJECT=demo-openplay"}},
		{name: "auth emulator with a real project on Cloud Functions", vars: map[string]string{"GOOGLE_CLOUD_PROJECT": real,
			"FIREBASE_AUTH_EMULATOR_HOST": "h:3", "K_SERVICE": "rooms-create"}, wantErr: []string{"FIREBASE_AUTH_EMULATOR_HOST"}},
		{name: "firestore emulator with a real project", vars: map[string]string{"GCLOUD_PROJECT": real, "FIRESTORE_EMULATOR_HOST": "h:1"},
			wantErr: []string{"FIRESTORE_EMULATOR_HOST"}},
		{name: "pub/sub emulator with a real project", vars: map[string]string{"GOOGLE_CLOUD_PROJECT": real, "PUBSUB_EMULATOR_HOST": "h:2"},
			wantErr: []string{"PUBSUB_EMULATOR_HOST"}},

		{name: "demo project on Cloud Functions", vars: map[string]string{"GOOGLE_CLOUD_PROJECT": demo, "FIREBASE_AUTH_EMULATOR_HOST": "h:3", "K_SERVICE": "rooms-create"},
			wantErr: []string{`project "demo-my-game" is emulator-only`, "K_SERVICE=rooms-create", "Cloud Run or Cloud Functions", "set GOOGLE_CLOUD_PROJECT to your project's ID"}},
		{name: "no project on Cloud Functions", vars: map[string]string{"K_SERVICE": "rooms-create"},
			wantErr: []string{"GOOGLE_CLOUD_PROJECT is not set, so the project is demo-openplay", "K_SERVICE"}},
		{name: "demo project in a Cloud Run job", vars: map[string]string{"GOOGLE_CLOUD_PROJECT": demo, "CLOUD_RUN_JOB": "sweep"},
			wantErr: []string{"CLOUD_RUN_JOB=sweep"}},
		{name: "demo project under the Functions Framework alone", vars: map[string]string{"FIRESTORE_EMULATOR_HOST": "h:1", "FUNCTION_TARGET": "RoomsCreate"},
			wantErr: []string{"FUNCTION_TARGET=RoomsCreate", "functions/cmd/function"}},
		{name: "demo project on App Engine", vars: map[string]string{"GOOGLE_CLOUD_PROJECT": demo, "GAE_SERVICE": "default"},
			wantErr: []string{"GAE_SERVICE=default", "App Engine"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(env(tt.vars))
			if len(tt.wantErr) == 0 {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, want := range tt.wantErr {
				assert.Contains(t, err.Error(), want)
			}
		})
	}
}
