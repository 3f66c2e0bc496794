package emulator

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Account is a user the Auth emulator signed up, with a fresh ID token.
type Account struct {
	ID    string
	Name  string
	Token string
}

// SignUp signs up a user with a unique e-mail address and the given display name in the Auth
// emulator at host (FIREBASE_AUTH_EMULATOR_HOST), for a real ID token.
func SignUp(ctx context.Context, host, name string) (Account, error) {
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	body, _ := json.Marshal(map[string]any{
		"email": strings.ToLower(name) + "-" + hex.EncodeToString(suffix) + "@example.com", "password": "password-" + hex.EncodeToString(suffix),
		"displayName": name, "returnSecureToken": true,
	})
	url := "http://" + host + "/identitytoolkit.googleapis.com/v1/accounts:signUp?key=emulator-api-key"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Account{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return Account{}, fmt.Errorf("sign up %s in the Auth emulator: %w", name, err)
	}
	defer res.Body.Close()
	var out struct {
		LocalID string `json:"localId"`
		IDToken string `json:"idToken"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK || out.IDToken == "" {
		return Account{}, fmt.Errorf("sign up %s in the Auth emulator: status %d, %v", name, res.StatusCode, err)
	}
	return Account{ID: out.LocalID, Name: name, Token: out.IDToken}, nil
}
