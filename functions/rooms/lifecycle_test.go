package rooms_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"cloud.google.com/go/pubsub/v2"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/testenv"
)

func TestCreatePublishesOneInvitationPerInvitee(t *testing.T) {
	a := newAPI(t)
	invites := testenv.Subscribe(t, notification.TopicInvitations)
	ana, ben, chloe := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe")

	room := a.create(ana, map[string]any{"kind": "games#roomCreateRequest", "invitedPlayerIds": []string{ben.ID, chloe.ID},
		"variant": 3, "capabilities": []string{"voice"}, "clientAddress": map[string]any{"xmppAddress": "ana@games"},
		"networkDiagnostics": map[string]any{"androidNetworkType": 1, "networkOperatorName": "Op"}})

	require.Equal(t, "games#room", room.Kind)
	require.Equal(t, "ROOM_INVITING", room.Status)
	require.Equal(t, int32(1), room.RoomStatusVersion)
	require.NotNil(t, room.Variant)
	require.Equal(t, int32(3), *room.Variant)
	require.Equal(t, a.Svc.Config.ApplicationID, room.ApplicationID)
	require.NotNil(t, room.CreationDetails)
	require.NotEmpty(t, room.CreationDetails.ParticipantID)
	creator := participantOf(t, room, ana.ID)
	require.Equal(t, "PARTICIPANT_JOINED", creator.Status, "creator")
	require.NotNil(t, creator.Player)
	require.Equal(t, "Ana", creator.Player.DisplayName, "creator")
	require.NotNil(t, creator.ClientAddress)
	require.Equal(t, "ana@games", creator.ClientAddress.XmppAddress, "creator")
	require.NotEmpty(t, creator.Capabilities)
	require.Equal(t, "voice", creator.Capabilities[0], "creator")
	require.Equal(t, room.CreationDetails.ParticipantID, creator.ID, "creator")
	for _, p := range []testenv.Player{ben, chloe} {
		got := participantOf(t, room, p.ID)
		require.Equal(t, "PARTICIPANT_INVITED", got.Status, "invitee %s", p.Name)
		require.NotNil(t, got.Player)
		require.Equal(t, p.Name, got.Player.DisplayName, "invitee %s", p.Name)
	}
	assert.Equal(t, "Real-time game with Ben and Chloe", room.Description, "creator's description")
	seen := a.get(ben, room.RoomID)
	assert.Equal(t, "Ana invited you to a real-time game", seen.Description, "Ben's description")
	assert.Equal(t, creator.ID, seen.InviterID, "Ben's inviter")

	msgs := invites.Collect(func(m *pubsub.Message) bool {
		return m.Attributes["recipient"] == ben.ID || m.Attributes["recipient"] == chloe.ID
	},
		2, 10*time.Second)
	require.Len(t, msgs, 2, "invitation messages: exactly one per invitee")
	require.NoError(t, a.Svc.Outbox.FlushSentMarks(t.Context()))
	for _, m := range msgs {
		var n notification.Notification
		require.NoError(t, json.Unmarshal(m.Data, &n))
		assert.Equal(t, notification.RoomInvitation, n.Type, "message type")
		assert.Equal(t, room.RoomID, n.RoomID, "message room")
		assert.Equal(t, m.Attributes["id"], n.ID, "message ID and its attribute")
		assert.Equal(t, string(notification.RoomInvitation), m.Attributes["type"], "message type attribute")
		assert.Equal(t, "You are invited to a real-time game", n.Text, "message text")
		assert.Equal(t, "Ana", n.SenderName, "message sender")
		rec := testenv.OutboxRecord(t, a.Svc.Store, n.ID)
		assert.True(t, rec.Sent, "outbox record %s marked sent", n.ID)
		assert.False(t, rec.SentAt.IsZero(), "outbox record %s has the time it was sent", n.ID)
	}
}

func TestCreateWithRequestIDIsIdempotent(t *testing.T) {
	a := newAPI(t)
	invites := testenv.Subscribe(t, notification.TopicInvitations)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	req := map[string]any{"invitedPlayerIds": []string{ben.ID}, "requestId": "9007199254740993"}

	first := a.create(ana, req)
	second := a.create(ana, req)
	require.Equal(t, first.RoomID, second.RoomID, "a retry returns the first room")
	require.Equal(t, int32(1), second.RoomStatusVersion, "a retry leaves the first room unchanged")
	var list gamesv1.RoomList
	a.OK(ben, http.MethodGet, "/games/v1/rooms", nil, &list)
	require.Len(t, list.Items, 1, "Ben's invitations")
	msgs := invites.Collect(func(m *pubsub.Message) bool { return m.Attributes["recipient"] == ben.ID }, 1, 10*time.Second)
	require.Len(t, msgs, 1, "invitations published for a retried create")
	// The same requestId from another player is another room.
	other := a.create(ben, map[string]any{"invitedPlayerIds": []string{ana.ID}, "requestId": "9007199254740993"})
	require.NotEqual(t, first.RoomID, other.RoomID, "requestId is scoped to its player")
}

func TestRoomLifecycle(t *testing.T) {
	a := newAPI(t)
	ana, ben, chloe, dan := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe"), testenv.NewPlayer(t, "Dan")
	room := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID, chloe.ID, dan.ID}})
	path := "/games/v1/rooms/" + room.RoomID

	var joined gamesv1.Room
	a.OK(ben, http.MethodPost, path+"/join", map[string]any{"kind": "games#roomJoinRequest", "capabilities": []string{"voice"}}, &joined)
	require.Equal(t, "PARTICIPANT_JOINED", participantOf(t, joined, ben.ID).Status, "after join")
	require.Equal(t, int32(2), joined.RoomStatusVersion, "after join")
	a.Fails(ben.Token, http.MethodPost, path+"/join", nil, http.StatusConflict, "already joined")

	var declined gamesv1.Room
	a.OK(chloe, http.MethodPost, path+"/decline", nil, &declined)
	require.Equal(t, "PARTICIPANT_DECLINED", participantOf(t, declined, chloe.ID).Status, "after decline")
	a.Fails(chloe.Token, http.MethodPost, path+"/join", nil, http.StatusConflict, "declined")

	code, body := a.Do(dan.Token, http.MethodPost, path+"/dismiss", nil)
	require.Equal(t, http.StatusNoContent, code, "dismiss: %s", body)
	require.Empty(t, body, "dismiss")
	var list gamesv1.RoomList
	a.OK(dan, http.MethodGet, "/games/v1/rooms", nil, &list)
	require.Empty(t, list.Items, "dismissed invitation still listed")
	a.OK(dan, http.MethodPost, path+"/decline", nil, nil) // a dismissed invitation can still be answered

	var status gamesv1.RoomStatus
	anaID, benID := participantOf(t, joined, ana.ID).ID, participantOf(t, joined, ben.ID).ID
	a.OK(ana, http.MethodPost, path+"/reportstatus", map[string]any{"updates": []map[string]any{
		{"participantId": benID, "status": "CONNECTION_ESTABLISHED", "connectionSetupLatencyMillis": 40}}}, &status)
	require.Equal(t, "games#roomStatus", status.Kind, "one side reported")
	require.Equal(t, "ROOM_CONNECTING", status.Status, "one side reported")
	require.Equal(t, room.RoomID, status.RoomID, "one side reported")
	a.OK(ben, http.MethodPost, path+"/reportstatus", map[string]any{"kind": "games#roomP2PStatuses", "updates": []map[string]any{
		{"kind": "games#roomP2PStatus", "participantId": anaID, "status": "CONNECTION_ESTABLISHED"}}}, &status)
	require.Equal(t, "ROOM_ACTIVE", status.Status, "both sides reported")
	require.NotEmpty(t, status.Participants, "both sides reported")
	for _, p := range status.Participants {
		assert.Equal(t, p.Status == "PARTICIPANT_JOINED", p.Connected, "participant %s (%s) connected", p.ID, p.Status)
	}
	a.Fails(chloe.Token, http.MethodPost, path+"/reportstatus", map[string]any{"updates": []any{}}, http.StatusConflict, "declined")

	var left gamesv1.Room
	a.OK(ana, http.MethodPost, path+"/leave", map[string]any{"reason": "REALTIME_PEER_CONNECTION_FAILURE",
		"leaveDiagnostics": map[string]any{"socketsUsed": true, "peerSession": []map[string]any{{"participantId": benID,
			"reliableChannel": map[string]any{"numMessagesSent": 5, "bytesSent": map[string]any{"sum": "1024", "count": "5"}}}}}}, &left)
	p := participantOf(t, left, ana.ID)
	require.Equal(t, "PARTICIPANT_LEFT", p.Status, "Ana after she left")
	require.Equal(t, "PEER_CONNECTION_FAILURE", p.LeaveReason, "Ana after she left")
	require.Equal(t, "ROOM_CONNECTING", left.Status, "the room after Ana left")
	a.OK(ben, http.MethodPost, path+"/leave", nil, &left)
	require.Equal(t, "ROOM_DELETED", left.Status, "after the last joined player left")
	require.Equal(t, "PLAYER_LEFT", participantOf(t, left, ben.ID).LeaveReason, "after the last joined player left")
	a.Fails(ben.Token, http.MethodPost, path+"/reportstatus", nil, http.StatusConflict, "deleted")
	require.Equal(t, "ROOM_DELETED", a.get(chloe, room.RoomID).Status, "tombstone")
	stored, err := a.Svc.Store.Rooms().Get(t.Context(), room.RoomID)
	require.NoError(t, err)
	require.NotEmpty(t, stored.Participant(ana.ID).LeaveDiagnostics, "stored diagnostics of the leave")
	require.Empty(t, stored.Participant(ben.ID).NetworkDiagnostics, "stored diagnostics of a join without them")
}

func TestOnlyParticipantsSeeARoom(t *testing.T) {
	a := newAPI(t)
	ana, ben, mallory := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Mallory")
	room := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID}})
	path := "/games/v1/rooms/" + room.RoomID
	for _, call := range []struct{ method, path string }{
		{http.MethodGet, path}, {http.MethodPost, path + "/join"}, {http.MethodPost, path + "/decline"},
		{http.MethodPost, path + "/dismiss"}, {http.MethodPost, path + "/leave"}, {http.MethodPost, path + "/reportstatus"},
	} {
		a.Fails(mallory.Token, call.method, call.path, nil, http.StatusNotFound, "roomId", "no room")
	}
	a.Fails(ana.Token, http.MethodGet, "/games/v1/rooms/"+"aaaaaaaaaaaaaaaaaaaaaaaaaa", nil, http.StatusNotFound, "no room")
	a.Fails(ben.Token, http.MethodPost, path+"/leave", nil, http.StatusConflict, "not joined")
	a.Fails(ben.Token, http.MethodPost, path+"/reportstatus", nil, http.StatusConflict, "not joined")
	a.Fails(ana.Token, http.MethodPost, path+"/join", nil, http.StatusConflict, "already joined")
	require.Equal(t, int32(1), a.get(ana, room.RoomID).RoomStatusVersion, "refused calls changed the room")
}
