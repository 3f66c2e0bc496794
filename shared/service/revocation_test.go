package service_test

import (
	"context"
	"testing"
	"time"

	firebase "firebase.google.com/go/v4"
	fbauth "firebase.google.com/go/v4/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestRevocationCheck: a player calls, then the operator disables, deletes or signs them out
// everywhere in Firebase Auth, and the player calls again with the same token. With the
// application's auth.checkRevoked on, that second call is refused, saying why; with it off (the
// default) it is accepted, as before, from the instance's memory of the verified token.
func TestRevocationCheck(t *testing.T) {
	for _, tt := range []struct {
		name    string
		operate func(ctx context.Context, admin *fbauth.Client, uid string) error
		refused string
	}{
		{"disabled", func(ctx context.Context, admin *fbauth.Client, uid string) error {
			_, err := admin.UpdateUser(ctx, uid, (&fbauth.UserToUpdate{}).Disabled(true))
			return err
		}, "the player's account is disabled"},
		{"deleted", func(ctx context.Context, admin *fbauth.Client, uid string) error {
			return admin.DeleteUser(ctx, uid)
		}, "the token's account no longer exists"},
		{"signed out everywhere", func(ctx context.Context, admin *fbauth.Client, uid string) error {
			// Firebase keeps revocations to the second: revoke in a later one than the token's.
			for issued := time.Now().Unix(); time.Now().Unix() <= issued; {
				time.Sleep(20 * time.Millisecond)
			}
			return admin.RevokeRefreshTokens(ctx, uid)
		}, "the ID token was revoked"},
	} {
		for _, checkRevoked := range []bool{false, true} {
			t.Run(tt.name+", "+checkMode(checkRevoked), func(t *testing.T) {
				svc, admin := withCheckRevoked(t, checkRevoked)
				ana := testenv.NewPlayer(t, "Ana")
				token := ana.Token
				_, err := svc.Auth.Verify(t.Context(), token)
				require.NoError(t, err, "the first call")
				require.NoError(t, tt.operate(t.Context(), admin, ana.ID))

				p, err := svc.Auth.Verify(t.Context(), token)
				if !checkRevoked {
					require.NoError(t, err, "the next call with the check off")
					assert.Equal(t, ana.ID, p.ID)
					return
				}
				require.Error(t, err, "the next call with the check on")
				assert.True(t, errs.Is(err, errs.Unauthenticated), "a 401: %v", err)
				assert.Contains(t, err.Error(), tt.refused)
			})
		}
	}
}

// TestRemovedServerClaim: a server principal's token carries the server claim; once the
// operator removes the claim from its account, the same token still speaks for a server with
// the check off (until it expires) and only for a player with the check on.
func TestRemovedServerClaim(t *testing.T) {
	for _, checkRevoked := range []bool{false, true} {
		t.Run(checkMode(checkRevoked), func(t *testing.T) {
			svc, admin := withCheckRevoked(t, checkRevoked)
			host := testenv.NewPlayer(t, "Host")
			require.NoError(t, admin.SetCustomUserClaims(t.Context(), host.ID, map[string]any{player.ServerClaim: true}))
			token := host.WithClaims(t, func(c map[string]any) { c[player.ServerClaim] = true })
			p, err := svc.Auth.Verify(t.Context(), token)
			require.NoError(t, err)
			require.True(t, p.Server, "the first call, with the claim on the account")

			require.NoError(t, admin.SetCustomUserClaims(t.Context(), host.ID, nil))
			p, err = svc.Auth.Verify(t.Context(), token)
			require.NoError(t, err)
			assert.Equal(t, !checkRevoked, p.Server, "a server on the next call")
		})
	}
}

func checkMode(checkRevoked bool) string {
	if checkRevoked {
		return "check on"
	}
	return "check off"
}

// withCheckRevoked is a service for an application of its own with auth.checkRevoked set as
// given, and an Admin SDK client on the Auth emulator for the operator's side.
func withCheckRevoked(t *testing.T, checkRevoked bool) (*service.Service, *fbauth.Client) {
	t.Helper()
	svc := testenv.Service(t)
	svc.Config.ApplicationID = "revocation-" + ids.Random()[:8]
	settings := application.Defaults
	settings.Auth.CheckRevoked = checkRevoked
	require.NoError(t, svc.Store.PutSettings(t.Context(), svc.Config.ApplicationID, settings))
	app, err := firebase.NewApp(t.Context(), &firebase.Config{ProjectID: svc.Config.ProjectID})
	require.NoError(t, err)
	admin, err := app.Auth(t.Context())
	require.NoError(t, err)
	return svc, admin
}
