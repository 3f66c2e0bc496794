package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"testing"

	games "google.golang.org/api/games/v1"
)

// TestOneEntryPointAsDeployed runs the RoomsCreate entry point alone under the Functions
// Framework, as Cloud Functions runs it from the root package: it serves its own API path and
// nothing else; the invitation it published ends up marked sent (written in the background,
// and flushed when the function stops at the latest).
func TestOneEntryPointAsDeployed(t *testing.T) {
	url, stop, err := start(t.TempDir(), "function", []string{"RoomsCreate"})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	ana, ben := signUp(t, "Ana"), signUp(t, "Ben")
	fn := client(t, url, ana.Token)

	room, err := fn.Rooms.Create(&games.RoomCreateRequest{InvitedPlayerIds: []string{ben.ID}}).Do()
	if err != nil || room.Status != "ROOM_INVITING" || participant(t, room, ben.ID).Status != "PARTICIPANT_INVITED" {
		t.Fatalf("create through the RoomsCreate function: %+v, %v", room, err)
	}
	_, err = fn.Rooms.Get(room.RoomId).Do()
	wantCode(t, "rooms.get sent to the RoomsCreate function", err, http.StatusNotFound)
	_, err = fn.Rooms.List().Do()
	wantCode(t, "rooms.list sent to the RoomsCreate function", err, http.StatusNotFound)

	stop()
	if sent := outboxField(t, "room~"+room.RoomId+"~invitation~p_2", "sent"); sent != "true" {
		t.Fatalf("the invitation's outbox record after the function stopped: sent = %s, want true", sent)
	}
}

// outboxField reads one field of an outbox record straight from the Firestore emulator's REST
// API (as its owner, past the security rules), in the API's JSON form.
func outboxField(t *testing.T, id, field string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "http://"+os.Getenv("FIRESTORE_EMULATOR_HOST")+"/v1/projects/"+project()+
		"/databases/(default)/documents/outbox/"+id, nil)
	req.Header.Set("Authorization", "Bearer owner")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var doc struct {
		Fields map[string]map[string]any `json:"fields"`
	}
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("read outbox/%s: %d, %v", id, res.StatusCode, err)
	}
	for _, v := range doc.Fields[field] {
		return fmt.Sprint(v)
	}
	return ""
}
