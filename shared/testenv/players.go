package testenv

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/emulator"
)

// Player is a player signed up in the Auth emulator, with a fresh ID token.
type Player emulator.Account

// NewPlayer signs up a player with a unique e-mail address and the given display name.
func NewPlayer(t testing.TB, name string) Player {
	t.Helper()
	p, err := NewPlayerErr(t, name)
	require.NoError(t, err)
	return p
}

// NewPlayerErr is NewPlayer returning an error instead of failing the test, for a goroutine
// other than the test's.
func NewPlayerErr(t testing.TB, name string) (Player, error) {
	a, err := emulator.SignUp(t.Context(), os.Getenv("FIREBASE_AUTH_EMULATOR_HOST"), name)
	return Player(a), err
}

// WithClaims returns p's token with its claims edited by edit. Emulator tokens are unsigned and
// the server skips signature checks in emulator mode, so this is how tests present an expired
// token or one for another project: everything but the signature is checked for real.
func (p Player) WithClaims(t testing.TB, edit func(claims map[string]any)) string {
	t.Helper()
	parts := strings.Split(p.Token, ".")
	require.Len(t, parts, 3, "ID token parts")
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	claims := map[string]any{}
	require.NoError(t, json.Unmarshal(raw, &claims))
	edit(claims)
	raw, _ = json.Marshal(claims)
	parts[1] = base64.RawURLEncoding.EncodeToString(raw)
	return strings.Join(parts, ".")
}

// OddPlayerIDs are valid Firebase uids that Firestore refuses as document IDs as they are
// (".", "..", "__…__", "/"), or that read like another uid escaped ("%2E" is how "." is escaped).
var OddPlayerIDs = []string{".", "..", "__x__", "____", "a/b", "%2E", "%"}

// PlayerWithID signs in the player whose uid is id, making them on first use, with a custom
// token as a game's own sign-in would mint one: how tests get players whose uids no sign-up
// gives out (".", "__x__", "a/b"). The Auth emulator takes unsigned custom tokens. Such a player
// is shared by every test that names the same uid, so tests look only at data of their own.
func PlayerWithID(t testing.TB, id string) Player {
	t.Helper()
	claims, _ := json.Marshal(map[string]any{"uid": id, "aud": customTokenAudience, "iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix()})
	token := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + base64.RawURLEncoding.EncodeToString(claims) + "."
	body, _ := json.Marshal(map[string]any{"token": token, "returnSecureToken": true})
	url := "http://" + os.Getenv("FIREBASE_AUTH_EMULATOR_HOST") + "/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken?key=emulator-api-key"
	res, err := http.Post(url, "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer res.Body.Close()
	var out struct {
		IDToken string `json:"idToken"`
	}
	err = json.NewDecoder(res.Body).Decode(&out)
	require.NoError(t, err, "sign in %q in the Auth emulator", id)
	require.Equal(t, http.StatusOK, res.StatusCode, "sign in %q in the Auth emulator", id)
	require.NotEmpty(t, out.IDToken, "sign in %q in the Auth emulator", id)
	return Player{ID: id, Name: id, Token: out.IDToken}
}

// customTokenAudience is the audience of a Firebase custom token.
const customTokenAudience = "https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit"
