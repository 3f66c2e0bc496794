package match

import (
	"testing"
	"time"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/seating"
)

var timeouts = application.Defaults.Timeouts // turn and invitation 14 days, auto-match 1 day

const day = 24 * time.Hour

// timed is Ana's match with Ben and Chloe under the default timeouts, everyone joined, Ben to
// play from t0.
func timed(t *testing.T) *Match {
	t.Helper()
	m, err := New(Create{ID: "m1", ApplicationID: "app", Creator: ana, Invitees: []player.Profile{ben, chloe}, Timeouts: timeouts}, t0)
	noErr(t, err)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	noErr(t, m.Join(ben, t0))
	return m
}

func TestTurnTimeoutPassesTheTurnOn(t *testing.T) {
	m := timed(t)
	if m.Deadline == nil || !m.Deadline.Equal(t0.Add(14*day)) {
		t.Fatalf("deadline %v, want Ben's turn to run out 14 days after t0", m.Deadline)
	}
	if notes := m.Expire(t0.Add(14*day - time.Second)); len(notes) != 0 || m.Participant("ben").Status != Joined {
		t.Fatal("a timer fired before its deadline")
	}
	notes := m.Expire(t0.Add(15 * day))
	wantNotes(t, notes, "MATCH_INVITATION>chloe", "MATCH_TIMED_OUT>ben")
	if m.Participant("ben").Status != Unresponsive || m.PendingParticipantID != "p_3" || m.Status != Active {
		t.Fatalf("after Ben's turn lapsed: ben %s, pending %q, %s", m.Participant("ben").Status, m.PendingParticipantID, m.Status)
	}
	if !m.LastUpdate.At.Equal(t0.Add(14*day)) || !m.TurnSince.Equal(t0.Add(14*day)) {
		t.Fatalf("the change is dated %v (turn since %v); want the deadline itself", m.LastUpdate.At, m.TurnSince)
	}
	if again := m.Expire(t0.Add(15 * day)); len(again) != 0 {
		t.Fatalf("expiring twice at the same time changed the match again: %v", again)
	}
}

func TestTimeoutsCascadeToExpiry(t *testing.T) {
	m := timed(t)
	// Chloe gets the turn when Ben's runs out, Ana when Chloe's does; when Ana's runs out too,
	// nobody can play.
	notes := m.Expire(t0.Add(50 * day))
	if m.Status != Expired || m.Deadline != nil || m.Open {
		t.Fatalf("status %s deadline %v open %v; want expired with no timer", m.Status, m.Deadline, m.Open)
	}
	for _, p := range m.Participants {
		if p.Status != Unresponsive {
			t.Errorf("%s is %s, want unresponsive", p.ID, p.Status)
		}
	}
	wantNotes(t, notes, "MATCH_INVITATION>chloe", "MATCH_TIMED_OUT>ben", "MATCH_TURN>ana", "MATCH_TIMED_OUT>chloe",
		"MATCH_EXPIRED>ana", "MATCH_EXPIRED>ben", "MATCH_EXPIRED>chloe")
}

func TestLoneRemainingPlayerMayFinish(t *testing.T) {
	m, err := New(Create{ID: "m1", ApplicationID: "app", Creator: ana, Invitees: []player.Profile{ben}, Timeouts: timeouts}, t0)
	noErr(t, err)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	wantNotes(t, m.Expire(t0.Add(14*day)), "MATCH_TURN>ana", "MATCH_TIMED_OUT>ben")
	if m.Status != Active || m.PendingParticipantID != "p_1" {
		t.Fatalf("%s pending %q; want Ana to play on alone (and finish)", m.Status, m.PendingParticipantID)
	}
}

func TestInvitationLapses(t *testing.T) {
	m := timed(t)
	// Chloe was invited out of turn, as a rematch invites everyone at once.
	c := m.Participant("chloe")
	c.Status, c.InvitedAt = Invited, t0.Add(time.Hour)
	m.change(m.Participant("ana"), t0.Add(time.Hour), false)
	if !m.Deadline.Equal(t0.Add(14 * day)) {
		t.Fatalf("deadline %v; want Ben's turn, the earlier timer", m.Deadline)
	}
	must(t)(m.TakeTurn("ben", Turn{Version: 2, Next: "p_1"}, t0.Add(2*day)))
	wantNotes(t, m.Expire(t0.Add(14*day+time.Hour)), "MATCH_TIMED_OUT>chloe")
	if c.Status != Declined || m.Status != Active || m.PendingParticipantID != "p_1" {
		t.Fatalf("chloe %s, match %s, pending %q; want the invitation lapsed as a decline and play going on", c.Status, m.Status, m.PendingParticipantID)
	}
	if !m.Deadline.Equal(t0.Add(16 * day)) {
		t.Fatalf("deadline %v; want Ana's turn from day 2", m.Deadline)
	}
}

func TestUnfilledSlots(t *testing.T) {
	t.Run("alone: expires", func(t *testing.T) {
		m, err := New(Create{ID: "m1", ApplicationID: "app", Creator: ana,
			AutoMatching: &seating.AutoMatch{Min: 1, Max: 1}, Timeouts: timeouts}, t0)
		noErr(t, err)
		must(t)(m.TakeTurn("ana", Turn{Version: 1}, t0)) // the turn waits at the slot
		wantNotes(t, m.Expire(t0.Add(day)), "MATCH_EXPIRED>ana")
		if m.Status != Expired || m.OpenSlots != 0 || m.Seeking {
			t.Fatalf("%s slots %d seeking %v; want an expired match", m.Status, m.OpenSlots, m.Seeking)
		}
	})
	t.Run("enough players: goes on", func(t *testing.T) {
		m, err := New(Create{ID: "m1", ApplicationID: "app", Creator: ana, Invitees: []player.Profile{ben},
			AutoMatching: &seating.AutoMatch{Min: 1, Max: 2}, Timeouts: timeouts}, t0)
		noErr(t, err)
		must(t)(m.TakeTurn("ana", Turn{Version: 1}, t0))
		must(t)(m.Place("app", seating.Seeker{Player: chloe, Criteria: seating.AutoMatch{Min: 1, Max: 3}}, false, t0))
		must(t)(m.TakeTurn("chloe", Turn{Version: 3}, t0)) // to the one open slot
		wantNotes(t, m.Expire(t0.Add(day)), "MATCH_TURN>ana")
		if m.Status != Active || m.OpenSlots != 0 || m.PendingParticipantID != "p_1" {
			t.Fatalf("%s slots %d pending %q; want the slots closed and the turn passed from Chloe to the next in order, Ana", m.Status, m.OpenSlots, m.PendingParticipantID)
		}
	})
}
