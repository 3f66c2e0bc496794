package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	games "google.golang.org/api/games/v1"
)

// TestOneEntryPointAsDeployed runs the RoomsCreate entry point alone under the Functions
// Framework, as Cloud Functions runs it from the root package: it serves its own API path and
// nothing else; the invitation it published ends up marked sent (written in the background,
// and flushed when the function stops at the latest).
func TestOneEntryPointAsDeployed(t *testing.T) {
	url, stop, err := start(t.TempDir(), "function", []string{"RoomsCreate"})
	require.NoError(t, err, "the RoomsCreate function")
	t.Cleanup(func() { assert.NoError(t, stop(), "the RoomsCreate function") })
	ana, ben := signUp(t, "Ana"), signUp(t, "Ben")
	fn := client(t, url, ana.Token)

	room, err := fn.Rooms.Create(&games.RoomCreateRequest{InvitedPlayerIds: []string{ben.ID}}).Do()
	require.NoError(t, err, "create through the RoomsCreate function")
	require.Equal(t, "ROOM_INVITING", room.Status, "create through the RoomsCreate function: %+v", room)
	require.Equal(t, "PARTICIPANT_INVITED", participant(t, room, ben.ID).Status, "create through the RoomsCreate function: Ben")
	_, err = fn.Rooms.Get(room.RoomId).Do()
	wantCode(t, "rooms.get sent to the RoomsCreate function", err, http.StatusNotFound)
	_, err = fn.Rooms.List().Do()
	wantCode(t, "rooms.list sent to the RoomsCreate function", err, http.StatusNotFound)

	require.NoError(t, stop(), "the RoomsCreate function")
	require.Equal(t, "true", outboxField(t, "room~"+room.RoomId+"~invitation~p_2", "sent"), "the invitation's outbox record after the function stopped: sent")
}

// outboxField reads one field of an outbox record straight from the Firestore emulator's REST
// API (as its owner, past the security rules), in the API's JSON form.
func outboxField(t *testing.T, id, field string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "http://"+os.Getenv("FIRESTORE_EMULATOR_HOST")+"/v1/projects/"+project()+
		"/databases/(default)/documents/outbox/"+id, nil)
	req.Header.Set("Authorization", "Bearer owner")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "read outbox/%s", id)
	defer res.Body.Close()
	var doc struct {
		Fields map[string]map[string]any `json:"fields"`
	}
	err = json.NewDecoder(res.Body).Decode(&doc)
	require.Equal(t, http.StatusOK, res.StatusCode, "read outbox/%s", id)
	require.NoError(t, err, "read outbox/%s", id)
	for _, v := range doc.Fields[field] {
		return fmt.Sprint(v)
	}
	return ""
}
