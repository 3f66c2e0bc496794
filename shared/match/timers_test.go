package match

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/player"
)

var timeouts = application.Defaults.Timeouts // turn and invitation 14 days, auto-match 1 day

const day = 24 * time.Hour

// timed is Ana's match with Ben and Chloe under the default timeouts, everyone joined, Ben to
// play from t0.
func timed(t *testing.T) *Match {
	t.Helper()
	m, err := New(Create{Create: game.Create{ID: "m1", ApplicationID: "app", Creator: ana,
		Invitees: []player.Profile{ben, chloe}, Timeouts: timeouts}}, t0)
	require.NoError(t, err)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	must(t)(m.Join(ben, t0))
	return m
}

// after is the time d after t0, as a deadline.
func after(d time.Duration) *time.Time {
	at := t0.Add(d)
	return &at
}

func TestTurnTimeoutPassesTheTurnOn(t *testing.T) {
	m := timed(t)
	assert.Equal(t, after(14*day), m.Deadline(), "Ben's turn runs out 14 days after t0")
	assert.Empty(t, m.Expire(t0.Add(14*day-time.Second)), "a timer fired before its deadline")
	assert.Equal(t, Joined, m.Participant("ben").Status, "a timer fired before its deadline")
	notes := m.Expire(t0.Add(15 * day))
	wantNotes(t, notes, "MATCH_INVITATION>chloe", "MATCH_TIMED_OUT>ben")
	assert.Equal(t, Unresponsive, m.Participant("ben").Status, "after Ben's turn lapsed")
	assert.Equal(t, "p_3", m.PendingParticipantID, "after Ben's turn lapsed")
	assert.Equal(t, Active, m.Status, "after Ben's turn lapsed")
	assert.Equal(t, t0.Add(14*day), m.LastUpdate.At, "the change is dated at the deadline itself")
	assert.Equal(t, t0.Add(14*day), m.TurnSince, "the turn is dated from the deadline itself")
	assert.Empty(t, m.Expire(t0.Add(15*day)), "expiring twice at the same time changed the match again")
}

func TestTimeoutsCascadeToExpiry(t *testing.T) {
	m := timed(t)
	// Chloe gets the turn when Ben's runs out, Ana when Chloe's does; when Ana's runs out too,
	// nobody can play.
	notes := m.Expire(t0.Add(50 * day))
	assert.Equal(t, Expired, m.Status)
	assert.Nil(t, m.Deadline(), "no timer once expired")
	assert.False(t, m.Open())
	for _, p := range m.Participants {
		assert.Equal(t, Unresponsive, p.Status, p.ID)
	}
	wantNotes(t, notes, "MATCH_INVITATION>chloe", "MATCH_TIMED_OUT>ben", "MATCH_TURN>ana", "MATCH_TIMED_OUT>chloe",
		"MATCH_EXPIRED>ana", "MATCH_EXPIRED>ben", "MATCH_EXPIRED>chloe")
}

func TestLoneRemainingPlayerMayFinish(t *testing.T) {
	m, err := New(Create{Create: game.Create{ID: "m1", ApplicationID: "app", Creator: ana,
		Invitees: []player.Profile{ben}, Timeouts: timeouts}}, t0)
	require.NoError(t, err)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	wantNotes(t, m.Expire(t0.Add(14*day)), "MATCH_TURN>ana", "MATCH_TIMED_OUT>ben")
	assert.Equal(t, Active, m.Status, "Ana plays on alone (and may finish)")
	assert.Equal(t, "p_1", m.PendingParticipantID, "Ana plays on alone (and may finish)")
}

func TestInvitationLapses(t *testing.T) {
	m := timed(t)
	// Chloe was invited out of turn, as a rematch invites everyone at once.
	c := m.Participant("chloe")
	c.Status, c.InvitedAt = Invited, t0.Add(time.Hour)
	m.change(m.Participant("ana"), t0.Add(time.Hour), false)
	assert.Equal(t, after(14*day), m.Deadline(), "Ben's turn, the earlier timer")
	must(t)(m.TakeTurn("ben", Turn{Version: 2, Next: "p_1"}, t0.Add(2*day)))
	wantNotes(t, m.Expire(t0.Add(14*day+time.Hour)), "MATCH_TIMED_OUT>chloe")
	assert.Equal(t, Declined, c.Status, "the invitation lapsed as a decline")
	assert.Equal(t, Active, m.Status, "play goes on")
	assert.Equal(t, "p_1", m.PendingParticipantID, "play goes on")
	assert.Equal(t, after(16*day), m.Deadline(), "Ana's turn from day 2")
}

func TestUnfilledSlots(t *testing.T) {
	t.Run("alone: expires", func(t *testing.T) {
		m, err := New(Create{Create: game.Create{ID: "m1", ApplicationID: "app", Creator: ana,
			AutoMatching: &game.AutoMatch{Min: 1, Max: 1}, Timeouts: timeouts}}, t0)
		require.NoError(t, err)
		must(t)(m.TakeTurn("ana", Turn{Version: 1}, t0)) // the turn waits at the slot
		wantNotes(t, m.Expire(t0.Add(day)), "MATCH_EXPIRED>ana")
		assert.Equal(t, Expired, m.Status)
		assert.Equal(t, 0, m.OpenSlots)
		assert.False(t, m.Seeking())
	})
	t.Run("enough players: goes on", func(t *testing.T) {
		m, err := New(Create{Create: game.Create{ID: "m1", ApplicationID: "app", Creator: ana,
			Invitees: []player.Profile{ben}, AutoMatching: &game.AutoMatch{Min: 1, Max: 2}, Timeouts: timeouts}}, t0)
		require.NoError(t, err)
		must(t)(m.TakeTurn("ana", Turn{Version: 1}, t0))
		must(t)(m.Place("app", game.Seeker{Player: chloe, Criteria: game.AutoMatch{Min: 1, Max: 3}}, false, t0))
		must(t)(m.TakeTurn("chloe", Turn{Version: 3}, t0)) // to the one open slot
		wantNotes(t, m.Expire(t0.Add(day)), "MATCH_TURN>ana")
		assert.Equal(t, Active, m.Status, "the slots closed")
		assert.Equal(t, 0, m.OpenSlots, "the slots closed")
		assert.Equal(t, "p_1", m.PendingParticipantID, "the turn passed from Chloe to the next in order, Ana")
	})
}

// TestRefreshShowsTheMatchAsOfNow: a reader sees the lapsed timers applied.
func TestRefreshShowsTheMatchAsOfNow(t *testing.T) {
	m := timed(t)
	m.Refresh(t0.Add(14*day - time.Second))
	assert.Equal(t, "p_2", m.PendingParticipantID, "before the deadline")
	m.Refresh(t0.Add(14 * day))
	assert.Equal(t, Unresponsive, m.Participant("ben").Status, "at the deadline Ben's turn lapsed")
	assert.Equal(t, "p_3", m.PendingParticipantID)
}
