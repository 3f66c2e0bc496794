package rooms_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"cloud.google.com/go/pubsub/v2"

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

	if room.Kind != "games#room" || room.Status != "ROOM_INVITING" || room.RoomStatusVersion != 1 || *room.Variant != 3 ||
		room.ApplicationID != a.Svc.Config.ApplicationID || room.CreationDetails == nil || room.CreationDetails.ParticipantID == "" {
		t.Fatalf("room = %+v", room)
	}
	creator := participantOf(t, room, ana.ID)
	if creator.Status != "PARTICIPANT_JOINED" || creator.Player.DisplayName != "Ana" || creator.ClientAddress.XmppAddress != "ana@games" ||
		creator.Capabilities[0] != "voice" || creator.ID != room.CreationDetails.ParticipantID {
		t.Fatalf("creator = %+v", creator)
	}
	for _, p := range []testenv.Player{ben, chloe} {
		if got := participantOf(t, room, p.ID); got.Status != "PARTICIPANT_INVITED" || got.Player.DisplayName != p.Name {
			t.Fatalf("invitee %s = %+v", p.Name, got)
		}
	}
	if room.Description != "Real-time game with Ben and Chloe" {
		t.Errorf("creator's description = %q", room.Description)
	}
	if seen := a.get(ben, room.RoomID); seen.Description != "Ana invited you to a real-time game" || seen.InviterID != creator.ID {
		t.Errorf("Ben sees description %q, inviter %q", seen.Description, seen.InviterID)
	}

	msgs := invites.Collect(func(m *pubsub.Message) bool {
		return m.Attributes["recipient"] == ben.ID || m.Attributes["recipient"] == chloe.ID
	},
		2, 10*time.Second)
	if len(msgs) != 2 {
		t.Fatalf("%d invitation messages, want exactly one per invitee", len(msgs))
	}
	if err := a.Svc.FlushSentMarks(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		var n notification.Notification
		if err := json.Unmarshal(m.Data, &n); err != nil {
			t.Fatal(err)
		}
		if n.Type != notification.RoomInvitation || n.RoomID != room.RoomID || n.ID != m.Attributes["id"] ||
			m.Attributes["type"] != string(notification.RoomInvitation) || n.Text != "You are invited to a real-time game" || n.SenderName != "Ana" {
			t.Errorf("message %+v attributes %v", n, m.Attributes)
		}
		rec, err := a.Svc.Store.OutboxRecordByID(t.Context(), n.ID)
		if err != nil || !rec.Sent || rec.SentAt.IsZero() {
			t.Errorf("outbox record %s: %+v, %v; want marked sent", n.ID, rec, err)
		}
	}
}

func TestCreateWithRequestIDIsIdempotent(t *testing.T) {
	a := newAPI(t)
	invites := testenv.Subscribe(t, notification.TopicInvitations)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	req := map[string]any{"invitedPlayerIds": []string{ben.ID}, "requestId": "9007199254740993"}

	first := a.create(ana, req)
	second := a.create(ana, req)
	if first.RoomID != second.RoomID || second.RoomStatusVersion != 1 {
		t.Fatalf("retry made room %s (version %d); want the first room %s unchanged", second.RoomID, second.RoomStatusVersion, first.RoomID)
	}
	var list gamesv1.RoomList
	a.OK(ben, http.MethodGet, "/games/v1/rooms", nil, &list)
	if len(list.Items) != 1 {
		t.Fatalf("Ben has %d invitations, want 1", len(list.Items))
	}
	if msgs := invites.Collect(func(m *pubsub.Message) bool { return m.Attributes["recipient"] == ben.ID }, 1, 10*time.Second); len(msgs) != 1 {
		t.Fatalf("%d invitations published for a retried create, want 1", len(msgs))
	}
	// The same requestId from another player is another room.
	if other := a.create(ben, map[string]any{"invitedPlayerIds": []string{ana.ID}, "requestId": "9007199254740993"}); other.RoomID == first.RoomID {
		t.Fatal("requestId is scoped to its player")
	}
}

func TestRoomLifecycle(t *testing.T) {
	a := newAPI(t)
	ana, ben, chloe, dan := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe"), testenv.NewPlayer(t, "Dan")
	room := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID, chloe.ID, dan.ID}})
	path := "/games/v1/rooms/" + room.RoomID

	var joined gamesv1.Room
	a.OK(ben, http.MethodPost, path+"/join", map[string]any{"kind": "games#roomJoinRequest", "capabilities": []string{"voice"}}, &joined)
	if participantOf(t, joined, ben.ID).Status != "PARTICIPANT_JOINED" || joined.RoomStatusVersion != 2 {
		t.Fatalf("after join: %+v", joined)
	}
	a.Fails(ben.Token, http.MethodPost, path+"/join", nil, http.StatusConflict, "already joined")

	var declined gamesv1.Room
	a.OK(chloe, http.MethodPost, path+"/decline", nil, &declined)
	if participantOf(t, declined, chloe.ID).Status != "PARTICIPANT_DECLINED" {
		t.Fatalf("after decline: %+v", declined)
	}
	a.Fails(chloe.Token, http.MethodPost, path+"/join", nil, http.StatusConflict, "declined")

	if status, body := a.Do(dan.Token, http.MethodPost, path+"/dismiss", nil); status != http.StatusNoContent || len(body) != 0 {
		t.Fatalf("dismiss: %d %s", status, body)
	}
	var list gamesv1.RoomList
	a.OK(dan, http.MethodGet, "/games/v1/rooms", nil, &list)
	if len(list.Items) != 0 {
		t.Fatalf("dismissed invitation still listed: %+v", list.Items)
	}
	a.OK(dan, http.MethodPost, path+"/decline", nil, nil) // a dismissed invitation can still be answered

	var status gamesv1.RoomStatus
	anaID, benID := participantOf(t, joined, ana.ID).ID, participantOf(t, joined, ben.ID).ID
	a.OK(ana, http.MethodPost, path+"/reportstatus", map[string]any{"updates": []map[string]any{
		{"participantId": benID, "status": "CONNECTION_ESTABLISHED", "connectionSetupLatencyMillis": 40}}}, &status)
	if status.Kind != "games#roomStatus" || status.Status != "ROOM_CONNECTING" || status.RoomID != room.RoomID {
		t.Fatalf("one side reported: %+v", status)
	}
	a.OK(ben, http.MethodPost, path+"/reportstatus", map[string]any{"kind": "games#roomP2PStatuses", "updates": []map[string]any{
		{"kind": "games#roomP2PStatus", "participantId": anaID, "status": "CONNECTION_ESTABLISHED"}}}, &status)
	if status.Status != "ROOM_ACTIVE" {
		t.Fatalf("both sides reported: %+v", status)
	}
	for _, p := range status.Participants {
		if want := p.Status == "PARTICIPANT_JOINED"; p.Connected != want {
			t.Errorf("participant %s (%s) connected = %v", p.ID, p.Status, p.Connected)
		}
	}
	a.Fails(chloe.Token, http.MethodPost, path+"/reportstatus", map[string]any{"updates": []any{}}, http.StatusConflict, "declined")

	var left gamesv1.Room
	a.OK(ana, http.MethodPost, path+"/leave", map[string]any{"reason": "REALTIME_PEER_CONNECTION_FAILURE",
		"leaveDiagnostics": map[string]any{"socketsUsed": true, "peerSession": []map[string]any{{"participantId": benID,
			"reliableChannel": map[string]any{"numMessagesSent": 5, "bytesSent": map[string]any{"sum": "1024", "count": "5"}}}}}}, &left)
	if p := participantOf(t, left, ana.ID); p.Status != "PARTICIPANT_LEFT" || p.LeaveReason != "PEER_CONNECTION_FAILURE" || left.Status != "ROOM_CONNECTING" {
		t.Fatalf("after Ana left: room %s, Ana %+v", left.Status, p)
	}
	a.OK(ben, http.MethodPost, path+"/leave", nil, &left)
	if left.Status != "ROOM_DELETED" || participantOf(t, left, ben.ID).LeaveReason != "PLAYER_LEFT" {
		t.Fatalf("after the last joined player left: %+v", left)
	}
	a.Fails(ben.Token, http.MethodPost, path+"/reportstatus", nil, http.StatusConflict, "deleted")
	if got := a.get(chloe, room.RoomID); got.Status != "ROOM_DELETED" {
		t.Fatalf("tombstone: %s", got.Status)
	}
	stored, err := a.Svc.Store.Room(t.Context(), room.RoomID)
	if err != nil || stored.Participant(ana.ID).LeaveDiagnostics == "" || stored.Participant(ben.ID).NetworkDiagnostics != "" {
		t.Fatalf("stored diagnostics: %+v, %v", stored, err)
	}
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
	if got := a.get(ana, room.RoomID); got.RoomStatusVersion != 1 {
		t.Fatalf("refused calls changed the room: version %d", got.RoomStatusVersion)
	}
}
