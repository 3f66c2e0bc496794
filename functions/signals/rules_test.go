package signals_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSignalRules loads infra/firestore.rules into the Firestore emulator and reads a signal as a
// browser's Firebase SDK would: its recipient may, the sender and a signed-out client may not,
// and nobody may write.
func TestSignalRules(t *testing.T) {
	g := newGame(t)
	sig := g.send(g.ana, g.benID, "offer", 1, "v=0")
	rules, err := os.ReadFile("../../infra/firestore.rules")
	require.NoError(t, err)
	host := "http://" + os.Getenv("FIRESTORE_EMULATOR_HOST")
	body, _ := json.Marshal(map[string]any{"rules": map[string]any{"files": []map[string]string{{"name": "firestore.rules", "content": string(rules)}}}})
	require.Equal(t, http.StatusOK, call(t, http.MethodPut, host+"/emulator/v1/projects/"+g.api.Svc.Config.ProjectID+":securityRules", "", body))
	doc := host + "/v1/projects/" + g.api.Svc.Config.ProjectID + "/databases/(default)/documents/players/" + g.ben.ID + "/signals/" + sig.ID
	for _, tt := range []struct {
		who    string
		method string
		token  string
		want   int
	}{
		{"the recipient reads", http.MethodGet, g.ben.Token, http.StatusOK},
		{"the sender reads", http.MethodGet, g.ana.Token, http.StatusForbidden},
		{"a signed-out client reads", http.MethodGet, "", http.StatusForbidden},
		{"the recipient writes", http.MethodPatch, g.ben.Token, http.StatusForbidden},
		{"the sender writes", http.MethodPatch, g.ana.Token, http.StatusForbidden},
	} {
		assert.Equal(t, tt.want, call(t, tt.method, doc, tt.token, []byte(`{"fields": {"payload": {"stringValue": "forged"}}}`)), tt.who)
	}
}

func call(t *testing.T, method, url, token string, body []byte) int {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	return res.StatusCode
}
