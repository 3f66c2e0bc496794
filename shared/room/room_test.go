package room

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/seating"
)

var (
	t0    = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	ana   = player.Profile{ID: "ana", DisplayName: "Ana"}
	ben   = player.Profile{ID: "ben", DisplayName: "Ben"}
	chloe = player.Profile{ID: "chloe", DisplayName: "Chloe"}
)

// newRoom is Ana's room inviting the given players.
func newRoom(t *testing.T, invitees ...player.Profile) *Room {
	t.Helper()
	r, _, err := New(Create{ID: ids.Random(), ApplicationID: "app", Creator: ana, Invitees: invitees}, t0)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func wantErr(t *testing.T, err error, kind errs.Kind, fragment string) {
	t.Helper()
	if !errs.Is(err, kind) || !strings.Contains(err.Error(), fragment) {
		t.Fatalf("err = %v (%s); want %s mentioning %q", err, errs.KindOf(err), kind, fragment)
	}
}

func TestNew(t *testing.T) {
	r, notes, err := New(Create{ID: "r1", ApplicationID: "app", Creator: ana, Invitees: []player.Profile{ben, chloe},
		Client: Client{Capabilities: []string{"voice"}, XmppAddress: "ana@xmpp"}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != Inviting || r.Version != 1 {
		t.Errorf("status %s version %d, want ROOM_INVITING 1", r.Status, r.Version)
	}
	creator := r.Creator()
	if creator == nil || creator.Player != ana || creator.Status != Joined || creator.Capabilities[0] != "voice" || creator.XmppAddress != "ana@xmpp" {
		t.Fatalf("creator = %+v", creator)
	}
	for _, p := range []player.Profile{ben, chloe} {
		in := r.Participant(p.ID)
		if in == nil || in.Status != Invited || in.InviterID != creator.ID {
			t.Errorf("invitee %s = %+v", p.ID, in)
		}
	}
	if got := strings.Join(r.Invitees, ","); got != "ben,chloe" {
		t.Errorf("Invitees = %s", got)
	}
	if r.Created != (Modification{ParticipantID: creator.ID, At: t0}) || r.LastUpdate != r.Created {
		t.Errorf("created %+v last update %+v", r.Created, r.LastUpdate)
	}
	if len(notes) != 2 {
		t.Fatalf("%d notifications, want one per invitee", len(notes))
	}
	for i, n := range notes {
		want := notification.Notification{ID: "room~r1~invitation~" + r.Participants[i+1].ID, Topic: notification.TopicInvitations,
			Type: notification.RoomInvitation, Recipient: r.Participants[i+1].Player.ID, ApplicationID: "app", RoomID: "r1",
			Version: 1, CreatedAt: t0, Text: "You are invited to a real-time game", SenderName: "Ana"}
		if !reflect.DeepEqual(n, want) {
			t.Errorf("notification %d = %+v\nwant %+v", i, n, want)
		}
	}
}

func TestNewAutoMatching(t *testing.T) {
	r, notes, err := New(Create{ID: "r", Creator: ana, AutoMatching: &seating.AutoMatch{Min: 1, Max: 3, ExclusiveBitmask: 4}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != AutoMatching || r.OpenSlots != 3 || len(notes) != 0 {
		t.Fatalf("status %s, open slots %d, %d notes", r.Status, r.OpenSlots, len(notes))
	}
	r, _, _ = New(Create{ID: "r", Creator: ana, Invitees: []player.Profile{ben}, AutoMatching: &seating.AutoMatch{Min: 1, Max: 1}}, t0)
	if r.Status != Inviting {
		t.Fatalf("invitations pending and slots open: status %s, want ROOM_INVITING first", r.Status)
	}
}

func TestInvitationAnswers(t *testing.T) {
	r := newRoom(t, ben, chloe)
	if err := r.Join(player.Profile{ID: "ben", DisplayName: "Benjamin", AvatarURL: "http://a"}, Client{XmppAddress: "ben@x"}, t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	b := r.Participant("ben")
	if b.Status != Joined || b.Player.DisplayName != "Benjamin" || b.XmppAddress != "ben@x" {
		t.Fatalf("ben after join: %+v", b)
	}
	if r.Status != Inviting || r.Version != 2 || r.LastUpdate.ParticipantID != b.ID {
		t.Fatalf("room after join: status %s version %d last %+v", r.Status, r.Version, r.LastUpdate)
	}
	wantErr(t, r.Join(ben, Client{}, t0), errs.Conflict, "already joined")
	wantErr(t, r.Decline("ben", t0), errs.Conflict, "already joined")
	wantErr(t, r.Dismiss("ben", t0), errs.Conflict, "already joined")

	if err := r.Decline("chloe", t0); err != nil {
		t.Fatal(err)
	}
	if r.Status != Connecting || len(r.Invitees) != 0 {
		t.Fatalf("every invitation answered: status %s invitees %v", r.Status, r.Invitees)
	}
	wantErr(t, r.Join(chloe, Client{}, t0), errs.Conflict, "declined")
	wantErr(t, r.Leave("chloe", Leave{Reason: PlayerLeft}, t0), errs.Conflict, "declined")
	wantErr(t, r.Join(player.Profile{ID: "mallory"}, Client{}, t0), errs.NotFound, "no room")
}

func TestDismiss(t *testing.T) {
	r := newRoom(t, ben)
	if err := r.Dismiss("ben", t0); err != nil {
		t.Fatal(err)
	}
	if len(r.Invitees) != 0 || r.Participant("ben").Status != Invited || r.Status != Inviting {
		t.Fatalf("after dismiss: invitees %v, ben %s, room %s", r.Invitees, r.Participant("ben").Status, r.Status)
	}
	v := r.Version
	if err := r.Dismiss("ben", t0); err != nil || r.Version != v {
		t.Fatalf("second dismiss: err %v, version %d→%d; want a no-op", err, v, r.Version)
	}
	if err := r.Join(ben, Client{}, t0); err != nil {
		t.Fatalf("join after dismiss: %v", err)
	}
	if r.Participant("ben").Dismissed {
		t.Fatal("joining clears the dismissal")
	}
	wantErr(t, r.Dismiss("ana", t0), errs.Conflict, "already joined")
}

func TestReportStatusConnectsBothSides(t *testing.T) {
	r := newRoom(t, ben, chloe)
	for _, p := range []player.Profile{ben, chloe} {
		if err := r.Join(p, Client{}, t0); err != nil {
			t.Fatal(err)
		}
	}
	a, b, c := r.Participant("ana").ID, r.Participant("ben").ID, r.Participant("chloe").ID
	established := func(to ...string) []PeerUpdate {
		var u []PeerUpdate
		for _, id := range to {
			u = append(u, PeerUpdate{ParticipantID: id, Report: PeerReport{Status: ConnectionEstablished}})
		}
		return u
	}
	steps := []struct {
		who       string
		updates   []PeerUpdate
		connected map[string]bool
		status    Status
	}{
		{"ana", established(b, c), map[string]bool{}, Connecting},
		{"ben", established(a), map[string]bool{}, Connecting}, // ana–ben agree, ben–chloe unknown
		{"ben", established(a, c), map[string]bool{}, Connecting},
		{"chloe", established(a, b), map[string]bool{a: true, b: true, c: true}, Active},
		{"chloe", []PeerUpdate{{ParticipantID: b, Report: PeerReport{Status: ConnectionFailed, Error: "P2P_FAILED"}}},
			map[string]bool{a: true}, Connecting}, // a broken pair takes both its ends, and so the room, out
	}
	for i, s := range steps {
		if err := r.ReportStatus(s.who, s.updates, t0); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		for _, p := range r.Participants {
			if p.Connected != s.connected[p.ID] {
				t.Errorf("step %d: %s connected = %v", i, p.ID, p.Connected)
			}
		}
		if r.Status != s.status {
			t.Errorf("step %d: status %s, want %s", i, r.Status, s.status)
		}
	}

	v := r.Version
	if err := r.ReportStatus("chloe", []PeerUpdate{{ParticipantID: b, Report: PeerReport{Status: ConnectionFailed, Error: "P2P_FAILED"}}}, t0); err != nil || r.Version != v {
		t.Fatalf("repeated report: err %v, version %d→%d; want no change", err, v, r.Version)
	}

	wantErr(t, r.ReportStatus("ana", established(a), t0), errs.Invalid, "updates[0].participantId: a participant cannot report a connection to itself")
	wantErr(t, r.ReportStatus("ana", established(b, "p_99"), t0), errs.Invalid, "updates[1].participantId: no participant \"p_99\"")
	wantErr(t, r.ReportStatus("ana", established(b, b), t0), errs.Invalid, "updates[1].participantId: participant \"p_2\" is reported twice")
	wantErr(t, r.ReportStatus("mallory", established(b), t0), errs.NotFound, "no room")
}

func TestInviteeCannotReportOrLeave(t *testing.T) {
	r := newRoom(t, ben)
	wantErr(t, r.ReportStatus("ben", nil, t0), errs.Conflict, "not joined")
	wantErr(t, r.Leave("ben", Leave{}, t0), errs.Conflict, "not joined")
}

func TestLeaveUntilDeleted(t *testing.T) {
	r := newRoom(t, ben, chloe)
	if err := r.Join(ben, Client{}, t0); err != nil {
		t.Fatal(err)
	}
	wantErr(t, r.Leave("ana", Leave{PeerIDs: []string{"p_2", "p_7"}}, t0), errs.Invalid, "leaveDiagnostics.peerSession[1].participantId")
	if err := r.Leave("ana", Leave{Reason: PeerConnectionFailure, Diagnostics: `{"socketsUsed":true}`, PeerIDs: []string{"p_2"}}, t0); err != nil {
		t.Fatal(err)
	}
	a := r.Participant("ana")
	if a.Status != Left || a.LeaveReason != PeerConnectionFailure || a.LeaveDiagnostics != `{"socketsUsed":true}` || a.Connected {
		t.Fatalf("ana after leave: %+v", a)
	}
	if r.Status != Inviting {
		t.Fatalf("one joined participant and a pending invitee: status %s", r.Status)
	}
	wantErr(t, r.Leave("ana", Leave{}, t0), errs.Conflict, "already left")
	if err := r.Leave("ben", Leave{Reason: PlayerLeft}, t0); err != nil {
		t.Fatal(err)
	}
	if r.Status != Deleted || len(r.Invitees) != 0 {
		t.Fatalf("last joined participant left: status %s, invitees %v; want deleted and the invitation lapsed", r.Status, r.Invitees)
	}
	wantErr(t, r.Join(chloe, Client{}, t0), errs.Conflict, "deleted")
	wantErr(t, r.ReportStatus("ben", nil, t0), errs.Conflict, "deleted")
}

func TestLeaveReasonFor(t *testing.T) {
	tests := map[string]LeaveReason{
		"": PlayerLeft, "PLAYER_LEFT": PlayerLeft, "GAME_LEFT": GameLeft, "REALTIME_ABANDONED": Abandoned,
		"REALTIME_PEER_CONNECTION_FAILURE": PeerConnectionFailure, "REALTIME_SERVER_CONNECTION_FAILURE": PresenceFailure,
		"REALTIME_SERVER_ERROR": ServerError, "REALTIME_TIMEOUT": Timeout, "REALTIME_CLIENT_DISCONNECTING": Abandoned,
		"REALTIME_SIGN_OUT": PlayerLeft, "REALTIME_GAME_CRASHED": Abandoned, "REALTIME_ROOM_SERVICE_CRASHED": Abandoned,
		"REALTIME_DIFFERENT_CLIENT_ROOM_OPERATION": Abandoned, "REALTIME_SAME_CLIENT_ROOM_OPERATION": Abandoned,
	}
	for in, want := range tests {
		if got, ok := LeaveReasonFor(in); !ok || got != want {
			t.Errorf("LeaveReasonFor(%q) = %s, %v; want %s", in, got, ok, want)
		}
	}
	if len(RequestLeaveReasons()) != len(tests)-1 {
		t.Errorf("every request reason in the discovery document is mapped: %d mapped, %d tested", len(RequestLeaveReasons()), len(tests)-1)
	}
	if _, ok := LeaveReasonFor("ABANDONED"); ok {
		t.Error("ABANDONED is a resource reason, not a request reason")
	}
}

func TestIDFor(t *testing.T) {
	a := IDFor("app", "ana", 7)
	if a != IDFor("app", "ana", 7) || !ids.Valid(a) {
		t.Fatalf("IDFor not deterministic or not valid: %q", a)
	}
	for _, other := range []string{IDFor("app", "ben", 7), IDFor("app", "ana", 8), IDFor("app2", "ana", 7)} {
		if other == a {
			t.Fatal("different creator, requestId or application must give a different room")
		}
	}
}

func TestStatusNotifications(t *testing.T) {
	r := newRoom(t, ben, chloe)
	before := r.Snapshot()
	if err := r.Join(ben, Client{}, t0); err != nil {
		t.Fatal(err)
	}
	notes := r.StatusNotifications(before, "ben", t0)
	if len(notes) != 1 || notes[0].Recipient != "ana" || notes[0].Type != notification.RoomStatus ||
		notes[0].Topic != notification.TopicRoomUpdates || notes[0].Version != r.Version {
		t.Fatalf("Ben joined: %+v; want Ana (the other joined participant) told", notes)
	}
	before = r.Snapshot()
	a, b := r.Participant("ana").ID, r.Participant("ben").ID
	if err := r.ReportStatus("ana", []PeerUpdate{{ParticipantID: b, Report: PeerReport{Status: ConnectionEstablished}}}, t0); err != nil {
		t.Fatal(err)
	}
	if notes := r.StatusNotifications(before, "ana", t0); len(notes) != 0 {
		t.Fatalf("a report that changes no status: %+v", notes)
	}
	if err := r.Decline("chloe", t0); err != nil {
		t.Fatal(err)
	}
	before = r.Snapshot()
	if err := r.ReportStatus("ben", []PeerUpdate{{ParticipantID: a, Report: PeerReport{Status: ConnectionEstablished}}}, t0); err != nil {
		t.Fatal(err)
	}
	if notes := r.StatusNotifications(before, "ben", t0); len(notes) != 1 || notes[0].Text != "The room is now ROOM_ACTIVE" {
		t.Fatalf("the room became active: %+v", notes)
	}
}
