package config

import (
	"log/slog"
	"strings"
	"testing"
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
			want: Config{ProjectID: DefaultProjectID, ApplicationID: DefaultProjectID, MaxBodyBytes: 1 << 20, LogLevel: slog.LevelInfo}},
		{name: "explicit", vars: map[string]string{"GOOGLE_CLOUD_PROJECT": "p", "OPENPLAY_APPLICATION_ID": "app",
			"OPENPLAY_MAX_BODY_BYTES": "4096", "OPENPLAY_LOG_LEVEL": "debug", "FIRESTORE_EMULATOR_HOST": "h:1"},
			want: Config{ProjectID: "p", ApplicationID: "app", MaxBodyBytes: 4096, LogLevel: slog.LevelDebug, FirestoreEmulator: "h:1"}},
		{name: "gcloud project fallback", vars: map[string]string{"GCLOUD_PROJECT": "g"},
			want: Config{ProjectID: "g", ApplicationID: "g", MaxBodyBytes: 1 << 20, LogLevel: slog.LevelInfo}},
		{name: "auth emulator on cloud functions", vars: map[string]string{"FIREBASE_AUTH_EMULATOR_HOST": "h:9099", "K_SERVICE": "rooms-create"},
			wantErr: "refuses to run"},
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
