package e2e

import (
	"net/http"
	"testing"

	games "google.golang.org/api/games/v1"
)

// TestOneEntryPointAsDeployed runs the RoomsCreate entry point alone under the Functions
// Framework, as Cloud Functions runs it from the root package: it serves its own API path and
// nothing else.
func TestOneEntryPointAsDeployed(t *testing.T) {
	url, stop, err := start(t.TempDir(), "function", "FUNCTION_TARGET=RoomsCreate")
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
}
