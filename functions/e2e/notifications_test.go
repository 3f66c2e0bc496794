package e2e

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

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
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var list struct{ Items []inboxItem }
	if err := json.NewDecoder(res.Body).Decode(&list); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("inbox of %s: %d %v", p.Name, res.StatusCode, err)
	}
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
	t.Fatalf("no %s about %s reached %s's inbox", typ, matchID, p.Name)
	return inboxItem{}
}

// TestNotificationsReachTheInbox: through the dev server (which pushes each topic to its
// consumer, as Pub/Sub triggers do in production), an invitation and a your-turn notification
// arrive in the right players' inboxes.
func TestNotificationsReachTheInbox(t *testing.T) {
	ana, ben := signUp(t, "Ana"), signUp(t, "Ben")
	m, err := ana.Games.TurnBasedMatches.Create(&games.TurnBasedMatchCreateRequest{InvitedPlayerIds: []string{ben.ID}}).Do()
	if err != nil {
		t.Fatal(err)
	}
	anaID, benID := matchParticipant(t, m, ana.ID).Id, matchParticipant(t, m, ben.ID).Id
	if m, err = ana.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{MatchVersion: m.MatchVersion, PendingParticipantId: benID}).Do(); err != nil {
		t.Fatal(err)
	}
	invitation := awaitInbox(t, ben, "MATCH_INVITATION", m.MatchId)
	if invitation.Text != "You are invited to a turn-based game" || invitation.SenderName != "Ana" {
		t.Fatalf("invitation: %+v", invitation)
	}
	if _, err = ben.Games.TurnBasedMatches.Join(m.MatchId).Do(); err != nil {
		t.Fatal(err)
	}
	if _, err = ben.Games.TurnBasedMatches.TakeTurn(m.MatchId, &games.TurnBasedMatchTurn{MatchVersion: m.MatchVersion, PendingParticipantId: anaID}).Do(); err != nil {
		t.Fatal(err)
	}
	awaitInbox(t, ana, "MATCH_TURN", m.MatchId)
	for _, n := range inbox(t, ana) {
		if n.Type == "MATCH_INVITATION" {
			t.Fatalf("Ana was told of her own match's invitation: %+v", n)
		}
	}
}
