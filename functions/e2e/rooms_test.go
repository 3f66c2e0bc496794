package e2e

import (
	"errors"
	"net/http"
	"testing"

	games "google.golang.org/api/games/v1"
	"google.golang.org/api/googleapi"
)

// wantCode checks that a generated-client call failed with a *googleapi.Error of code.
func wantCode(t *testing.T, what string, err error, code int) {
	t.Helper()
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) || gerr.Code != code || gerr.Message == "" {
		t.Fatalf("%s: %v; want a *googleapi.Error %d with a message", what, err, code)
	}
}

func participant(t *testing.T, r *games.Room, playerID string) *games.RoomParticipant {
	t.Helper()
	for _, p := range r.Participants {
		if p.Player != nil && p.Player.PlayerId == playerID {
			return p
		}
	}
	t.Fatalf("player %s not in room %s", playerID, r.RoomId)
	return nil
}

// TestRoomLifecycle drives a whole real-time room through the generated client: create with
// invitations → list → join → decline → reportStatus until active → leave → deleted.
func TestRoomLifecycle(t *testing.T) {
	ana, ben, chloe, mallory := signUp(t, "Ana"), signUp(t, "Ben"), signUp(t, "Chloe"), signUp(t, "Mallory")

	room, err := ana.Games.Rooms.Create(&games.RoomCreateRequest{
		InvitedPlayerIds: []string{ben.ID, chloe.ID}, RequestId: 77, Variant: 2, Capabilities: []string{"voice"},
		ClientAddress: &games.RoomClientAddress{XmppAddress: "ana@games"},
	}).Language("en").Do()
	if err != nil {
		t.Fatal(err)
	}
	if room.Kind != "games#room" || room.Status != "ROOM_INVITING" || room.Variant != 2 || room.RoomStatusVersion != 1 || len(room.Participants) != 3 {
		t.Fatalf("created: %+v", room)
	}
	again, err := ana.Games.Rooms.Create(&games.RoomCreateRequest{InvitedPlayerIds: []string{ben.ID, chloe.ID}, RequestId: 77}).Do()
	if err != nil || again.RoomId != room.RoomId {
		t.Fatalf("retried create: %v, room %s; want %s", err, again.RoomId, room.RoomId)
	}

	list, err := ben.Games.Rooms.List().MaxResults(10).Do()
	if err != nil || len(list.Items) != 1 || list.Items[0].RoomId != room.RoomId || list.Items[0].InviterId == "" {
		t.Fatalf("Ben's invitations: %+v, %v", list, err)
	}

	joined, err := ben.Games.Rooms.Join(room.RoomId, &games.RoomJoinRequest{Capabilities: []string{"voice"},
		NetworkDiagnostics: &games.NetworkDiagnostics{AndroidNetworkType: 1, RegistrationLatencyMillis: 20}}).Do()
	if err != nil || participant(t, joined, ben.ID).Status != "PARTICIPANT_JOINED" {
		t.Fatalf("join: %v", err)
	}
	_, err = ben.Games.Rooms.Join(room.RoomId, &games.RoomJoinRequest{}).Do()
	wantCode(t, "joining twice", err, http.StatusConflict)

	declined, err := chloe.Games.Rooms.Decline(room.RoomId).Do()
	if err != nil || participant(t, declined, chloe.ID).Status != "PARTICIPANT_DECLINED" || declined.Status != "ROOM_CONNECTING" {
		t.Fatalf("decline: %+v, %v", declined, err)
	}

	anaID, benID := participant(t, joined, ana.ID).Id, participant(t, joined, ben.ID).Id
	status, err := ana.Games.Rooms.ReportStatus(room.RoomId, &games.RoomP2PStatuses{Updates: []*games.RoomP2PStatus{
		{ParticipantId: benID, Status: "CONNECTION_ESTABLISHED", ConnectionSetupLatencyMillis: 35}}}).Do()
	if err != nil || status.Status != "ROOM_CONNECTING" {
		t.Fatalf("first report: %+v, %v", status, err)
	}
	status, err = ben.Games.Rooms.ReportStatus(room.RoomId, &games.RoomP2PStatuses{Updates: []*games.RoomP2PStatus{
		{ParticipantId: anaID, Status: "CONNECTION_ESTABLISHED"}}}).Do()
	if err != nil || status.Status != "ROOM_ACTIVE" || status.Kind != "games#roomStatus" || status.StatusVersion <= room.RoomStatusVersion {
		t.Fatalf("second report: %+v, %v", status, err)
	}

	left, err := ana.Games.Rooms.Leave(room.RoomId, &games.RoomLeaveRequest{Reason: "REALTIME_GAME_CRASHED"}).Do()
	if err != nil || participant(t, left, ana.ID).LeaveReason != "ABANDONED" {
		t.Fatalf("Ana leaves: %v", err)
	}
	left, err = ben.Games.Rooms.Leave(room.RoomId, &games.RoomLeaveRequest{Reason: "PLAYER_LEFT"}).Do()
	if err != nil || left.Status != "ROOM_DELETED" {
		t.Fatalf("Ben leaves: %+v, %v", left, err)
	}
	got, err := chloe.Games.Rooms.Get(room.RoomId).Do()
	if err != nil || got.Status != "ROOM_DELETED" {
		t.Fatalf("tombstone: %+v, %v", got, err)
	}

	// Error cases, as a generated client sees them.
	_, err = mallory.Games.Rooms.Get(room.RoomId).Do()
	wantCode(t, "a stranger reads the room", err, http.StatusNotFound)
	_, err = ben.Games.Rooms.ReportStatus(room.RoomId, &games.RoomP2PStatuses{}).Do()
	wantCode(t, "reporting on a deleted room", err, http.StatusConflict)
	_, err = ana.Games.Rooms.Create(&games.RoomCreateRequest{InvitedPlayerIds: []string{ana.ID}}).Do()
	wantCode(t, "self-invite", err, http.StatusBadRequest)
	_, err = ana.Games.Rooms.Leave(room.RoomId, &games.RoomLeaveRequest{Reason: "BORED"}).Do()
	wantCode(t, "unknown leave reason", err, http.StatusBadRequest)
	_, err = client(t, devServer, "").Rooms.List().Do()
	wantCode(t, "no token", err, http.StatusUnauthorized)
}

func TestDismissThroughTheGeneratedClient(t *testing.T) {
	ana, ben := signUp(t, "Ana"), signUp(t, "Ben")
	room, err := ana.Games.Rooms.Create(&games.RoomCreateRequest{InvitedPlayerIds: []string{ben.ID}}).Do()
	if err != nil {
		t.Fatal(err)
	}
	if err := ben.Games.Rooms.Dismiss(room.RoomId).Do(); err != nil {
		t.Fatal(err)
	}
	list, err := ben.Games.Rooms.List().Do()
	if err != nil || len(list.Items) != 0 {
		t.Fatalf("after dismiss: %+v, %v", list, err)
	}
	wantCode(t, "the creator dismisses", ana.Games.Rooms.Dismiss(room.RoomId).Do(), http.StatusConflict)
}
