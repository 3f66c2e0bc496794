package e2e

import (
	"encoding/base64"
	"net/http"
	"testing"

	games "google.golang.org/api/games/v1"
)

func matchParticipant(t *testing.T, m *games.TurnBasedMatch, playerID string) *games.TurnBasedMatchParticipant {
	t.Helper()
	for _, p := range m.Participants {
		if p.Player != nil && p.Player.PlayerId == playerID {
			return p
		}
	}
	t.Fatalf("player %s not in match %s", playerID, m.MatchId)
	return nil
}

func state(s string) *games.TurnBasedMatchDataRequest {
	return &games.TurnBasedMatchDataRequest{Data: base64.URLEncoding.EncodeToString([]byte(s))}
}

// TestTurnBasedMatchToTheEnd plays a three-player match through the generated client: one
// lazy invitation, turns, finish with results, a rematch, list, and sync with a tombstone.
func TestTurnBasedMatchToTheEnd(t *testing.T) {
	ana, ben, chloe, mallory := signUp(t, "Ana"), signUp(t, "Ben"), signUp(t, "Chloe"), signUp(t, "Mallory")
	m, err := ana.Games.TurnBasedMatches.Create(&games.TurnBasedMatchCreateRequest{
		InvitedPlayerIds: []string{ben.ID, chloe.ID}, RequestId: 1234, Variant: 1}).Do()
	if err != nil {
		t.Fatal(err)
	}
	anaID, benID, chloeID := matchParticipant(t, m, ana.ID).Id, matchParticipant(t, m, ben.ID).Id, matchParticipant(t, m, chloe.ID).Id
	if m.Status != "MATCH_ACTIVE" || m.UserMatchStatus != "USER_TURN" || m.PendingParticipantId != anaID {
		t.Fatalf("created: %+v", m)
	}

	// Ana plays and passes to Ben, who is invited now; Chloe is not yet.
	m, err = ana.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{
		MatchVersion: m.MatchVersion, PendingParticipantId: benID, Data: state("board after Ana")}).Do()
	if err != nil {
		t.Fatal(err)
	}
	_, err = chloe.Games.TurnBasedMatches.Get(m.MatchId).Do()
	wantCode(t, "Chloe before her invitation", err, http.StatusNotFound)
	if _, err = ben.Games.TurnBasedMatches.Join(m.MatchId).Do(); err != nil {
		t.Fatal(err)
	}
	m, err = ben.Games.TurnBasedMatches.Get(m.MatchId).IncludeMatchData(true).Do()
	if err != nil || m.Data == nil || m.UserMatchStatus != "USER_TURN" {
		t.Fatalf("Ben's view: %+v, %v", m, err)
	}
	if raw, _ := base64.URLEncoding.DecodeString(m.Data.Data); string(raw) != "board after Ana" {
		t.Fatalf("Ben sees data %q", raw)
	}
	_, err = ben.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{MatchVersion: m.MatchVersion - 1, PendingParticipantId: chloeID}).Do()
	wantCode(t, "a stale matchVersion", err, http.StatusConflict)
	m, err = ben.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{
		MatchVersion: m.MatchVersion, PendingParticipantId: chloeID, Data: state("board after Ben")}).Do()
	if err != nil {
		t.Fatal(err)
	}
	if _, err = chloe.Games.TurnBasedMatches.Join(m.MatchId).Do(); err != nil {
		t.Fatal(err)
	}
	m, err = chloe.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{
		MatchVersion: m.MatchVersion, PendingParticipantId: anaID, Data: state("board after Chloe")}).Do()
	if err != nil {
		t.Fatal(err)
	}

	results := []*games.ParticipantResult{{ParticipantId: anaID, Placing: 1, Result: "MATCH_RESULT_WIN"},
		{ParticipantId: benID, Placing: 2, Result: "MATCH_RESULT_LOSS"}, {ParticipantId: chloeID, Placing: 2, Result: "MATCH_RESULT_LOSS"}}
	m, err = ana.Games.TurnBasedMatches.Finish(m.MatchId, &games.TurnBasedMatchResults{
		MatchVersion: m.MatchVersion, Data: state("final board"), Results: results}).Do()
	if err != nil || m.Status != "MATCH_COMPLETE" {
		t.Fatalf("Ana finishes: %+v, %v", m, err)
	}
	for _, p := range []player{ben, chloe} {
		current, err := p.Games.TurnBasedMatches.Get(m.MatchId).Do()
		if err != nil || current.UserMatchStatus != "USER_TURN" {
			t.Fatalf("%s must confirm: %+v, %v", p.Name, current, err)
		}
		if m, err = p.Games.TurnBasedMatches.Finish(m.MatchId, &games.TurnBasedMatchResults{MatchVersion: current.MatchVersion, Results: results}).Do(); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range m.Participants {
		if p.Status != "PARTICIPANT_FINISHED" {
			t.Errorf("%s is %s", p.Id, p.Status)
		}
	}
	if len(m.Results) != 3 || m.Results[0].Result != "MATCH_RESULT_WIN" {
		t.Fatalf("results: %+v", m.Results)
	}

	rematch, err := ben.Games.TurnBasedMatches.Rematch(m.MatchId).RequestId(99).Do()
	if err != nil || rematch.Rematch.MatchNumber != 2 || rematch.PreviousMatch.RematchId != rematch.Rematch.MatchId || rematch.Rematch.PreviousMatchData == nil {
		t.Fatalf("rematch: %+v, %v", rematch, err)
	}
	_, err = ana.Games.TurnBasedMatches.Rematch(m.MatchId).Do()
	wantCode(t, "a second rematch", err, http.StatusConflict)

	// Ana's list: the open rematch first, then the completed match.
	list, err := ana.Games.TurnBasedMatches.List().MaxCompletedMatches(5).Do()
	if err != nil || len(list.Items) != 2 || list.Items[0].MatchId != rematch.Rematch.MatchId || list.Items[1].MatchId != m.MatchId ||
		!list.Items[1].Data.DataAvailable {
		t.Fatalf("Ana's list: %+v, %v", list, err)
	}

	// Sync from the start shows both; after Ana dismisses the old match, it comes back as a tombstone.
	sync, err := ana.Games.TurnBasedMatches.Sync().Do()
	if err != nil || len(sync.Items) != 2 || sync.MoreAvailable {
		t.Fatalf("first sync: %+v, %v", sync, err)
	}
	if err := ana.Games.TurnBasedMatches.Dismiss(m.MatchId).Do(); err != nil {
		t.Fatal(err)
	}
	sync, err = ana.Games.TurnBasedMatches.Sync().PageToken(sync.NextPageToken).Do()
	if err != nil || len(sync.Items) != 1 || sync.Items[0].MatchId != m.MatchId || sync.Items[0].Status != "MATCH_DELETED" {
		t.Fatalf("sync after dismiss: %+v, %v", sync, err)
	}
	list, err = ana.Games.TurnBasedMatches.List().Do()
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("list after dismiss: %+v, %v", list, err)
	}

	_, err = mallory.Games.TurnBasedMatches.Get(m.MatchId).Do()
	wantCode(t, "a stranger reads the match", err, http.StatusNotFound)
	err = mallory.Games.TurnBasedMatches.Cancel(rematch.Rematch.MatchId).Do()
	wantCode(t, "a stranger cancels", err, http.StatusNotFound)
	if err := ben.Games.TurnBasedMatches.Cancel(rematch.Rematch.MatchId).Do(); err != nil {
		t.Fatal(err)
	}
	_, err = ben.Games.TurnBasedMatches.LeaveTurn(rematch.Rematch.MatchId, rematch.Rematch.MatchVersion).Do()
	wantCode(t, "leaving a canceled match", err, http.StatusConflict)
}
