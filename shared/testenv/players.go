package testenv

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/openplay-games/openplay/shared/auth"
)

// Player is a player signed up in the Auth emulator, with a fresh ID token.
type Player auth.Account

// NewPlayer signs up a player with a unique e-mail address and the given display name.
func NewPlayer(t testing.TB, name string) Player {
	t.Helper()
	a, err := auth.SignUpOnEmulator(t.Context(), os.Getenv("FIREBASE_AUTH_EMULATOR_HOST"), name)
	if err != nil {
		t.Fatal(err)
	}
	return Player(a)
}

// WithClaims returns p's token with its claims edited by edit. Emulator tokens are unsigned and
// the server skips signature checks in emulator mode, so this is how tests present an expired
// token or one for another project: everything but the signature is checked for real.
func (p Player) WithClaims(t testing.TB, edit func(claims map[string]any)) string {
	t.Helper()
	parts := strings.Split(p.Token, ".")
	if len(parts) != 3 {
		t.Fatalf("ID token has %d parts", len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	claims := map[string]any{}
	if err := json.Unmarshal(raw, &claims); err != nil {
		t.Fatal(err)
	}
	edit(claims)
	raw, _ = json.Marshal(claims)
	parts[1] = base64.RawURLEncoding.EncodeToString(raw)
	return strings.Join(parts, ".")
}
