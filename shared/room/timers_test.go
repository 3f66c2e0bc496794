package room

import (
	"testing"
	"time"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/seating"
)

func timedRoom(t *testing.T, auto *seating.AutoMatch, invitees ...player.Profile) *Room {
	t.Helper()
	timeouts := application.Timeouts{Invitation: time.Hour, AutoMatch: 2 * time.Hour, RoomConnection: 3 * time.Hour}
	r, _, err := New(Create{ID: "r1", ApplicationID: "app", Creator: ana, Invitees: invitees, AutoMatching: auto, Timeouts: timeouts}, t0)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRoomInvitationLapses(t *testing.T) {
	r := timedRoom(t, nil, ben, chloe)
	if err := r.Join(ben, Client{}, t0); err != nil {
		t.Fatal(err)
	}
	if notes := r.Expire(t0.Add(time.Hour - time.Second)); notes != nil || r.Participant("chloe").Status != Invited {
		t.Fatal("the invitation lapsed early")
	}
	notes := r.Expire(t0.Add(time.Hour))
	told := map[string]bool{}
	for _, n := range notes {
		told[n.Recipient] = true
	}
	if r.Participant("chloe").Status != Declined || r.Status != Connecting || len(notes) != 3 || !told["ana"] || !told["ben"] || !told["chloe"] {
		t.Fatalf("chloe %s, room %s, notes %+v; want a lapsed invitation, a connecting room, Ana, Ben and Chloe told",
			r.Participant("chloe").Status, r.Status, notes)
	}
	if !r.Deadline.Equal(t0.Add(4 * time.Hour)) {
		t.Fatalf("deadline %v, want the connection timeout, counted from the lapse that ended the waiting", r.Deadline)
	}

	dismissed := timedRoom(t, nil, ben, chloe)
	if err := dismissed.Dismiss("chloe", t0); err != nil {
		t.Fatal(err)
	}
	for _, n := range dismissed.Expire(t0.Add(time.Hour)) {
		if n.Recipient == "chloe" {
			t.Fatalf("Chloe dismissed the invitation and is told it lapsed: %+v", n)
		}
	}
}

func TestRoomThatNeverConnectsIsDeleted(t *testing.T) {
	r := timedRoom(t, nil, ben)
	if err := r.Join(ben, Client{}, t0); err != nil {
		t.Fatal(err)
	}
	notes := r.Expire(t0.Add(5 * time.Hour))
	if r.Status != Deleted || r.Deadline != nil || r.Participant("ben").LeaveReason != Timeout || len(notes) != 2 {
		t.Fatalf("%s deadline %v ben %+v, %d notes; want deleted, both told", r.Status, r.Deadline, r.Participant("ben"), len(notes))
	}
}

func TestWaitingRoomHasNoConnectionTimer(t *testing.T) {
	r := timedRoom(t, &seating.AutoMatch{Min: 1, Max: 1})
	if !r.Deadline.Equal(t0.Add(2 * time.Hour)) {
		t.Fatalf("deadline %v; want the auto-match timeout, not the connection timeout", r.Deadline)
	}
	if _, err := r.Place("app", seating.Seeker{Player: ben, Criteria: seating.AutoMatch{Min: 1, Max: 1}}, Client{}, false, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if r.Status != Connecting || !r.Deadline.Equal(t0.Add(4*time.Hour)) {
		t.Fatalf("%s deadline %v; want connecting, three hours from the fill", r.Status, r.Deadline)
	}
}

func TestActiveRoomHasNoConnectionTimer(t *testing.T) {
	r := timedRoom(t, nil, ben)
	if err := r.Join(ben, Client{}, t0); err != nil {
		t.Fatal(err)
	}
	up := func(id string) []PeerUpdate {
		return []PeerUpdate{{ParticipantID: id, Report: PeerReport{Status: ConnectionEstablished}}}
	}
	a, b := r.Participant("ana").ID, r.Participant("ben").ID
	if err := r.ReportStatus("ana", up(b), t0); err != nil {
		t.Fatal(err)
	}
	if err := r.ReportStatus("ben", up(a), t0); err != nil {
		t.Fatal(err)
	}
	if r.Status != Active || r.Deadline != nil {
		t.Fatalf("%s deadline %v; want active with no timer", r.Status, r.Deadline)
	}
	if r.Expire(t0.Add(100*time.Hour)) != nil || r.Status != Active {
		t.Fatal("an active room expired")
	}
}

func TestUnfilledRoomSlots(t *testing.T) {
	r := timedRoom(t, &seating.AutoMatch{Min: 1, Max: 2}, ben)
	if err := r.Join(ben, Client{}, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Place("app", seating.Seeker{Player: chloe, Criteria: seating.AutoMatch{Min: 1, Max: 3}}, Client{}, false, t0); err != nil {
		t.Fatal(err)
	}
	r.Expire(t0.Add(2 * time.Hour))
	if r.Status != Connecting || r.OpenSlots != 0 {
		t.Fatalf("%s slots %d; want the slot closed and the three connecting", r.Status, r.OpenSlots)
	}
	alone := timedRoom(t, &seating.AutoMatch{Min: 1, Max: 1})
	alone.Expire(t0.Add(2 * time.Hour))
	if alone.Status != Deleted {
		t.Fatalf("a room nobody joined is %s after its slots closed, want deleted", alone.Status)
	}
}
