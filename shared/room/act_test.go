package room

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// told lists notifications as type>recipient@version, in order.
func told(notes []notification.Notification) []string {
	var out []string
	for _, n := range notes {
		out = append(out, string(n.Type)+">"+n.Recipient+"@v"+itoa(n.Version))
	}
	return out
}

// TestRulesOweTheirNotifications: each rule a player calls owes the status notifications of its
// change to the joined participants but the caller, after those of the timers that lapsed
// before it (which also tell the caller, and an invitee whose invitation lapsed); a refused rule
// owes nothing. The rooms are timedRoom's: invitations lapse after an hour, auto-match slots
// close after two, a room that does not connect within three is deleted.
func TestRulesOweTheirNotifications(t *testing.T) {
	// joined is Ana's room with Ben joined and Chloe invited (version 2).
	joined := func(t *testing.T) *Room {
		r := timedRoom(t, nil, ben, chloe)
		_, err := r.Join(ben, Client{}, t0)
		require.NoError(t, err)
		return r
	}
	// connecting is joined with Chloe's invitation declined (version 3): the room connects.
	connecting := func(t *testing.T) *Room {
		r := joined(t)
		_, err := r.Decline("chloe", t0)
		require.NoError(t, err)
		return r
	}
	established := func(r *Room, to string) []PeerUpdate {
		return []PeerUpdate{{ParticipantID: r.Participant(to).ID, Report: PeerReport{Status: ConnectionEstablished}}}
	}
	lapsed := t0.Add(time.Hour) // the invitations' deadline
	tests := []struct {
		name    string
		room    func(*testing.T) *Room
		rule    func(*Room) ([]notification.Notification, error)
		want    []string
		refused string // the rule is refused as a conflict, saying this: nothing owed
	}{
		{name: "join: the other joined participant is told, not the invitee",
			room: func(t *testing.T) *Room { return timedRoom(t, nil, ben, chloe) },
			rule: func(r *Room) ([]notification.Notification, error) { return r.Join(ben, Client{}, t0) },
			want: []string{"ROOM_STATUS>ana@v2"}},
		{name: "join a room the auto-match timer deleted: refused",
			room: func(t *testing.T) *Room {
				// The slot closes before the invitation lapses, and leaves the room too small.
				r, _, err := New(Create{Create: game.Create{ID: "r1", ApplicationID: "app", Creator: ana,
					Invitees: []player.Profile{ben}, AutoMatching: &game.AutoMatch{Min: 1, Max: 1},
					Timeouts: application.Timeouts{Invitation: 3 * time.Hour, AutoMatch: time.Hour}}}, t0)
				require.NoError(t, err)
				return r
			},
			rule:    func(r *Room) ([]notification.Notification, error) { return r.Join(ben, Client{}, t0.Add(2*time.Hour)) },
			refused: "the room is deleted"},
		{name: "decline: the joined participants are told",
			room: joined,
			rule: func(r *Room) ([]notification.Notification, error) { return r.Decline("chloe", t0) },
			want: []string{"ROOM_STATUS>ana@v3", "ROOM_STATUS>ben@v3"}},
		{name: "decline a lapsed invitation: refused",
			room:    joined,
			rule:    func(r *Room) ([]notification.Notification, error) { return r.Decline("chloe", lapsed) },
			refused: "you declined this invitation"},
		{name: "dismiss: nobody is told",
			room: joined,
			rule: func(r *Room) ([]notification.Notification, error) { return r.Dismiss("chloe", t0) }},
		{name: "dismiss a lapsed invitation: refused",
			room:    joined,
			rule:    func(r *Room) ([]notification.Notification, error) { return r.Dismiss("chloe", lapsed) },
			refused: "you declined this invitation"},
		{name: "leave: the other joined participant is told",
			room: joined,
			rule: func(r *Room) ([]notification.Notification, error) {
				return r.Leave("ana", Leave{Reason: PlayerLeft}, t0)
			},
			want: []string{"ROOM_STATUS>ben@v3"}},
		{name: "leave after an invitation lapsed: everyone is told of the lapse first, the caller too",
			room: joined,
			rule: func(r *Room) ([]notification.Notification, error) {
				return r.Leave("ana", Leave{Reason: PlayerLeft}, lapsed)
			},
			want: []string{"ROOM_STATUS>ana@v3", "ROOM_STATUS>ben@v3", "ROOM_STATUS>chloe@v3", "ROOM_STATUS>ben@v4"}},
		{name: "reportStatus that changes no status: nobody is told",
			room: connecting,
			rule: func(r *Room) ([]notification.Notification, error) {
				return r.ReportStatus("ana", established(r, "ben"), t0)
			}},
		{name: "reportStatus that makes the room active: the other joined participant is told",
			room: func(t *testing.T) *Room {
				r := connecting(t)
				_, err := r.ReportStatus("ana", established(r, "ben"), t0)
				require.NoError(t, err)
				return r
			},
			rule: func(r *Room) ([]notification.Notification, error) {
				return r.ReportStatus("ben", established(r, "ana"), t0)
			},
			want: []string{"ROOM_STATUS>ana@v5"}},
		{name: "reportStatus after an invitation lapsed: only the lapse is told",
			room: joined,
			rule: func(r *Room) ([]notification.Notification, error) {
				return r.ReportStatus("ana", established(r, "ben"), lapsed)
			},
			want: []string{"ROOM_STATUS>ana@v3", "ROOM_STATUS>ben@v3", "ROOM_STATUS>chloe@v3"}},
		{name: "reportStatus in a room the connection timer deleted: refused",
			room: connecting,
			rule: func(r *Room) ([]notification.Notification, error) {
				return r.ReportStatus("ana", established(r, "ben"), t0.Add(3*time.Hour))
			},
			refused: "the room is deleted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.room(t)
			notes, err := tt.rule(r)
			if tt.refused != "" {
				wantErr(t, err, errs.Conflict, tt.refused)
				assert.Empty(t, notes)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, told(notes))
			for _, n := range notes {
				assert.Equal(t, notification.TopicRoomUpdates, n.Topic, n.ID)
				assert.Equal(t, "room~r1~status~v"+itoa(n.Version)+"~"+r.Participant(n.Recipient).ID, n.ID)
				assert.Equal(t, "app", n.ApplicationID, n.ID)
				assert.Equal(t, "r1", n.RoomID, n.ID)
			}
		})
	}
}

// TestTimersLapseBeforeTheRule: the change the rule makes is dated after the timers' own, and a
// lapse is stored with the rule's change.
func TestTimersLapseBeforeTheRule(t *testing.T) {
	r := timedRoom(t, nil, ben, chloe)
	_, err := r.Join(ben, Client{}, t0)
	require.NoError(t, err)
	notes, err := r.Leave("ben", Leave{Reason: PlayerLeft}, t0.Add(90*time.Minute))
	require.NoError(t, err)
	require.Len(t, notes, 4)
	assert.Equal(t, t0.Add(time.Hour), notes[0].CreatedAt, "the lapse is dated at its deadline")
	assert.Equal(t, t0.Add(90*time.Minute), notes[3].CreatedAt, "the leave is dated when it was called")
	assert.Equal(t, Declined, r.Participant("chloe").Status)
	assert.Equal(t, Left, r.Participant("ben").Status)
	assert.Equal(t, Connecting, r.Status)
	assert.Equal(t, Modification{ParticipantID: r.Participant("ben").ID, At: t0.Add(90 * time.Minute)}, r.LastUpdate)
}
