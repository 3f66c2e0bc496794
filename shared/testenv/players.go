package testenv

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
)

// Player is a player signed up in the Auth emulator, with a fresh ID token.
type Player struct {
	ID    string
	Name  string
	Token string
}

// NewPlayer signs up a player with a unique e-mail address and the given display name.
func NewPlayer(t testing.TB, name string) Player {
	t.Helper()
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	body, _ := json.Marshal(map[string]any{
		"email": strings.ToLower(name) + "-" + hex.EncodeToString(suffix) + "@example.com", "password": "password-" + hex.EncodeToString(suffix),
		"displayName": name, "returnSecureToken": true,
	})
	url := "http://" + os.Getenv("FIREBASE_AUTH_EMULATOR_HOST") + "/identitytoolkit.googleapis.com/v1/accounts:signUp?key=test-api-key"
	res, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("sign up %s in the Auth emulator: %v", name, err)
	}
	defer res.Body.Close()
	var out struct {
		LocalID string `json:"localId"`
		IDToken string `json:"idToken"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK || out.IDToken == "" {
		t.Fatalf("sign up %s in the Auth emulator: status %d, %v", name, res.StatusCode, err)
	}
	return Player{ID: out.LocalID, Name: name, Token: out.IDToken}
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
