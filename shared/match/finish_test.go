package match

import (
	"testing"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
)

// playedOut is threePlayers with everyone joined and the turn back at Ana (p_1).
func playedOut(t *testing.T) *Match {
	t.Helper()
	m := threePlayers(t)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2", Data: []byte("a"), HasData: true}, t0))
	noErr(t, m.Join(ben, t0))
	must(t)(m.TakeTurn("ben", Turn{Version: m.Version, Next: "p_3"}, t0))
	noErr(t, m.Join(chloe, t0))
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
	if m.Status != Complete || m.Participant("ana").Status != Finished || string(m.Data) != "final" || m.PendingParticipantID != "" || m.Open {
		t.Fatalf("after the first finish: %+v", m)
	}
	if m.UserStatusOf("ben") != UserTurn || m.UserStatusOf("ana") != UserMatchCompleted {
		t.Fatalf("user statuses: ben %s ana %s", m.UserStatusOf("ben"), m.UserStatusOf("ana"))
	}
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
		if p.Status != Finished {
			t.Errorf("%s is %s", p.ID, p.Status)
		}
	}
	want := map[string]Outcome{"p_1": Win, "p_2": Loss, "p_3": Disagreed}
	for _, r := range m.Results {
		if r.Outcome != want[r.ParticipantID] {
			t.Errorf("result %s = %s, want %s", r.ParticipantID, r.Outcome, want[r.ParticipantID])
		}
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
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != RematchIDFor(m.ID) || m.RematchID != r.ID || r.Number != 2 || string(r.PreviousData) != "end" || !r.HasPreviousData {
		t.Fatalf("rematch %+v of %+v", r, m)
	}
	if r.Participants[0].Player != ben || r.PendingParticipantID != r.Participants[0].ID || r.UserStatusOf("ben") != UserTurn {
		t.Fatalf("the caller plays first: %+v", r.Participants)
	}
	if r.Participant("ana").Status != Invited || r.Participant("chloe").Status != Invited {
		t.Fatalf("the others are invited at once: %+v", r.Participants)
	}
	wantNotes(t, notes, "MATCH_REMATCH>ana", "MATCH_REMATCH>chloe")
	if notes[0].MatchID != r.ID || notes[0].Topic != notification.TopicTurns {
		t.Errorf("rematch notification %+v", notes[0])
	}
	_, _, err = m.Rematch("ana", r, t0)
	wantErr(t, err, errs.Conflict, "already has its rematch")
	revision := m.Revision
	if again, notes, err := m.Rematch("ben", r, t0); err != nil || again != r || len(notes) != 0 || m.Revision != revision {
		t.Fatalf("Ben's retried rematch: %v, %d notes, err %v; want his rematch back, nothing changed", again, len(notes), err)
	}
	must(t)(r.TakeTurn("ben", Turn{Version: r.Version, Next: "p_2"}, t0))
	if r.HasPreviousData || r.PreviousData != nil {
		t.Fatal("previousMatchData shows only until the rematch's first turn")
	}
}

func TestCancelAndDismiss(t *testing.T) {
	m := playedOut(t)
	noErr(t, m.Dismiss("chloe", t0))
	version, revision := m.Version, m.Revision
	noErr(t, m.Dismiss("chloe", t0))
	if m.Version != version || m.Revision != revision {
		t.Fatal("dismissing again changed the match")
	}
	if len(m.Listed) != 2 || len(m.Players) != 3 {
		t.Fatalf("after Chloe dismissed: listed %v players %v", m.Listed, m.Players)
	}
	_, err := m.Cancel("mallory", t0)
	wantErr(t, err, errs.NotFound, "no match")
	notes := must(t)(m.Cancel("ben", t0))
	wantNotes(t, notes, "MATCH_CANCELED>ana") // Chloe dismissed the match: no more notifications for her
	if m.Status != Canceled || m.Version != version+1 || m.UserStatusOf("ana") != UserMatchCompleted {
		t.Fatalf("after cancel: %+v", m)
	}
	_, err = m.Leave("ana", t0)
	wantErr(t, err, errs.Conflict, "the match is over")
	_, err = m.Decline("ana", t0)
	wantErr(t, err, errs.Conflict, "the match is over")
}

func TestDismissDoesNotMoveTheVersion(t *testing.T) {
	m := threePlayers(t)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	noErr(t, m.Dismiss("ben", t0))
	noErr(t, m.Join(ben, t0))
	if _, err := m.TakeTurn("ben", Turn{Version: 2, Next: "p_1"}, t0); err != nil {
		t.Fatalf("a dismissal and a join must not make the pending player's matchVersion stale: %v", err)
	}
}

func TestWith(t *testing.T) {
	m := playedOut(t)
	if w := m.With("ana"); w == nil || w.ID != "p_2" {
		t.Fatalf("With(ana) = %+v", w)
	}
	must(t)(m.Leave("ben", t0))
	if w := m.With("ana"); w.ID != "p_3" {
		t.Fatalf("With(ana) after Ben left = %+v, want Chloe who still plays", w)
	}
}
