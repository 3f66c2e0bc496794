package e2e

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
	games "google.golang.org/api/games/v1"
	"google.golang.org/api/googleapi"
)

// wantCode checks that a generated-client call failed with a *googleapi.Error of code.
func wantCode(t *testing.T, what string, err error, code int) {
	t.Helper()
	var gerr *googleapi.Error
	require.True(t, errors.As(err, &gerr), "%s: %v; want a *googleapi.Error %d with a message", what, err, code)
	require.Equal(t, code, gerr.Code, "%s: %v; want a *googleapi.Error %d with a message", what, err, code)
	require.NotEmpty(t, gerr.Message, "%s: %v; want a *googleapi.Error %d with a message", what, err, code)
}

func participant(t *testing.T, r *games.Room, playerID string) *games.RoomParticipant {
	t.Helper()
	for _, p := range r.Participants {
		if p.Player != nil && p.Player.PlayerId == playerID {
			return p
		}
	}
	require.FailNow(t, "no such participant", "player %s not in room %s", playerID, r.RoomId)
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
	require.NoError(t, err, "create")
	require.Equal(t, "games#room", room.Kind, "created: %+v", room)
	require.Equal(t, "ROOM_INVITING", room.Status, "created: %+v", room)
	require.Equal(t, int64(2), room.Variant, "created: %+v", room)
	require.Equal(t, int64(1), room.RoomStatusVersion, "created: %+v", room)
	require.Len(t, room.Participants, 3, "created: %+v", room)
	again, err := ana.Games.Rooms.Create(&games.RoomCreateRequest{InvitedPlayerIds: []string{ben.ID, chloe.ID}, RequestId: 77}).Do()
	require.NoError(t, err, "retried create")
	require.Equal(t, room.RoomId, again.RoomId, "retried create: want the same room")

	list, err := ben.Games.Rooms.List().MaxResults(10).Do()
	require.NoError(t, err, "Ben's invitations")
	require.Len(t, list.Items, 1, "Ben's invitations: %+v", list)
	require.Equal(t, room.RoomId, list.Items[0].RoomId, "Ben's invitation")
	require.NotEmpty(t, list.Items[0].InviterId, "Ben's invitation names its inviter")

	joined, err := ben.Games.Rooms.Join(room.RoomId, &games.RoomJoinRequest{Capabilities: []string{"voice"},
		NetworkDiagnostics: &games.NetworkDiagnostics{AndroidNetworkType: 1, RegistrationLatencyMillis: 20}}).Do()
	require.NoError(t, err, "join")
	require.Equal(t, "PARTICIPANT_JOINED", participant(t, joined, ben.ID).Status, "Ben after he joined")
	_, err = ben.Games.Rooms.Join(room.RoomId, &games.RoomJoinRequest{}).Do()
	wantCode(t, "joining twice", err, http.StatusConflict)

	declined, err := chloe.Games.Rooms.Decline(room.RoomId).Do()
	require.NoError(t, err, "decline")
	require.Equal(t, "PARTICIPANT_DECLINED", participant(t, declined, chloe.ID).Status, "Chloe after she declined")
	require.Equal(t, "ROOM_CONNECTING", declined.Status, "the room after Chloe declined")

	anaID, benID := participant(t, joined, ana.ID).Id, participant(t, joined, ben.ID).Id
	status, err := ana.Games.Rooms.ReportStatus(room.RoomId, &games.RoomP2PStatuses{Updates: []*games.RoomP2PStatus{
		{ParticipantId: benID, Status: "CONNECTION_ESTABLISHED", ConnectionSetupLatencyMillis: 35}}}).Do()
	require.NoError(t, err, "first report")
	require.Equal(t, "ROOM_CONNECTING", status.Status, "first report")
	status, err = ben.Games.Rooms.ReportStatus(room.RoomId, &games.RoomP2PStatuses{Updates: []*games.RoomP2PStatus{
		{ParticipantId: anaID, Status: "CONNECTION_ESTABLISHED"}}}).Do()
	require.NoError(t, err, "second report")
	require.Equal(t, "ROOM_ACTIVE", status.Status, "second report")
	require.Equal(t, "games#roomStatus", status.Kind, "second report")
	require.Greater(t, status.StatusVersion, room.RoomStatusVersion, "second report: the status version moves on")

	left, err := ana.Games.Rooms.Leave(room.RoomId, &games.RoomLeaveRequest{Reason: "REALTIME_GAME_CRASHED"}).Do()
	require.NoError(t, err, "Ana leaves")
	require.Equal(t, "ABANDONED", participant(t, left, ana.ID).LeaveReason, "Ana leaves after her game crashed")
	left, err = ben.Games.Rooms.Leave(room.RoomId, &games.RoomLeaveRequest{Reason: "PLAYER_LEFT"}).Do()
	require.NoError(t, err, "Ben leaves")
	require.Equal(t, "ROOM_DELETED", left.Status, "Ben leaves last: the room is deleted")
	got, err := chloe.Games.Rooms.Get(room.RoomId).Do()
	require.NoError(t, err, "tombstone")
	require.Equal(t, "ROOM_DELETED", got.Status, "tombstone")

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
	require.NoError(t, err, "create")
	require.NoError(t, ben.Games.Rooms.Dismiss(room.RoomId).Do(), "dismiss")
	list, err := ben.Games.Rooms.List().Do()
	require.NoError(t, err, "Ben's invitations after dismiss")
	require.Empty(t, list.Items, "Ben's invitations after dismiss")
	wantCode(t, "the creator dismisses", ana.Games.Rooms.Dismiss(room.RoomId).Do(), http.StatusConflict)
}
