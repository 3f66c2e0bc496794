package e2e

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	games "google.golang.org/api/games/v1"
)

type inboxItem struct {
	ID, Type, MatchID, Text, SenderName string
	Read                                bool
}

// inbox reads p's notifications through the inbox API (not part of Play Games: plain HTTP).
func inbox(t *testing.T, p player) []inboxItem {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, devServer+"/openplay/v1/notifications?prettyPrint=false", nil)
	req.Header.Set("Authorization", "Bearer "+p.Token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "inbox of %s", p.Name)
	defer res.Body.Close()
	var list struct{ Items []inboxItem }
	err = json.NewDecoder(res.Body).Decode(&list)
	require.Equal(t, http.StatusOK, res.StatusCode, "inbox of %s", p.Name)
	require.NoError(t, err, "inbox of %s", p.Name)
	return list.Items
}

// awaitInbox waits until p's inbox has a notification of type about matchID.
func awaitInbox(t *testing.T, p player, typ, matchID string) inboxItem {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		for _, n := range inbox(t, p) {
			if n.Type == typ && n.MatchID == matchID {
				return n
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	require.FailNow(t, "no notification", "no %s about %s reached %s's inbox", typ, matchID, p.Name)
	return inboxItem{}
}

// TestNotificationsReachTheInbox: through the dev server (which delivers each topic to its
// consumer, as Pub/Sub triggers do in production), an invitation and a your-turn notification
// arrive in the right players' inboxes.
func TestNotificationsReachTheInbox(t *testing.T) {
	ana, ben := signUp(t, "Ana"), signUp(t, "Ben")
	m, err := ana.Games.TurnBasedMatches.Create(&games.TurnBasedMatchCreateRequest{InvitedPlayerIds: []string{ben.ID}}).Do()
	require.NoError(t, err, "Ana creates")
	anaID, benID := matchParticipant(t, m, ana.ID).Id, matchParticipant(t, m, ben.ID).Id
	m, err = ana.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{MatchVersion: m.MatchVersion, PendingParticipantId: benID}).Do()
	require.NoError(t, err, "Ana's turn")
	invitation := awaitInbox(t, ben, "MATCH_INVITATION", m.MatchId)
	require.Equal(t, "You are invited to a turn-based game", invitation.Text, "invitation: %+v", invitation)
	require.Equal(t, "Ana", invitation.SenderName, "invitation: %+v", invitation)
	_, err = ben.Games.TurnBasedMatches.Join(m.MatchId).Do()
	require.NoError(t, err, "Ben joins")
	_, err = ben.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{MatchVersion: m.MatchVersion, PendingParticipantId: anaID}).Do()
	require.NoError(t, err, "Ben's turn")
	awaitInbox(t, ana, "MATCH_TURN", m.MatchId)
	for _, n := range inbox(t, ana) {
		require.NotEqual(t, "MATCH_INVITATION", n.Type, "Ana was told of her own match's invitation: %+v", n)
	}
}
