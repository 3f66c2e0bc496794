package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestLoad loads settings for an application of its own on the Firestore emulator.
func TestLoad(t *testing.T) {
	cfg := testenv.Config(t)
	app := "appsettings-" + ids.Random()[:8]
	t.Setenv("OPENPLAY_APPLICATION_ID", app)
	file := filepath.Join(t.TempDir(), "application.json")
	write := func(content string) { require.NoError(t, os.WriteFile(file, []byte(content), 0o600)) }
	s := store.New(cfg.ProjectID)
	defer s.Close()
	stored := func() application.Settings {
		got, err := s.Settings(t.Context(), app)
		require.NoError(t, err)
		return got
	}
	write(`{"timeouts": {"turn": "72h"}, "limits": {"invitations": {"perRecipient": 12}}, "auth": {"checkRevoked": true},
		"realtime": {"stunUrls": ["stun:stun.example.com:3478"]}}`)

	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, file, true))
	assert.Contains(t, out.String(), "timeouts.turn = 72h0m0s (was 336h0m0s)")
	assert.Contains(t, out.String(), "limits.invitations.perRecipient = 12 (was 30)")
	assert.Contains(t, out.String(), "limits.invitations.window = 10m0s (unchanged)")
	assert.Contains(t, out.String(), "auth.checkRevoked = true (was false)")
	assert.Contains(t, out.String(), "realtime.stunUrls = [stun:stun.example.com:3478] (was [])")
	assert.Equal(t, application.Defaults, stored(), "a dry run stores nothing")

	out.Reset()
	require.NoError(t, run(t.Context(), &out, file, false))
	want := application.Defaults
	want.Timeouts.Turn, want.Limits.Invitations.PerRecipient, want.Auth.CheckRevoked = 72*time.Hour, 12, true
	want.Realtime.STUN = []string{"stun:stun.example.com:3478"}
	assert.Equal(t, want, stored())

	for content, field := range map[string]string{
		`{"timeouts": {"turn": "forever"}}`:                        "timeouts.turn",
		`{"limits": {"invitations": {"perSenderToOnePlayer": 0}}}`: "limits.invitations.perSenderToOnePlayer",
	} {
		write(content)
		assert.ErrorContains(t, run(t.Context(), &out, file, false), field, content)
		assert.Equal(t, want, stored(), "a bad file changes nothing: %s", content)
	}
}
