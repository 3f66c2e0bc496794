package e2e

import (
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	games "google.golang.org/api/games/v1"
)

func matchParticipant(t *testing.T, m *games.TurnBasedMatch, playerID string) *games.TurnBasedMatchParticipant {
	t.Helper()
	for _, p := range m.Participants {
		if p.Player != nil && p.Player.PlayerId == playerID {
			return p
		}
	}
	require.FailNow(t, "no such participant", "player %s not in match %s", playerID, m.MatchId)
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
	require.NoError(t, err, "Ana creates")
	anaID, benID, chloeID := matchParticipant(t, m, ana.ID).Id, matchParticipant(t, m, ben.ID).Id, matchParticipant(t, m, chloe.ID).Id
	require.Equal(t, "MATCH_ACTIVE", m.Status, "created: %+v", m)
	require.Equal(t, "USER_TURN", m.UserMatchStatus, "created: %+v", m)
	require.Equal(t, anaID, m.PendingParticipantId, "created: Ana's turn")

	// Ana plays and passes to Ben, who is invited now; Chloe is not yet.
	m, err = ana.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{
		MatchVersion: m.MatchVersion, PendingParticipantId: benID, Data: state("board after Ana")}).Do()
	require.NoError(t, err, "Ana's turn")
	_, err = chloe.Games.TurnBasedMatches.Get(m.MatchId).Do()
	wantCode(t, "Chloe before her invitation", err, http.StatusNotFound)
	_, err = ben.Games.TurnBasedMatches.Join(m.MatchId).Do()
	require.NoError(t, err, "Ben joins")
	m, err = ben.Games.TurnBasedMatches.Get(m.MatchId).IncludeMatchData(true).Do()
	require.NoError(t, err, "Ben's view")
	require.NotNil(t, m.Data, "Ben's view: %+v", m)
	require.Equal(t, "USER_TURN", m.UserMatchStatus, "Ben's view: %+v", m)
	raw, _ := base64.URLEncoding.DecodeString(m.Data.Data)
	require.Equal(t, "board after Ana", string(raw), "the data Ben sees")
	_, err = ben.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{MatchVersion: m.MatchVersion - 1, PendingParticipantId: chloeID}).Do()
	wantCode(t, "a stale matchVersion", err, http.StatusConflict)
	m, err = ben.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{
		MatchVersion: m.MatchVersion, PendingParticipantId: chloeID, Data: state("board after Ben")}).Do()
	require.NoError(t, err, "Ben's turn")
	_, err = chloe.Games.TurnBasedMatches.Join(m.MatchId).Do()
	require.NoError(t, err, "Chloe joins")
	m, err = chloe.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{
		MatchVersion: m.MatchVersion, PendingParticipantId: anaID, Data: state("board after Chloe")}).Do()
	require.NoError(t, err, "Chloe's turn")

	results := []*games.ParticipantResult{{ParticipantId: anaID, Placing: 1, Result: "MATCH_RESULT_WIN"},
		{ParticipantId: benID, Placing: 2, Result: "MATCH_RESULT_LOSS"}, {ParticipantId: chloeID, Placing: 2, Result: "MATCH_RESULT_LOSS"}}
	m, err = ana.Games.TurnBasedMatches.Finish(m.MatchId, &games.TurnBasedMatchResults{
		MatchVersion: m.MatchVersion, Data: state("final board"), Results: results}).Do()
	require.NoError(t, err, "Ana finishes")
	require.Equal(t, "MATCH_COMPLETE", m.Status, "Ana finishes: %+v", m)
	for _, p := range []player{ben, chloe} {
		current, err := p.Games.TurnBasedMatches.Get(m.MatchId).Do()
		require.NoError(t, err, "%s must confirm", p.Name)
		require.Equal(t, "USER_TURN", current.UserMatchStatus, "%s must confirm: %+v", p.Name, current)
		m, err = p.Games.TurnBasedMatches.Finish(m.MatchId, &games.TurnBasedMatchResults{MatchVersion: current.MatchVersion, Results: results}).Do()
		require.NoError(t, err, "%s confirms", p.Name)
	}
	for _, p := range m.Participants {
		assert.Equal(t, "PARTICIPANT_FINISHED", p.Status, "%s", p.Id)
	}
	require.Len(t, m.Results, 3, "results: %+v", m.Results)
	require.Equal(t, "MATCH_RESULT_WIN", m.Results[0].Result, "results: %+v", m.Results)

	rematch, err := ben.Games.TurnBasedMatches.Rematch(m.MatchId).RequestId(99).Do()
	require.NoError(t, err, "rematch")
	require.Equal(t, int64(2), rematch.Rematch.MatchNumber, "rematch: %+v", rematch)
	require.Equal(t, rematch.Rematch.MatchId, rematch.PreviousMatch.RematchId, "rematch: the previous match points at it")
	require.NotNil(t, rematch.Rematch.PreviousMatchData, "rematch: the previous match's data")
	_, err = ana.Games.TurnBasedMatches.Rematch(m.MatchId).Do()
	wantCode(t, "a second rematch", err, http.StatusConflict)

	// Ana's list: the open rematch first, then the completed match.
	list, err := ana.Games.TurnBasedMatches.List().MaxCompletedMatches(5).Do()
	require.NoError(t, err, "Ana's list")
	require.Len(t, list.Items, 2, "Ana's list: %+v", list)
	require.Equal(t, rematch.Rematch.MatchId, list.Items[0].MatchId, "Ana's list: the rematch first")
	require.Equal(t, m.MatchId, list.Items[1].MatchId, "Ana's list: the completed match second")
	require.True(t, list.Items[1].Data.DataAvailable, "Ana's list: the completed match's data is available")

	// Sync from the start shows both; after Ana dismisses the old match, it comes back as a tombstone.
	sync, err := ana.Games.TurnBasedMatches.Sync().Do()
	require.NoError(t, err, "first sync")
	require.Len(t, sync.Items, 2, "first sync: %+v", sync)
	require.False(t, sync.MoreAvailable, "first sync: %+v", sync)
	require.NoError(t, ana.Games.TurnBasedMatches.Dismiss(m.MatchId).Do(), "Ana dismisses the old match")
	sync, err = ana.Games.TurnBasedMatches.Sync().PageToken(sync.NextPageToken).Do()
	require.NoError(t, err, "sync after dismiss")
	require.Len(t, sync.Items, 1, "sync after dismiss: %+v", sync)
	require.Equal(t, m.MatchId, sync.Items[0].MatchId, "sync after dismiss: the old match")
	require.Equal(t, "MATCH_DELETED", sync.Items[0].Status, "sync after dismiss: a tombstone")
	list, err = ana.Games.TurnBasedMatches.List().Do()
	require.NoError(t, err, "list after dismiss")
	require.Len(t, list.Items, 1, "list after dismiss: %+v", list)

	_, err = mallory.Games.TurnBasedMatches.Get(m.MatchId).Do()
	wantCode(t, "a stranger reads the match", err, http.StatusNotFound)
	err = mallory.Games.TurnBasedMatches.Cancel(rematch.Rematch.MatchId).Do()
	wantCode(t, "a stranger cancels", err, http.StatusNotFound)
	require.NoError(t, ben.Games.TurnBasedMatches.Cancel(rematch.Rematch.MatchId).Do(), "Ben cancels the rematch")
	_, err = ben.Games.TurnBasedMatches.LeaveTurn(rematch.Rematch.MatchId, rematch.Rematch.MatchVersion).Do()
	wantCode(t, "leaving a canceled match", err, http.StatusConflict)
}
