package match

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
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
	m, err := New(Create{Create: game.Create{ID: "m1", ApplicationID: "app", Creator: ana,
		Invitees: []player.Profile{ben, chloe}}}, t0)
	require.NoError(t, err)
	return m
}

// wantErr checks that err is of kind and mentions fragment.
func wantErr(t *testing.T, err error, kind errs.Kind, fragment string) {
	t.Helper()
	assert.Truef(t, errs.Is(err, kind), "err = %v (%s); want %s", err, errs.KindOf(err), kind)
	assert.ErrorContains(t, err, fragment)
}

// must fails the test on a rule's error and returns its notifications.
func must(t *testing.T) func([]notification.Notification, error) []notification.Notification {
	return func(notes []notification.Notification, err error) []notification.Notification {
		t.Helper()
		require.NoError(t, err)
		return notes
	}
}

func noErr(t *testing.T, err error) {
	t.Helper()
	require.NoError(t, err)
}

// wantNotes checks the notifications' types and recipients, in order (as type>recipient); the
// test stops on a difference, since what follows reads them.
func wantNotes(t *testing.T, notes []notification.Notification, want ...string) {
	t.Helper()
	var got []string
	for _, n := range notes {
		got = append(got, string(n.Type)+">"+n.Recipient)
	}
	require.Equal(t, strings.Join(want, " "), strings.Join(got, " "), "notifications")
}

func placing(n int32) *int32 { return &n }

func TestNewMatch(t *testing.T) {
	m := threePlayers(t)
	assert.Equal(t, Active, m.Status)
	assert.EqualValues(t, 1, m.Version)
	assert.Equal(t, 1, m.Number)
	assert.Equal(t, "p_1", m.PendingParticipantID)
	for _, p := range []player.Profile{ben, chloe} {
		got := m.Participant(p.ID)
		assert.Equal(t, NotInvitedYet, got.Status, p.ID)
		assert.Equal(t, "p_1", got.InviterID, p.ID)
		assert.False(t, m.VisibleTo(p.ID), "%s sees the match before the turn reaches them", p.ID)
	}
	assert.Equal(t, []string{"ana"}, m.Players())
	assert.True(t, m.Open())
	assert.Equal(t, UserTurn, m.UserStatusOf("ana"), "creator's status")
	auto, err := New(Create{Create: game.Create{ID: "m2", Creator: ana, AutoMatching: &game.AutoMatch{Min: 1,
		Max: 1}}}, t0)
	require.NoError(t, err)
	assert.Equal(t, AutoMatching, auto.Status)
	assert.Equal(t, 1, auto.OpenSlots)
	_, err = New(Create{Create: game.Create{ID: "m3", Creator: ana, Invitees: []player.Profile{ana}}}, t0)
	wantErr(t, err, errs.Invalid, "yourself")
}

func TestTurnsAndLazyInvitation(t *testing.T) {
	m := threePlayers(t)
	// Ana saves without passing the turn: nobody is told.
	notes := must(t)(m.TakeTurn("ana", Turn{Version: 1, Data: []byte("s1"), HasData: true, Next: "p_1"}, t0))
	wantNotes(t, notes)
	assert.EqualValues(t, 2, m.Version, "after save")
	assert.Equal(t, "s1", string(m.Data))
	assert.Equal(t, "p_1", m.PendingParticipantID)
	// The turn reaches Ben for the first time: he is invited, not told it is his turn.
	notes = must(t)(m.TakeTurn("ana", Turn{Version: 2, Data: []byte("s2"), HasData: true, Next: "p_2"}, t0))
	wantNotes(t, notes, "MATCH_INVITATION>ben")
	assert.Equal(t, notification.TopicInvitations, notes[0].Topic)
	assert.Equal(t, "You are invited to a turn-based game", notes[0].Text)
	assert.Equal(t, "Ana", notes[0].SenderName)
	assert.Equal(t, Invited, m.Participant("ben").Status, "after passing to Ben")
	assert.True(t, m.VisibleTo("ben"))
	assert.Equal(t, UserInvited, m.UserStatusOf("ben"))
	assert.Equal(t, UserAwaitingTurn, m.UserStatusOf("ana"))
	assert.False(t, m.VisibleTo("chloe"), "Chloe is still not invited")
	_, err := m.TakeTurn("ben", Turn{Version: 3, Next: "p_1"}, t0)
	wantErr(t, err, errs.Conflict, "you are PARTICIPANT_INVITED")
	must(t)(m.Join(ben, t0))
	assert.EqualValues(t, 3, m.Version, "joining does not change the matchVersion")
	notes = must(t)(m.TakeTurn("ben", Turn{Version: 3, Next: "p_1", Results: []Result{{ParticipantID: "p_3", Outcome: Loss}}}, t0))
	wantNotes(t, notes, "MATCH_TURN>ana")
	assert.Equal(t, notification.TopicTurns, notes[0].Topic)
	assert.EqualValues(t, 4, notes[0].Version)
	assert.Equal(t, "match~m1~MATCH_TURN~v4~p_1", notes[0].ID)
	assert.Equal(t, "s2", string(m.Data), "a turn without data keeps the state")
	assert.Len(t, m.Results, 1)
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
	assert.EqualValues(t, 1, m.Version, "refused turns changed the match")
	assert.EqualValues(t, 1, m.Revision, "refused turns changed the match")
	assert.Empty(t, m.Results, "refused turns changed the match")
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	must(t)(m.Decline("ben", t0))
	assert.Equal(t, "p_3", m.PendingParticipantID, "Ben declined on his turn")
	assert.Equal(t, Invited, m.Participant("chloe").Status)
	_, err := m.TakeTurn("ana", Turn{Version: m.Version, Next: "p_2"}, t0)
	wantErr(t, err, errs.Conflict, "not your turn")
}

func TestPassingToAnAutoMatchSlot(t *testing.T) {
	m, err := New(Create{Create: game.Create{ID: "m", Creator: ana, AutoMatching: &game.AutoMatch{Min: 1, Max: 1}}}, t0)
	require.NoError(t, err)
	notes := must(t)(m.TakeTurn("ana", Turn{Version: 1}, t0))
	assert.Empty(t, notes, "turn handed to the slot")
	assert.Empty(t, m.PendingParticipantID)
	assert.Equal(t, AutoMatching, m.Status)
	assert.Equal(t, UserAwaitingTurn, m.UserStatusOf("ana"))
}

func TestLeavingKeepsTheGameGoingUntilNobodyRemains(t *testing.T) {
	m := threePlayers(t)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	must(t)(m.Join(ben, t0))
	_, err := m.Leave("ben", t0)
	wantErr(t, err, errs.Conflict, "use leaveTurn")
	_, err = m.LeaveTurn("ben", m.Version, "p_2", t0)
	wantErr(t, err, errs.Invalid, "another participant")
	notes := must(t)(m.LeaveTurn("ben", m.Version, "p_3", t0))
	wantNotes(t, notes, "MATCH_INVITATION>chloe")
	assert.Equal(t, Left, m.Participant("ben").Status, "after leaveTurn")
	assert.Equal(t, "p_3", m.PendingParticipantID, "after leaveTurn")
	_, err = m.TakeTurn("ana", Turn{Version: m.Version, Next: "p_2"}, t0)
	wantErr(t, err, errs.Conflict, "not your turn")
	// Chloe declines on her turn: Ana, the lone remaining player, gets it and may finish.
	notes = must(t)(m.Decline("chloe", t0))
	wantNotes(t, notes, "MATCH_TURN>ana")
	assert.Equal(t, "p_1", m.PendingParticipantID, "lone player")
	assert.Equal(t, Active, m.Status, "lone player")
	_, err = m.TakeTurn("ana", Turn{Version: m.Version, Next: "p_2"}, t0)
	wantErr(t, err, errs.Invalid, "cannot play: they are PARTICIPANT_LEFT")
	must(t)(m.Finish("ana", Finish{Version: m.Version, Results: []Result{{ParticipantID: "p_1", Placing: placing(1), Outcome: Win}}}, t0))
	assert.Equal(t, Complete, m.Status, "the lone player finished")
	assert.Equal(t, UserMatchCompleted, m.UserStatusOf("ana"))
}

func TestLastPlayerLeavingCancels(t *testing.T) {
	m, err := New(Create{Create: game.Create{ID: "m", Creator: ana, Invitees: []player.Profile{ben}}}, t0)
	require.NoError(t, err)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	must(t)(m.Join(ben, t0))
	wantNotes(t, must(t)(m.Leave("ana", t0))) // out of turn: Ben keeps his turn
	assert.Equal(t, Active, m.Status, "after Ana left")
	assert.Equal(t, "p_2", m.PendingParticipantID, "after Ana left")
	assert.Equal(t, Left, m.Participant("ana").Status)
	_, err = m.LeaveTurn("ben", m.Version, "p_1", t0)
	wantErr(t, err, errs.Invalid, "nobody else can play")
	must(t)(m.LeaveTurn("ben", m.Version, "", t0))
	assert.Equal(t, Canceled, m.Status, "last player out")
	assert.False(t, m.Open())
	assert.Empty(t, m.PendingParticipantID)
	assert.Equal(t, UserMatchCompleted, m.UserStatusOf("ben"))
	_, err = m.Cancel("ben", t0)
	wantErr(t, err, errs.Conflict, "the match is over")
}

func TestLastPlayerLeavingCancelsDespiteOpenSlots(t *testing.T) {
	m, err := New(Create{Create: game.Create{ID: "m", Creator: ana, AutoMatching: &game.AutoMatch{Min: 1, Max: 2}}}, t0)
	require.NoError(t, err)
	_, err = m.LeaveTurn("ana", 1, "p_1", t0)
	wantErr(t, err, errs.Invalid, "nobody else can play")
	must(t)(m.LeaveTurn("ana", 1, "", t0))
	assert.Equal(t, Canceled, m.Status, "an empty match with open slots")
	assert.Equal(t, 0, m.OpenSlots)
	m2, err := New(Create{Create: game.Create{ID: "m2", Creator: ana, AutoMatching: &game.AutoMatch{Min: 1,
		Max: 1}}}, t0)
	require.NoError(t, err)
	must(t)(m2.TakeTurn("ana", Turn{Version: 1}, t0)) // the turn waits with the slot
	must(t)(m2.Leave("ana", t0))
	assert.Equal(t, Canceled, m2.Status, "the last player left while the turn waited for a slot")
}

func TestJoiningClearsADismissal(t *testing.T) {
	m := threePlayers(t)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	must(t)(m.Dismiss("ben", t0))
	must(t)(m.Join(ben, t0))
	assert.False(t, m.Participant("ben").Dismissed, "Ben joined after dismissing")
	assert.Len(t, m.Listed(), 2)
	assert.Len(t, must(t)(m.TakeTurn("ben", Turn{Version: m.Version, Next: "p_1"}, t0)), 1, "notifications flow again")
}
