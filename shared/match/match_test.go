package match

import (
	"strings"
	"testing"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
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

// threePlayers is Ana's match inviting Ben (p_2) and Chloe (p_3); Ana is p_1.
func threePlayers(t *testing.T) *Match {
	t.Helper()
	m, err := New(Create{ID: "m1", ApplicationID: "app", Creator: ana, Invitees: []player.Profile{ben, chloe}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func wantErr(t *testing.T, err error, kind errs.Kind, fragment string) {
	t.Helper()
	if !errs.Is(err, kind) || !strings.Contains(err.Error(), fragment) {
		t.Fatalf("err = %v (%s); want %s mentioning %q", err, errs.KindOf(err), kind, fragment)
	}
}

// must fails the test on a rule's error and returns its notifications.
func must(t *testing.T) func([]notification.Notification, error) []notification.Notification {
	return func(notes []notification.Notification, err error) []notification.Notification {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return notes
	}
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantNotes(t *testing.T, notes []notification.Notification, want ...string) {
	t.Helper()
	var got []string
	for _, n := range notes {
		got = append(got, string(n.Type)+">"+n.Recipient)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("notifications %v, want %v", got, want)
	}
}

func placing(n int32) *int32 { return &n }

func TestNewMatch(t *testing.T) {
	m := threePlayers(t)
	if m.Status != Active || m.Version != 1 || m.Number != 1 || m.PendingParticipantID != "p_1" {
		t.Fatalf("new match: %+v", m)
	}
	for _, p := range []player.Profile{ben, chloe} {
		if got := m.Participant(p.ID); got.Status != NotInvitedYet || got.InviterID != "p_1" {
			t.Errorf("%s = %+v", p.ID, got)
		}
		if m.VisibleTo(p.ID) {
			t.Errorf("%s sees the match before the turn reaches them", p.ID)
		}
	}
	if strings.Join(m.Players, ",") != "ana" || !m.Open || !m.SyncAt.IsZero() {
		t.Errorf("index fields: players %v open %v", m.Players, m.Open)
	}
	if m.UserStatusOf("ana") != UserTurn {
		t.Errorf("creator's status %s", m.UserStatusOf("ana"))
	}
	auto, err := New(Create{ID: "m2", Creator: ana, AutoMatching: &seating.AutoMatch{Min: 1, Max: 1}}, t0)
	if err != nil || auto.Status != AutoMatching || auto.OpenSlots != 1 {
		t.Fatalf("auto-matched match: %+v, %v", auto, err)
	}
	_, err = New(Create{ID: "m3", Creator: ana, Invitees: []player.Profile{ana}}, t0)
	wantErr(t, err, errs.Invalid, "yourself")
}

func TestTurnsAndLazyInvitation(t *testing.T) {
	m := threePlayers(t)
	// Ana saves without passing the turn: nobody is told.
	notes := must(t)(m.TakeTurn("ana", Turn{Version: 1, Data: []byte("s1"), HasData: true, Next: "p_1"}, t0))
	wantNotes(t, notes)
	if m.Version != 2 || string(m.Data) != "s1" || m.PendingParticipantID != "p_1" {
		t.Fatalf("after save: %+v", m)
	}
	// The turn reaches Ben for the first time: he is invited, not told it is his turn.
	notes = must(t)(m.TakeTurn("ana", Turn{Version: 2, Data: []byte("s2"), HasData: true, Next: "p_2"}, t0))
	wantNotes(t, notes, "MATCH_INVITATION>ben")
	if notes[0].Topic != notification.TopicInvitations || notes[0].Text != "You are invited to a turn-based game" || notes[0].SenderName != "Ana" {
		t.Errorf("invitation: %+v", notes[0])
	}
	if m.Participant("ben").Status != Invited || !m.VisibleTo("ben") || m.UserStatusOf("ben") != UserInvited || m.UserStatusOf("ana") != UserAwaitingTurn {
		t.Fatalf("after passing to Ben: %+v", m.Participants)
	}
	if m.VisibleTo("chloe") {
		t.Fatal("Chloe is still not invited")
	}
	_, err := m.TakeTurn("ben", Turn{Version: 3, Next: "p_1"}, t0)
	wantErr(t, err, errs.Conflict, "you are PARTICIPANT_INVITED")
	noErr(t, m.Join(ben, t0))
	if m.Version != 3 {
		t.Fatalf("joining changed the matchVersion to %d", m.Version)
	}
	notes = must(t)(m.TakeTurn("ben", Turn{Version: 3, Next: "p_1", Results: []Result{{ParticipantID: "p_3", Outcome: Loss}}}, t0))
	wantNotes(t, notes, "MATCH_TURN>ana")
	if notes[0].Topic != notification.TopicTurns || notes[0].Version != 4 || notes[0].ID != "match~m1~MATCH_TURN~v4~p_1" {
		t.Errorf("turn notification: %+v", notes[0])
	}
	if string(m.Data) != "s2" || len(m.Results) != 1 {
		t.Fatalf("a turn without data keeps the state: %q, results %v", m.Data, m.Results)
	}
}

func TestTakeTurnRefusals(t *testing.T) {
	m := threePlayers(t)
	tests := []struct {
		name   string
		player string
		turn   Turn
		kind   errs.Kind
		frag   string
	}{
		{"stale version", "ana", Turn{Version: 7, Next: "p_2"}, errs.Conflict, "matchVersion: is 7 but the match is at version 1"},
		{"not your turn", "ben", Turn{Version: 1}, errs.NotFound, "no match"}, // Ben is not invited yet
		{"unknown next", "ana", Turn{Version: 1, Next: "p_9"}, errs.Invalid, "pendingParticipantId: no participant \"p_9\""},
		{"no slot", "ana", Turn{Version: 1}, errs.Invalid, "no open auto-match slot"},
		{"result for a stranger", "ana", Turn{Version: 1, Next: "p_2", Results: []Result{{ParticipantID: "p_8", Outcome: Win}}},
			errs.Invalid, "results[0].participantId"},
		{"placing out of range", "ana", Turn{Version: 1, Next: "p_2", Results: []Result{{ParticipantID: "p_1", Placing: placing(4), Outcome: Win}}},
			errs.Invalid, "results[0].placing: must be from 1 to 3"},
		{"two results", "ana", Turn{Version: 1, Next: "p_2", Results: []Result{{ParticipantID: "p_1", Outcome: Win}, {ParticipantID: "p_1", Outcome: Loss}}},
			errs.Invalid, "results[1].participantId"},
	}
	for _, tt := range tests {
		_, err := m.TakeTurn(tt.player, tt.turn, t0)
		wantErr(t, err, tt.kind, tt.frag)
	}
	if m.Version != 1 || m.Revision != 1 || len(m.Results) != 0 {
		t.Fatalf("refused turns changed the match: %+v", m)
	}
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	must(t)(m.Decline("ben", t0))
	if m.PendingParticipantID != "p_3" || m.Participant("chloe").Status != Invited {
		t.Fatalf("Ben declined on his turn: pending %s, Chloe %s", m.PendingParticipantID, m.Participant("chloe").Status)
	}
	_, err := m.TakeTurn("ana", Turn{Version: m.Version, Next: "p_2"}, t0)
	wantErr(t, err, errs.Conflict, "not your turn")
}

func TestPassingToAnAutoMatchSlot(t *testing.T) {
	m, _ := New(Create{ID: "m", Creator: ana, AutoMatching: &seating.AutoMatch{Min: 1, Max: 1}}, t0)
	notes := must(t)(m.TakeTurn("ana", Turn{Version: 1}, t0))
	if len(notes) != 0 || m.PendingParticipantID != "" || m.Status != AutoMatching || m.UserStatusOf("ana") != UserAwaitingTurn {
		t.Fatalf("turn handed to the slot: %+v", m)
	}
}

func TestLeavingKeepsTheGameGoingUntilNobodyRemains(t *testing.T) {
	m := threePlayers(t)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	noErr(t, m.Join(ben, t0))
	_, err := m.Leave("ben", t0)
	wantErr(t, err, errs.Conflict, "use leaveTurn")
	_, err = m.LeaveTurn("ben", m.Version, "p_2", t0)
	wantErr(t, err, errs.Invalid, "another participant")
	notes := must(t)(m.LeaveTurn("ben", m.Version, "p_3", t0))
	wantNotes(t, notes, "MATCH_INVITATION>chloe")
	if m.Participant("ben").Status != Left || m.PendingParticipantID != "p_3" {
		t.Fatalf("after leaveTurn: %+v", m)
	}
	_, err = m.TakeTurn("ana", Turn{Version: m.Version, Next: "p_2"}, t0)
	wantErr(t, err, errs.Conflict, "not your turn")
	// Chloe declines on her turn: Ana, the lone remaining player, gets it and may finish.
	notes = must(t)(m.Decline("chloe", t0))
	wantNotes(t, notes, "MATCH_TURN>ana")
	if m.PendingParticipantID != "p_1" || m.Status != Active {
		t.Fatalf("lone player: %+v", m)
	}
	_, err = m.TakeTurn("ana", Turn{Version: m.Version, Next: "p_2"}, t0)
	wantErr(t, err, errs.Invalid, "cannot play: they are PARTICIPANT_LEFT")
	must(t)(m.Finish("ana", Finish{Version: m.Version, Results: []Result{{ParticipantID: "p_1", Placing: placing(1), Outcome: Win}}}, t0))
	if m.Status != Complete || m.UserStatusOf("ana") != UserMatchCompleted {
		t.Fatalf("the lone player finished: %+v", m)
	}
}

func TestLastPlayerLeavingCancels(t *testing.T) {
	m, _ := New(Create{ID: "m", Creator: ana, Invitees: []player.Profile{ben}}, t0)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	noErr(t, m.Join(ben, t0))
	wantNotes(t, must(t)(m.Leave("ana", t0))) // out of turn: Ben keeps his turn
	if m.Status != Active || m.PendingParticipantID != "p_2" || m.Participant("ana").Status != Left {
		t.Fatalf("after Ana left: %+v", m)
	}
	_, err := m.LeaveTurn("ben", m.Version, "p_1", t0)
	wantErr(t, err, errs.Invalid, "nobody else can play")
	must(t)(m.LeaveTurn("ben", m.Version, "", t0))
	if m.Status != Canceled || m.Open || m.PendingParticipantID != "" || m.UserStatusOf("ben") != UserMatchCompleted {
		t.Fatalf("last player out: %+v", m)
	}
	_, err = m.Cancel("ben", t0)
	wantErr(t, err, errs.Conflict, "the match is over")
}

func TestLastPlayerLeavingCancelsDespiteOpenSlots(t *testing.T) {
	m, _ := New(Create{ID: "m", Creator: ana, AutoMatching: &seating.AutoMatch{Min: 1, Max: 2}}, t0)
	_, err := m.LeaveTurn("ana", 1, "p_1", t0)
	wantErr(t, err, errs.Invalid, "nobody else can play")
	must(t)(m.LeaveTurn("ana", 1, "", t0))
	if m.Status != Canceled || m.OpenSlots != 0 {
		t.Fatalf("an empty match with open slots: %+v", m)
	}
	m2, _ := New(Create{ID: "m2", Creator: ana, AutoMatching: &seating.AutoMatch{Min: 1, Max: 1}}, t0)
	must(t)(m2.TakeTurn("ana", Turn{Version: 1}, t0)) // the turn waits with the slot
	must(t)(m2.Leave("ana", t0))
	if m2.Status != Canceled {
		t.Fatalf("the last player left while the turn waited for a slot: %+v", m2)
	}
}

func TestJoiningClearsADismissal(t *testing.T) {
	m := threePlayers(t)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	noErr(t, m.Dismiss("ben", t0))
	noErr(t, m.Join(ben, t0))
	if m.Participant("ben").Dismissed || len(m.Listed) != 2 {
		t.Fatalf("Ben joined after dismissing: %+v, listed %v", m.Participant("ben"), m.Listed)
	}
	if notes := must(t)(m.TakeTurn("ben", Turn{Version: m.Version, Next: "p_1"}, t0)); len(notes) != 1 {
		t.Fatal("notifications flow again")
	}
}
