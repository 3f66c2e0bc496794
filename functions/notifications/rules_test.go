package notifications_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/testenv"
)

// TestInboxRules reads an inbox document as a Firebase client would, through the rules the
// Firestore emulator runs, which must be infra/firestore.rules (emulators/run starts it with
// them): its owner may, another player and a signed-out client may not, and nobody may write.
func TestInboxRules(t *testing.T) {
	svc := testenv.Service(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	n := roomBehindTheOutbox(t, svc, ana, ben)
	if _, err := svc.Store.Deliver(t.Context(), n, svc.Time()); err != nil {
		t.Fatal(err)
	}
	host := "http://" + os.Getenv("FIRESTORE_EMULATOR_HOST")
	requireRepositoryRules(t, host, svc.Config.ProjectID)
	doc := host + "/v1/projects/" + svc.Config.ProjectID + "/databases/(default)/documents/players/" + ben.ID + "/inbox/" + n.ID
	for _, tt := range []struct {
		who    string
		method string
		token  string
		want   int
	}{
		{"the owner reads", http.MethodGet, ben.Token, http.StatusOK},
		{"another player reads", http.MethodGet, ana.Token, http.StatusForbidden},
		{"a signed-out client reads", http.MethodGet, "", http.StatusForbidden},
		{"the owner writes", http.MethodPatch, ben.Token, http.StatusForbidden},
	} {
		if got := call(t, tt.method, doc, tt.token, []byte(`{"fields": {"read": {"booleanValue": true}}}`)); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.who, got, tt.want)
		}
	}
}

// requireRepositoryRules fails the test unless the Firestore emulator at host runs exactly
// infra/firestore.rules for project.
func requireRepositoryRules(t *testing.T, host, project string) {
	t.Helper()
	want, err := os.ReadFile("../../infra/firestore.rules")
	require.NoError(t, err)
	res, err := http.Get(host + "/emulator/v1/projects/" + project + ":securityRules")
	require.NoError(t, err)
	defer res.Body.Close()
	var running struct {
		Rules struct {
			Files []struct{ Name, Content string }
		}
	}
	require.Equal(t, http.StatusOK, res.StatusCode, "reading the emulator's rules")
	require.NoError(t, json.NewDecoder(res.Body).Decode(&running))
	var names []string
	for _, f := range running.Rules.Files {
		if f.Content == string(want) {
			return
		}
		names = append(names, f.Name)
	}
	require.Failf(t, "the Firestore emulator does not run infra/firestore.rules",
		"it runs %v. emulators/run starts it with them; this one was started elsewhere, or before the rules changed: stop it and run the tests again", names)
}

func call(t *testing.T, method, url, token string, body []byte) int {
	t.Helper()
	req, _ := http.NewRequest(method, url, bytes.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}
