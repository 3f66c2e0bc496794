package config

import (
	"log/slog"
	"strings"
	"testing"
	"time"

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
		{name: "explicit", vars: map[string]string{"GOOGLE_CLOUD_PROJECT": "p", "OPENPLAY_APPLICATION_ID": "app",
			"OPENPLAY_MAX_BODY_BYTES": "4096", "OPENPLAY_LOG_LEVEL": "debug", "FIRESTORE_EMULATOR_HOST": "h:1"},
			want: Config{ProjectID: "p", ApplicationID: "app", MaxBodyBytes: 4096, LogLevel: slog.LevelDebug, FirestoreEmulator: "h:1", Events: event.DefaultLimits}},
		{name: "gcloud project fallback", vars: map[string]string{"GCLOUD_PROJECT": "g"},
			want: Config{ProjectID: "g", ApplicationID: "g", MaxBodyBytes: 1 << 20, LogLevel: slog.LevelInfo, Events: event.DefaultLimits}},
		{name: "auth emulator on cloud functions", vars: map[string]string{"FIREBASE_AUTH_EMULATOR_HOST": "h:9099", "K_SERVICE": "rooms-create"},
			wantErr: "refuses to run"},
		{name: "turn secret", vars: map[string]string{"OPENPLAY_TURN_SECRET": "s3cret"},
			want: Config{ProjectID: DefaultProjectID, ApplicationID: DefaultProjectID, MaxBodyBytes: 1 << 20, LogLevel: slog.LevelInfo, Events: event.DefaultLimits, TURNSecret: "s3cret"}},
		{name: "bad body limit", vars: map[string]string{"OPENPLAY_MAX_BODY_BYTES": "12"}, wantErr: "OPENPLAY_MAX_BODY_BYTES"},
		{name: "bad log level", vars: map[string]string{"OPENPLAY_LOG_LEVEL": "LOUD"}, wantErr: "OPENPLAY_LOG_LEVEL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(env(tt.vars))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
