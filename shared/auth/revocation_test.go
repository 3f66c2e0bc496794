package auth

import (
	"testing"

	fbauth "firebase.google.com/go/v4/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/player"
)

// TestAgainstAccount is the check production makes on its own account lookup (against the Auth
// emulator the SDK refuses disabled and revoked accounts first; see the service's tests).
func TestAgainstAccount(t *testing.T) {
	const issued = 1_800_000_000 // the token's iat, in seconds
	server := map[string]any{player.ServerClaim: true}
	for _, tt := range []struct {
		name       string
		claims     map[string]any // the token's
		account    fbauth.UserRecord
		wantErr    string
		wantServer bool
	}{
		{name: "a player in good standing", account: fbauth.UserRecord{TokensValidAfterMillis: (issued - 60) * 1000}},
		{name: "disabled", account: fbauth.UserRecord{Disabled: true}, wantErr: "the player's account is disabled"},
		{name: "signed out everywhere after the token was issued", account: fbauth.UserRecord{TokensValidAfterMillis: (issued + 1) * 1000},
			wantErr: "the ID token was revoked"},
		{name: "signed out in the second the token was issued", account: fbauth.UserRecord{TokensValidAfterMillis: issued * 1000}},
		{name: "a server principal", claims: server, account: fbauth.UserRecord{CustomClaims: server}, wantServer: true},
		{name: "a server claim removed since the token", claims: server, account: fbauth.UserRecord{}},
		{name: "a server claim added since the token", account: fbauth.UserRecord{CustomClaims: server}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := againstAccount(&fbauth.Token{IssuedAt: issued, Claims: tt.claims}, &tt.account)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.True(t, errs.Is(err, errs.Unauthenticated), "a 401: %v", err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantServer, got)
		})
	}
}
