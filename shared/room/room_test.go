package room

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
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
	r, _, err := New(Create{Create: game.Create{ID: ids.Random(), ApplicationID: "app", Creator: ana,
		Invitees: invitees}}, t0)
	require.NoError(t, err)
	return r
}

// wantErr checks that err is of kind and mentions fragment.
func wantErr(t *testing.T, err error, kind errs.Kind, fragment string) {
	t.Helper()
	assert.Truef(t, errs.Is(err, kind), "err = %v (%s); want %s", err, errs.KindOf(err), kind)
	assert.ErrorContains(t, err, fragment)
}

// refused is the error of a rule that returns notifications, which a refused rule must not.
func refused(t *testing.T) func([]notification.Notification, error) error {
	return func(notes []notification.Notification, err error) error {
		t.Helper()
		assert.Empty(t, notes, "a refused rule owes nothing")
		return err
	}
}

func TestNew(t *testing.T) {
	r, notes, err := New(Create{Create: game.Create{ID: "r1", ApplicationID: "app", Creator: ana,
		Invitees: []player.Profile{ben, chloe}}, Client: Client{Capabilities: []string{"voice"},
		XMPPAddress: "ana@xmpp"}}, t0)
	require.NoError(t, err)
	assert.Equal(t, Inviting, r.Status)
	assert.EqualValues(t, 1, r.Version)
	creator := r.Creator()
	require.NotNil(t, creator)
	assert.Equal(t, ana, creator.Player)
	assert.Equal(t, Joined, creator.Status)
	assert.Equal(t, []string{"voice"}, creator.Capabilities)
	assert.Equal(t, "ana@xmpp", creator.XMPPAddress)
	for _, p := range []player.Profile{ben, chloe} {
		in := r.Participant(p.ID)
		if assert.NotNil(t, in, p.ID) {
			assert.Equal(t, Invited, in.Status, p.ID)
			assert.Equal(t, creator.ID, in.InviterID, p.ID)
		}
	}
	assert.Equal(t, []string{"ben", "chloe"}, r.Invitees())
	assert.Equal(t, Modification{ParticipantID: creator.ID, At: t0}, r.Created)
	assert.Equal(t, r.Created, r.LastUpdate)
	require.Len(t, notes, 2, "one notification per invitee")
	for i, n := range notes {
		want := notification.Notification{ID: "room~r1~invitation~" + r.Participants[i+1].ID, Topic: notification.TopicInvitations,
			Type: notification.RoomInvitation, Recipient: r.Participants[i+1].Player.ID, ApplicationID: "app", RoomID: "r1",
			Version: 1, CreatedAt: t0, Text: "You are invited to a real-time game", SenderName: "Ana"}
		assert.Equal(t, want, n, "notification %d", i)
	}
}

func TestNewAutoMatching(t *testing.T) {
	r, notes, err := New(Create{Create: game.Create{ID: "r", Creator: ana, AutoMatching: &game.AutoMatch{Min: 1,
		Max: 3, ExclusiveBitmask: 4}}}, t0)
	require.NoError(t, err)
	assert.Equal(t, AutoMatching, r.Status)
	assert.Equal(t, 3, r.OpenSlots)
	assert.Empty(t, notes)
	r, _, err = New(Create{Create: game.Create{ID: "r", Creator: ana, Invitees: []player.Profile{ben},
		AutoMatching: &game.AutoMatch{Min: 1, Max: 1}}}, t0)
	require.NoError(t, err)
	assert.Equal(t, Inviting, r.Status, "invitations pending and slots open: ROOM_INVITING first")
}

func TestInvitationAnswers(t *testing.T) {
	r := newRoom(t, ben, chloe)
	_, err := r.Join(player.Profile{ID: "ben", DisplayName: "Benjamin", AvatarURL: "http://a"}, Client{XMPPAddress: "ben@x"}, t0.Add(time.Second))
	require.NoError(t, err)
	b := r.Participant("ben")
	assert.Equal(t, Joined, b.Status)
	assert.Equal(t, "Benjamin", b.Player.DisplayName)
	assert.Equal(t, "ben@x", b.XMPPAddress)
	assert.Equal(t, Inviting, r.Status)
	assert.EqualValues(t, 2, r.Version)
	assert.Equal(t, b.ID, r.LastUpdate.ParticipantID)
	wantErr(t, refused(t)(r.Join(ben, Client{}, t0)), errs.Conflict, "already joined")
	wantErr(t, refused(t)(r.Decline("ben", t0)), errs.Conflict, "already joined")
	wantErr(t, refused(t)(r.Dismiss("ben", t0)), errs.Conflict, "already joined")

	_, err = r.Decline("chloe", t0)
	require.NoError(t, err)
	assert.Equal(t, Connecting, r.Status, "every invitation answered")
	assert.Empty(t, r.Invitees())
	wantErr(t, refused(t)(r.Join(chloe, Client{}, t0)), errs.Conflict, "declined")
	wantErr(t, refused(t)(r.Leave("chloe", Leave{Reason: PlayerLeft}, t0)), errs.Conflict, "declined")
	wantErr(t, refused(t)(r.Join(player.Profile{ID: "mallory"}, Client{}, t0)), errs.NotFound, "no room")
}

func TestDismiss(t *testing.T) {
	r := newRoom(t, ben)
	_, err := r.Dismiss("ben", t0)
	require.NoError(t, err)
	assert.Empty(t, r.Invitees())
	assert.Equal(t, Invited, r.Participant("ben").Status)
	assert.Equal(t, Inviting, r.Status)
	v := r.Version
	_, err = r.Dismiss("ben", t0)
	require.NoError(t, err, "second dismiss")
	assert.Equal(t, v, r.Version, "a second dismiss is a no-op")
	_, err = r.Join(ben, Client{}, t0)
	require.NoError(t, err, "join after dismiss")
	assert.False(t, r.Participant("ben").Dismissed, "joining clears the dismissal")
	wantErr(t, refused(t)(r.Dismiss("ana", t0)), errs.Conflict, "already joined")
}

func TestReportStatusConnectsBothSides(t *testing.T) {
	r := newRoom(t, ben, chloe)
	for _, p := range []player.Profile{ben, chloe} {
		_, err := r.Join(p, Client{}, t0)
		require.NoError(t, err)
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
		_, err := r.ReportStatus(s.who, s.updates, t0)
		require.NoError(t, err, "step %d", i)
		for _, p := range r.Participants {
			assert.Equal(t, s.connected[p.ID], p.Connected, "step %d: %s connected", i, p.ID)
		}
		assert.Equal(t, s.status, r.Status, "step %d", i)
	}

	v := r.Version
	notes, err := r.ReportStatus("chloe", []PeerUpdate{{ParticipantID: b, Report: PeerReport{Status: ConnectionFailed, Error: "P2P_FAILED"}}}, t0)
	require.NoError(t, err, "repeated report")
	assert.Equal(t, v, r.Version, "a repeated report changes nothing")
	assert.Empty(t, notes, "a repeated report owes nothing")

	wantErr(t, refused(t)(r.ReportStatus("ana", established(a), t0)), errs.Invalid, "updates[0].participantId: a participant cannot report a connection to itself")
	wantErr(t, refused(t)(r.ReportStatus("ana", established(b, "p_99"), t0)), errs.Invalid, "updates[1].participantId: no participant \"p_99\"")
	wantErr(t, refused(t)(r.ReportStatus("ana", established(b, b), t0)), errs.Invalid, "updates[1].participantId: participant \"p_2\" is reported twice")
	wantErr(t, refused(t)(r.ReportStatus("mallory", established(b), t0)), errs.NotFound, "no room")
}

func TestInviteeCannotReportOrLeave(t *testing.T) {
	r := newRoom(t, ben)
	wantErr(t, refused(t)(r.ReportStatus("ben", nil, t0)), errs.Conflict, "not joined")
	wantErr(t, refused(t)(r.Leave("ben", Leave{}, t0)), errs.Conflict, "not joined")
}

func TestLeaveUntilDeleted(t *testing.T) {
	r := newRoom(t, ben, chloe)
	_, err := r.Join(ben, Client{}, t0)
	require.NoError(t, err)
	wantErr(t, refused(t)(r.Leave("ana", Leave{PeerIDs: []string{"p_2", "p_7"}}, t0)), errs.Invalid, "leaveDiagnostics.peerSession[1].participantId")
	_, err = r.Leave("ana", Leave{Reason: PeerConnectionFailure, Diagnostics: `{"socketsUsed":true}`, PeerIDs: []string{"p_2"}}, t0)
	require.NoError(t, err)
	a := r.Participant("ana")
	assert.Equal(t, Left, a.Status)
	assert.Equal(t, PeerConnectionFailure, a.LeaveReason)
	assert.Equal(t, `{"socketsUsed":true}`, a.LeaveDiagnostics)
	assert.False(t, a.Connected)
	assert.Equal(t, Inviting, r.Status, "one joined participant and a pending invitee")
	wantErr(t, refused(t)(r.Leave("ana", Leave{}, t0)), errs.Conflict, "already left")
	_, err = r.Leave("ben", Leave{Reason: PlayerLeft}, t0)
	require.NoError(t, err)
	assert.Equal(t, Deleted, r.Status, "the last joined participant left")
	assert.Empty(t, r.Invitees(), "the invitation lapsed")
	wantErr(t, refused(t)(r.Join(chloe, Client{}, t0)), errs.Conflict, "deleted")
	wantErr(t, refused(t)(r.ReportStatus("ben", nil, t0)), errs.Conflict, "deleted")
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
		got, ok := LeaveReasonFor(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	assert.Len(t, RequestLeaveReasons(), len(tests)-1, "every request reason in the discovery document is mapped")
	_, ok := LeaveReasonFor("ABANDONED")
	assert.False(t, ok, "ABANDONED is a resource reason, not a request reason")
}

func TestIDFor(t *testing.T) {
	a := IDFor("app", "ana", 7)
	assert.Equal(t, a, IDFor("app", "ana", 7), "deterministic")
	assert.True(t, ids.Valid(a), "valid: %q", a)
	for _, other := range []string{IDFor("app", "ben", 7), IDFor("app", "ana", 8), IDFor("app2", "ana", 7)} {
		assert.NotEqual(t, a, other, "different creator, requestId or application must give a different room")
	}
}

func TestStatusNotifications(t *testing.T) {
	r := newRoom(t, ben, chloe)
	before := r.Snapshot()
	_, err := r.Join(ben, Client{}, t0)
	require.NoError(t, err)
	notes := r.StatusNotifications(before, "ben", t0)
	require.Len(t, notes, 1, "Ben joined: Ana (the other joined participant) told")
	assert.Equal(t, "ana", notes[0].Recipient)
	assert.Equal(t, notification.RoomStatus, notes[0].Type)
	assert.Equal(t, notification.TopicRoomUpdates, notes[0].Topic)
	assert.Equal(t, r.Version, notes[0].Version)
	before = r.Snapshot()
	a, b := r.Participant("ana").ID, r.Participant("ben").ID
	require.NoError(t, r.reportStatus("ana", []PeerUpdate{{ParticipantID: b, Report: PeerReport{Status: ConnectionEstablished}}}, t0))
	assert.Empty(t, r.StatusNotifications(before, "ana", t0), "a report that changes no status")
	_, err = r.Decline("chloe", t0)
	require.NoError(t, err)
	before = r.Snapshot()
	require.NoError(t, r.reportStatus("ben", []PeerUpdate{{ParticipantID: a, Report: PeerReport{Status: ConnectionEstablished}}}, t0))
	notes = r.StatusNotifications(before, "ben", t0)
	require.Len(t, notes, 1, "the room became active")
	assert.Equal(t, "The room is now ROOM_ACTIVE", notes[0].Text)
}
