package matches_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"cloud.google.com/go/pubsub/v2"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/testenv"
)

func messagesFor(s *testenv.Subscription, recipient, matchID string, want int) []notification.Notification {
	msgs := s.Collect(func(m *pubsub.Message) bool { return m.Attributes["recipient"] == recipient }, want, 10*time.Second)
	var out []notification.Notification
	for _, m := range msgs {
		var n notification.Notification
		if json.Unmarshal(m.Data, &n) == nil && n.MatchID == matchID {
			out = append(out, n)
		}
	}
	return out
}

// TestThreePlayerMatch plays a match with lazy invitations to the end and checks every
// notification it owes on Pub/Sub.
func TestThreePlayerMatch(t *testing.T) {
	a := newAPI(t)
	invites, turns := testenv.Subscribe(t, notification.TopicInvitations), testenv.Subscribe(t, notification.TopicTurns)
	ana, ben, chloe := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe")

	m := a.create(ana, map[string]any{"kind": "games#turnBasedMatchCreateRequest", "invitedPlayerIds": []string{ben.ID, chloe.ID}, "variant": 2})
	if m.Kind != "games#turnBasedMatch" || m.Status != "MATCH_ACTIVE" || m.UserMatchStatus != "USER_TURN" || m.MatchVersion != 1 ||
		m.MatchNumber != 1 || m.PendingParticipantID != participantOf(t, m, ana.ID).ID || *m.Variant != 2 {
		t.Fatalf("created: %+v", m)
	}
	if participantOf(t, m, ben.ID).Status != "PARTICIPANT_NOT_INVITED_YET" {
		t.Fatalf("Ben is invited lazily: %+v", m.Participants)
	}
	a.Fails(ben.Token, http.MethodGet, tb+"/"+m.MatchID, nil, http.StatusNotFound, "no match")
	benID, chloeID, anaID := participantOf(t, m, ben.ID).ID, participantOf(t, m, chloe.ID).ID, participantOf(t, m, ana.ID).ID

	m = a.turn(ana, m, benID, "move 1")
	if got := messagesFor(invites, ben.ID, m.MatchID, 1); len(got) != 1 || got[0].Type != notification.MatchInvitation {
		t.Fatalf("Ben's invitation: %+v", got)
	}
	benView := a.get(ben, m.MatchID)
	if benView.UserMatchStatus != "USER_INVITED" || benView.InviterID != anaID || benView.Description != "Ana invited you to a turn-based game" {
		t.Fatalf("Ben's view: %+v", benView)
	}
	a.put(ben, m.MatchID, "join")
	m = a.turn(ben, a.get(ben, m.MatchID), chloeID, "move 2")
	if got := messagesFor(invites, chloe.ID, m.MatchID, 1); len(got) != 1 {
		t.Fatalf("Chloe's lazy invitation: %+v", got)
	}
	a.put(chloe, m.MatchID, "join")
	m = a.turn(chloe, a.get(chloe, m.MatchID), anaID, "move 3")
	if got := messagesFor(turns, ana.ID, m.MatchID, 1); len(got) != 1 || got[0].Type != notification.MatchTurn || got[0].Version != int64(m.MatchVersion) {
		t.Fatalf("Ana's turn notification: %+v (match at %d)", got, m.MatchVersion)
	}
	if raw, _ := base64.URLEncoding.DecodeString(m.Data.Data); string(raw) != "move 3" {
		t.Fatalf("data %q", m.Data.Data)
	}
	anaView := a.get(ana, m.MatchID)
	if anaView.UserMatchStatus != "USER_TURN" || anaView.Description != "Your turn against Ben and Chloe" || anaView.WithParticipantID != benID {
		t.Fatalf("Ana's view: %+v", anaView)
	}

	var done gamesv1.TurnBasedMatch
	results := []map[string]any{{"participantId": anaID, "placing": 1, "result": "MATCH_RESULT_WIN"},
		{"participantId": benID, "placing": 2, "result": "MATCH_RESULT_LOSS"}, {"participantId": chloeID, "placing": 3, "result": "MATCH_RESULT_LOSS"}}
	a.OK(ana, http.MethodPut, tb+"/"+m.MatchID+"/finish", map[string]any{"kind": "games#turnBasedMatchResults",
		"matchVersion": m.MatchVersion, "results": results}, &done)
	if done.Status != "MATCH_COMPLETE" || done.UserMatchStatus != "USER_MATCH_COMPLETED" || len(done.Results) != 3 {
		t.Fatalf("finished: %+v", done)
	}
	for _, p := range []testenv.Player{ben, chloe} {
		// The turn reached each of them as an invitation (the other topic): their one turns message is this.
		if got := messagesFor(turns, p.ID, m.MatchID, 1); len(got) != 1 || got[0].Type != notification.MatchCompleted {
			t.Fatalf("%s's notifications: %+v", p.Name, got)
		}
	}
	a.OK(ben, http.MethodPut, tb+"/"+m.MatchID+"/finish", map[string]any{"matchVersion": done.MatchVersion, "results": results}, &done)
	a.OK(chloe, http.MethodPut, tb+"/"+m.MatchID+"/finish", map[string]any{"matchVersion": done.MatchVersion}, &done)
	for _, p := range done.Participants {
		if p.Status != "PARTICIPANT_FINISHED" {
			t.Errorf("%s is %s", p.ID, p.Status)
		}
	}
	a.Fails(chloe.Token, http.MethodPut, tb+"/"+m.MatchID+"/finish", map[string]any{"matchVersion": done.MatchVersion}, http.StatusConflict, "already finished")
	a.Fails(ana.Token, http.MethodPut, tb+"/"+m.MatchID+"/turn", turnBody(done.MatchVersion, benID, "x"), http.StatusConflict, "the match is over")

	var rematch gamesv1.TurnBasedMatchRematch
	a.OK(chloe, http.MethodPost, tb+"/"+m.MatchID+"/rematch?requestId=5", nil, &rematch)
	if rematch.Kind != "games#turnBasedMatchRematch" || rematch.PreviousMatch.RematchID != rematch.Rematch.MatchID ||
		rematch.Rematch.MatchNumber != 2 || rematch.Rematch.UserMatchStatus != "USER_TURN" || rematch.Rematch.PreviousMatchData == nil {
		t.Fatalf("rematch: %+v", rematch)
	}
	var again gamesv1.TurnBasedMatchRematch
	a.OK(chloe, http.MethodPost, tb+"/"+m.MatchID+"/rematch?requestId=5", nil, &again)
	if again.Rematch.MatchID != rematch.Rematch.MatchID {
		t.Fatal("a retried rematch must return the same rematch")
	}
	a.Fails(ana.Token, http.MethodPost, tb+"/"+m.MatchID+"/rematch", nil, http.StatusConflict, "already has its rematch")
	if got := messagesFor(turns, ana.ID, rematch.Rematch.MatchID, 1); len(got) != 1 || got[0].Type != notification.MatchRematch {
		t.Fatalf("Ana's rematch notification: %+v", got)
	}
	if a.get(ana, rematch.Rematch.MatchID).UserMatchStatus != "USER_INVITED" {
		t.Fatal("Ana is invited to the rematch")
	}
}

func TestCreateWithRequestIDIsIdempotent(t *testing.T) {
	a := newAPI(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	req := map[string]any{"invitedPlayerIds": []string{ben.ID}, "requestId": "-17"}
	first, second := a.create(ana, req), a.create(ana, req)
	if first.MatchID != second.MatchID {
		t.Fatalf("retried create made %s and %s", first.MatchID, second.MatchID)
	}
}

func TestLeaveDeclineCancelDismiss(t *testing.T) {
	a := newAPI(t)
	turns := testenv.Subscribe(t, notification.TopicTurns)
	ana, ben, chloe, mallory := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe"), testenv.NewPlayer(t, "Mallory")
	m := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID, chloe.ID}})
	benID, chloeID := participantOf(t, m, ben.ID).ID, participantOf(t, m, chloe.ID).ID
	m = a.turn(ana, m, benID, "1")
	for _, verb := range []string{"join", "decline", "leave", "cancel", "dismiss"} {
		a.Fails(mallory.Token, http.MethodPut, tb+"/"+m.MatchID+"/"+verb, nil, http.StatusNotFound, "no match")
	}
	a.Fails(ben.Token, http.MethodPut, tb+"/"+m.MatchID+"/leave", nil, http.StatusConflict, "PARTICIPANT_INVITED")
	declined := a.put(ben, m.MatchID, "decline")
	if participantOf(t, declined, ben.ID).Status != "PARTICIPANT_DECLINED" || declined.PendingParticipantID != chloeID {
		t.Fatalf("Ben declined on his turn; the turn moves to Chloe: %+v", declined)
	}
	a.Fails(ben.Token, http.MethodPut, tb+"/"+m.MatchID+"/join", nil, http.StatusConflict, "PARTICIPANT_DECLINED")
	a.put(chloe, m.MatchID, "join")
	a.Fails(chloe.Token, http.MethodPut, tb+"/"+m.MatchID+"/leave", nil, http.StatusConflict, "use leaveTurn")

	if status, body := a.Do(chloe.Token, http.MethodPut, tb+"/"+m.MatchID+"/dismiss", nil); status != http.StatusNoContent || len(body) != 0 {
		t.Fatalf("dismiss: %d %s", status, body)
	}
	var list gamesv1.TurnBasedMatchList
	a.OK(chloe, http.MethodGet, tb, nil, &list)
	if len(list.Items) != 0 {
		t.Fatalf("a dismissed match is not listed: %+v", list.Items)
	}
	if status, _ := a.Do(ana.Token, http.MethodPut, tb+"/"+m.MatchID+"/cancel", nil); status != http.StatusNoContent {
		t.Fatalf("cancel: %d", status)
	}
	if got := a.get(ana, m.MatchID); got.Status != "MATCH_CANCELED" || got.UserMatchStatus != "USER_MATCH_COMPLETED" {
		t.Fatalf("after cancel: %+v", got)
	}
	if got := messagesFor(turns, chloe.ID, m.MatchID, 0); len(got) != 0 {
		t.Fatalf("Chloe dismissed the match and must not be told it was canceled: %+v", got)
	}
	a.Fails(ana.Token, http.MethodPut, tb+"/"+m.MatchID+"/cancel", nil, http.StatusConflict, "the match is over")
}

func TestLeaveTurn(t *testing.T) {
	a := newAPI(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	m := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID}})
	benID := participantOf(t, m, ben.ID).ID
	a.Fails(ana.Token, http.MethodPut, tb+"/"+m.MatchID+"/leaveTurn?pendingParticipantId="+benID, nil, http.StatusBadRequest, "matchVersion")
	a.Fails(ana.Token, http.MethodPut, tb+"/"+m.MatchID+"/leaveTurn?matchVersion=9&pendingParticipantId="+benID, nil, http.StatusConflict, "matchVersion")
	var left gamesv1.TurnBasedMatch
	a.OK(ana, http.MethodPut, tb+"/"+m.MatchID+"/leaveTurn?matchVersion="+version(m.MatchVersion)+"&pendingParticipantId="+benID, nil, &left)
	if participantOf(t, left, ana.ID).Status != "PARTICIPANT_LEFT" || left.PendingParticipantID != benID || participantOf(t, left, ben.ID).Status != "PARTICIPANT_INVITED" {
		t.Fatalf("after leaveTurn: %+v", left)
	}
	a.put(ben, m.MatchID, "join")
	m = a.get(ben, m.MatchID)
	a.OK(ben, http.MethodPut, tb+"/"+m.MatchID+"/leaveTurn?matchVersion="+version(m.MatchVersion), nil, &left)
	if left.Status != "MATCH_CANCELED" {
		t.Fatalf("the last player left: %+v", left)
	}
}
