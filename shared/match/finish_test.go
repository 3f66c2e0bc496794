package match

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
)

// playedOut is threePlayers with everyone joined and the turn back at Ana (p_1).
func playedOut(t *testing.T) *Match {
	t.Helper()
	m := threePlayers(t)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2", Data: []byte("a"), HasData: true}, t0))
	must(t)(m.Join(ben, t0))
	must(t)(m.TakeTurn("ben", Turn{Version: m.Version, Next: "p_3"}, t0))
	must(t)(m.Join(chloe, t0))
	must(t)(m.TakeTurn("chloe", Turn{Version: m.Version, Next: "p_1"}, t0))
	return m
}

func standings(a, b, c Outcome) []Result {
	return []Result{{ParticipantID: "p_1", Placing: placing(1), Outcome: a}, {ParticipantID: "p_2", Placing: placing(2), Outcome: b},
		{ParticipantID: "p_3", Placing: placing(3), Outcome: c}}
}

func TestFinishAndConfirm(t *testing.T) {
	m := playedOut(t)
	_, err := m.Finish("ben", Finish{Version: m.Version}, t0)
	wantErr(t, err, errs.Conflict, "not your turn")
	notes := must(t)(m.Finish("ana", Finish{Version: m.Version, Data: []byte("final"), HasData: true, Results: standings(Win, Loss, Loss)}, t0))
	wantNotes(t, notes, "MATCH_COMPLETED>ben", "MATCH_COMPLETED>chloe")
	assert.Equal(t, Complete, m.Status, "after the first finish")
	assert.Equal(t, Finished, m.Participant("ana").Status)
	assert.Equal(t, "final", string(m.Data))
	assert.Empty(t, m.PendingParticipantID)
	assert.False(t, m.Open())
	assert.Equal(t, UserTurn, m.UserStatusOf("ben"))
	assert.Equal(t, UserMatchCompleted, m.UserStatusOf("ana"))
	_, err = m.Finish("ana", Finish{Version: m.Version}, t0)
	wantErr(t, err, errs.Conflict, "already finished")
	_, err = m.Finish("ben", Finish{Version: m.Version - 1}, t0)
	wantErr(t, err, errs.Conflict, "matchVersion")
	_, err = m.Finish("ben", Finish{Version: m.Version, HasData: true}, t0)
	wantErr(t, err, errs.Invalid, "data: only the first finish")
	_, err = m.TakeTurn("ben", Turn{Version: m.Version, Next: "p_1"}, t0)
	wantErr(t, err, errs.Conflict, "the match is over")

	// Ben agrees; Chloe thinks she came second, not third.
	must(t)(m.Finish("ben", Finish{Version: m.Version, Results: standings(Win, Loss, Loss)}, t0))
	chloeView := standings(Win, Loss, Loss)
	chloeView[2].Placing = placing(2)
	must(t)(m.Finish("chloe", Finish{Version: m.Version, Results: chloeView}, t0))
	for _, p := range m.Participants {
		assert.Equal(t, Finished, p.Status, p.ID)
	}
	want := map[string]Outcome{"p_1": Win, "p_2": Loss, "p_3": Disagreed}
	for _, r := range m.Results {
		assert.Equal(t, want[r.ParticipantID], r.Outcome, "result of %s", r.ParticipantID)
	}
}

func TestRematch(t *testing.T) {
	m := playedOut(t)
	_, _, err := m.Rematch("ana", nil, t0)
	wantErr(t, err, errs.Conflict, "not complete")
	must(t)(m.Finish("ana", Finish{Version: m.Version, Data: []byte("end"), HasData: true}, t0))
	_, _, err = m.Rematch("ben", nil, t0)
	wantErr(t, err, errs.Conflict, "only a participant who finished")
	must(t)(m.Finish("ben", Finish{Version: m.Version}, t0))

	r, notes, err := m.Rematch("ben", nil, t0)
	require.NoError(t, err)
	assert.Equal(t, RematchIDFor(m.ID), r.ID)
	assert.Equal(t, r.ID, m.RematchID)
	assert.Equal(t, 2, r.Number)
	assert.Equal(t, "end", string(r.PreviousData))
	assert.True(t, r.HasPreviousData)
	assert.Equal(t, ben, r.Participants[0].Player, "the caller plays first")
	assert.Equal(t, r.Participants[0].ID, r.PendingParticipantID, "the caller plays first")
	assert.Equal(t, UserTurn, r.UserStatusOf("ben"), "the caller plays first")
	assert.Equal(t, Invited, r.Participant("ana").Status, "the others are invited at once")
	assert.Equal(t, Invited, r.Participant("chloe").Status, "the others are invited at once")
	wantNotes(t, notes, "MATCH_REMATCH>ana", "MATCH_REMATCH>chloe")
	assert.Equal(t, r.ID, notes[0].MatchID)
	assert.Equal(t, notification.TopicTurns, notes[0].Topic)
	_, _, err = m.Rematch("ana", r, t0)
	wantErr(t, err, errs.Conflict, "already has its rematch")
	revision := m.Revision
	again, notes, err := m.Rematch("ben", r, t0)
	require.NoError(t, err, "Ben's retried rematch")
	assert.Same(t, r, again, "Ben's retried rematch: his rematch back")
	assert.Empty(t, notes, "Ben's retried rematch: nothing owed")
	assert.Equal(t, revision, m.Revision, "Ben's retried rematch: nothing changed")
	must(t)(r.TakeTurn("ben", Turn{Version: r.Version, Next: "p_2"}, t0))
	assert.False(t, r.HasPreviousData, "previousMatchData shows only until the rematch's first turn")
	assert.Nil(t, r.PreviousData, "previousMatchData shows only until the rematch's first turn")
}

func TestCancelAndDismiss(t *testing.T) {
	m := playedOut(t)
	must(t)(m.Dismiss("chloe", t0))
	version, revision := m.Version, m.Revision
	must(t)(m.Dismiss("chloe", t0))
	assert.Equal(t, version, m.Version, "dismissing again changed the match")
	assert.Equal(t, revision, m.Revision, "dismissing again changed the match")
	assert.Len(t, m.Listed(), 2, "after Chloe dismissed")
	assert.Len(t, m.Players(), 3, "after Chloe dismissed")
	_, err := m.Cancel("mallory", t0)
	wantErr(t, err, errs.NotFound, "no match")
	notes := must(t)(m.Cancel("ben", t0))
	wantNotes(t, notes, "MATCH_CANCELED>ana") // Chloe dismissed the match: no more notifications for her
	assert.Equal(t, Canceled, m.Status, "after cancel")
	assert.Equal(t, version+1, m.Version, "after cancel")
	assert.Equal(t, UserMatchCompleted, m.UserStatusOf("ana"), "after cancel")
	_, err = m.Leave("ana", t0)
	wantErr(t, err, errs.Conflict, "the match is over")
	_, err = m.Decline("ana", t0)
	wantErr(t, err, errs.Conflict, "the match is over")
}

func TestDismissDoesNotMoveTheVersion(t *testing.T) {
	m := threePlayers(t)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	must(t)(m.Dismiss("ben", t0))
	must(t)(m.Join(ben, t0))
	_, err := m.TakeTurn("ben", Turn{Version: 2, Next: "p_1"}, t0)
	assert.NoError(t, err, "a dismissal and a join must not make the pending player's matchVersion stale")
}

func TestWith(t *testing.T) {
	m := playedOut(t)
	w := m.With("ana")
	require.NotNil(t, w)
	assert.Equal(t, "p_2", w.ID)
	must(t)(m.Leave("ben", t0))
	assert.Equal(t, "p_3", m.With("ana").ID, "after Ben left: Chloe, who still plays")
}
