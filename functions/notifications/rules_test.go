package notifications_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"github.com/openplay-games/openplay/shared/testenv"
)

// TestInboxRules loads infra/firestore.rules into the Firestore emulator and reads an inbox
// document as a Firebase client would: its owner may, another player and a signed-out client may
// not, and nobody may write.
func TestInboxRules(t *testing.T) {
	svc := testenv.Service(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	n := roomBehindTheOutbox(t, svc, ana, ben)
	if _, err := svc.Store.Deliver(t.Context(), n, svc.Time()); err != nil {
		t.Fatal(err)
	}
	rules, err := os.ReadFile("../../infra/firestore.rules")
	if err != nil {
		t.Fatal(err)
	}
	host := "http://" + os.Getenv("FIRESTORE_EMULATOR_HOST")
	body, _ := json.Marshal(map[string]any{"rules": map[string]any{"files": []map[string]string{{"name": "firestore.rules", "content": string(rules)}}}})
	if status := call(t, http.MethodPut, host+"/emulator/v1/projects/"+svc.Config.ProjectID+":securityRules", "", body); status != http.StatusOK {
		t.Fatalf("loading the rules: %d", status)
	}
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
