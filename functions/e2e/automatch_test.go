package e2e

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	require.NoError(t, err, "a dev server of its own")
	t.Cleanup(func() { assert.NoError(t, stop(), "the test's dev server") })
	ana, ben, chloe := signUp(t, "Ana"), signUp(t, "Ben"), signUp(t, "Chloe")
	for _, p := range []*player{&ana, &ben, &chloe} {
		p.Games = client(t, base, p.Token)
	}
	threePlayers := &games.TurnBasedMatchCreateRequest{AutoMatchingCriteria: &games.TurnBasedAutoMatchingCriteria{
		MinAutoMatchingPlayers: 2, MaxAutoMatchingPlayers: 2}}

	m, err := ana.Games.TurnBasedMatches.Create(threePlayers).Do()
	require.NoError(t, err, "Ana creates")
	require.Equal(t, "MATCH_AUTO_MATCHING", m.Status, "Ana creates: %+v", m)
	// Ana plays and passes the turn to an auto-match slot; Ben, looking for a game, joins and
	// plays on to the other slot; Chloe joins and has the turn.
	m, err = ana.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{MatchVersion: m.MatchVersion, Data: state("a1")}).Do()
	require.NoError(t, err, "Ana's turn")
	mb, err := ben.Games.TurnBasedMatches.Create(threePlayers).Do()
	require.NoError(t, err, "Ben creates")
	require.Equal(t, m.MatchId, mb.MatchId, "Ben creates: want Ana's match")
	require.Equal(t, "USER_TURN", mb.UserMatchStatus, "Ben creates: want his turn")
	_, err = ben.Games.TurnBasedMatches.TakeTurn(mb.MatchId, &games.TurnBasedMatchTurn{MatchVersion: mb.MatchVersion, Data: state("b1")}).Do()
	require.NoError(t, err, "Ben's turn")
	mc, err := chloe.Games.TurnBasedMatches.Create(threePlayers).Do()
	require.NoError(t, err, "Chloe creates")
	require.Equal(t, m.MatchId, mc.MatchId, "Chloe creates: want the now full match")
	require.Equal(t, "MATCH_ACTIVE", mc.Status, "Chloe creates: want the now full match")
	require.Equal(t, "USER_TURN", mc.UserMatchStatus, "Chloe creates: want her turn")
	for _, p := range mc.Participants {
		if p.Id != mc.PendingParticipantId {
			assert.True(t, p.Player == nil && p.AutoMatchedPlayer != nil, "Chloe sees %s as %+v; want an anonymous auto-matched player", p.Id, p)
		}
	}

	// Chloe never plays. Fifteen days later the sweeper has made her unresponsive and given the
	// turn to the next player in order, Ana.
	res, err := http.Post(base+"/_dev/clock?advance=360h&secret="+devSecret, "text/plain", nil)
	require.NoError(t, err, "moving the dev server's clock")
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "moving the dev server's clock")
	res, err = http.Post(base+"/operations/sweep?secret="+devSecret, "application/json", nil)
	require.NoError(t, err, "sweep")
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "sweep")
	m, err = ana.Games.TurnBasedMatches.Get(m.MatchId).Do()
	require.NoError(t, err, "Ana reads the match after the timeout")
	require.Equal(t, "MATCH_ACTIVE", m.Status, "after the timeout: the match goes on")
	require.Equal(t, "USER_TURN", m.UserMatchStatus, "after the timeout: want Ana to play on")
	require.Equal(t, "PARTICIPANT_UNRESPONSIVE", m.Participants[2].Status, "after the timeout: Chloe")
	_, err = chloe.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{MatchVersion: mc.MatchVersion}).Do()
	require.Error(t, err, "Chloe plays after her turn ran out: want refused")
	_, err = ana.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{
		MatchVersion: m.MatchVersion, PendingParticipantId: m.Participants[1].Id, Data: state("a2")}).Do()
	require.NoError(t, err, "Ana plays on")
}
