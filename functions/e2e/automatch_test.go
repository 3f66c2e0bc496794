package e2e

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"testing"

	games "google.golang.org/api/games/v1"
)

// TestAutoMatchAndTurnTimeout runs a dev server of its own (its own application, so that moving
// its clock and sweeping touch no other test's games). Three players auto-match into one
// turn-based match through the generated client; two play, the third lets the turn run out
// (the dev server's clock moves 15 days), and after the sweeper the match moves on.
func TestAutoMatchAndTurnTimeout(t *testing.T) {
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	base, stop, err := start(binaries, "devserver", nil, "OPENPLAY_APPLICATION_ID=e2e-automatch-"+hex.EncodeToString(suffix))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	ana, ben, chloe := signUp(t, "Ana"), signUp(t, "Ben"), signUp(t, "Chloe")
	for _, p := range []*player{&ana, &ben, &chloe} {
		p.Games = client(t, base, p.Token)
	}
	threePlayers := &games.TurnBasedMatchCreateRequest{AutoMatchingCriteria: &games.TurnBasedAutoMatchingCriteria{
		MinAutoMatchingPlayers: 2, MaxAutoMatchingPlayers: 2}}

	m, err := ana.Games.TurnBasedMatches.Create(threePlayers).Do()
	if err != nil || m.Status != "MATCH_AUTO_MATCHING" {
		t.Fatalf("Ana creates: %+v, %v", m, err)
	}
	// Ana plays and passes the turn to an auto-match slot; Ben, looking for a game, joins and
	// plays on to the other slot; Chloe joins and has the turn.
	if m, err = ana.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{MatchVersion: m.MatchVersion, Data: state("a1")}).Do(); err != nil {
		t.Fatal(err)
	}
	mb, err := ben.Games.TurnBasedMatches.Create(threePlayers).Do()
	if err != nil || mb.MatchId != m.MatchId || mb.UserMatchStatus != "USER_TURN" {
		t.Fatalf("Ben creates: %+v, %v; want Ana's match, his turn", mb, err)
	}
	if mb, err = ben.Games.TurnBasedMatches.TakeTurn(mb.MatchId, &games.TurnBasedMatchTurn{MatchVersion: mb.MatchVersion, Data: state("b1")}).Do(); err != nil {
		t.Fatal(err)
	}
	mc, err := chloe.Games.TurnBasedMatches.Create(threePlayers).Do()
	if err != nil || mc.MatchId != m.MatchId || mc.Status != "MATCH_ACTIVE" || mc.UserMatchStatus != "USER_TURN" {
		t.Fatalf("Chloe creates: %+v, %v; want the now full match, her turn", mc, err)
	}
	for _, p := range mc.Participants {
		if p.Id != mc.PendingParticipantId && (p.Player != nil || p.AutoMatchedPlayer == nil) {
			t.Errorf("Chloe sees %s as %+v; want an anonymous auto-matched player", p.Id, p)
		}
	}

	// Chloe never plays. Fifteen days later the sweeper has made her unresponsive and given the
	// turn to the next player in order, Ana.
	res, err := http.Post(base+"/_dev/clock?advance=360h&secret="+devSecret, "text/plain", nil)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("moving the dev server's clock: %v %v", res, err)
	}
	res.Body.Close()
	if res, err = http.Post(base+"/operations/sweep?secret="+devSecret, "application/json", nil); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("sweep: %v %v", res, err)
	}
	res.Body.Close()
	m, err = ana.Games.TurnBasedMatches.Get(m.MatchId).Do()
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != "MATCH_ACTIVE" || m.UserMatchStatus != "USER_TURN" || m.Participants[2].Status != "PARTICIPANT_UNRESPONSIVE" {
		t.Fatalf("after the timeout: %s, Ana %s, Chloe %s; want Ana to play on", m.Status, m.UserMatchStatus, m.Participants[2].Status)
	}
	if _, err = chloe.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{MatchVersion: mc.MatchVersion}).Do(); err == nil {
		t.Fatal("Chloe played after her turn had run out")
	}
	if _, err = ana.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{
		MatchVersion: m.MatchVersion, PendingParticipantId: m.Participants[1].Id, Data: state("a2")}).Do(); err != nil {
		t.Fatal(err)
	}
}
