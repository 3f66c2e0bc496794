package auth_test

import (
	"testing"

	firebase "firebase.google.com/go/v4"
	fbauth "firebase.google.com/go/v4/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/auth"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestProfilesCarryCleanNames: whatever name a player sets, in their ID token's claims or their
// Auth user record, the profile OpenPlay makes of them carries it cleaned (no bidi override, no
// line break, bounded).
func TestProfilesCarryCleanNames(t *testing.T) {
	cfg := testenv.Config(t)
	const dirty, clean = "Ana\u202egnp.exe\n\nhttps://evil.example   now", "Anagnp.exe https://evil.example now"
	ana := testenv.NewPlayer(t, "Ana")
	f := auth.New(cfg.ProjectID)

	p, err := f.Verify(t.Context(), ana.WithClaims(t, func(c map[string]any) { c["name"] = dirty }))
	require.NoError(t, err)
	assert.Equal(t, clean, p.DisplayName, "from the ID token's name claim")

	app, err := firebase.NewApp(t.Context(), &firebase.Config{ProjectID: cfg.ProjectID})
	require.NoError(t, err)
	admin, err := app.Auth(t.Context())
	require.NoError(t, err)
	_, err = admin.UpdateUser(t.Context(), ana.ID, (&fbauth.UserToUpdate{}).DisplayName(dirty))
	require.NoError(t, err)
	profiles, err := f.Profiles(t.Context(), []string{ana.ID})
	require.NoError(t, err)
	assert.Equal(t, clean, profiles[ana.ID].DisplayName, "from the Auth user record, as invitees are looked up")
}
