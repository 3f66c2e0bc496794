package matches_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"cloud.google.com/go/pubsub/v2"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
	require.Equal(t, "games#turnBasedMatch", m.Kind, "created")
	require.Equal(t, "MATCH_ACTIVE", m.Status, "created")
	require.Equal(t, "USER_TURN", m.UserMatchStatus, "created")
	require.Equal(t, int32(1), m.MatchVersion, "created")
	require.Equal(t, int32(1), m.MatchNumber, "created")
	require.Equal(t, participantOf(t, m, ana.ID).ID, m.PendingParticipantID, "created: Ana plays first")
	require.NotNil(t, m.Variant, "created")
	require.Equal(t, int32(2), *m.Variant, "created")
	require.Equal(t, "PARTICIPANT_NOT_INVITED_YET", participantOf(t, m, ben.ID).Status, "Ben is invited lazily")
	a.Fails(ben.Token, http.MethodGet, tb+"/"+m.MatchID, nil, http.StatusNotFound, "no match")
	benID, chloeID, anaID := participantOf(t, m, ben.ID).ID, participantOf(t, m, chloe.ID).ID, participantOf(t, m, ana.ID).ID

	m = a.turn(ana, m, benID, "move 1")
	got := messagesFor(invites, ben.ID, m.MatchID, 1)
	require.Len(t, got, 1, "Ben's invitation")
	require.Equal(t, notification.MatchInvitation, got[0].Type, "Ben's invitation")
	benView := a.get(ben, m.MatchID)
	require.Equal(t, "USER_INVITED", benView.UserMatchStatus, "Ben's view")
	require.Equal(t, anaID, benView.InviterID, "Ben's view")
	require.Equal(t, "Ana invited you to a turn-based game", benView.Description, "Ben's view")
	a.put(ben, m.MatchID, "join")
	m = a.turn(ben, a.get(ben, m.MatchID), chloeID, "move 2")
	require.Len(t, messagesFor(invites, chloe.ID, m.MatchID, 1), 1, "Chloe's lazy invitation")
	a.put(chloe, m.MatchID, "join")
	m = a.turn(chloe, a.get(chloe, m.MatchID), anaID, "move 3")
	got = messagesFor(turns, ana.ID, m.MatchID, 1)
	require.Len(t, got, 1, "Ana's turn notification")
	require.Equal(t, notification.MatchTurn, got[0].Type, "Ana's turn notification")
	require.Equal(t, int64(m.MatchVersion), got[0].Version, "Ana's turn notification")
	require.NotNil(t, m.Data)
	raw, _ := base64.URLEncoding.DecodeString(m.Data.Data)
	require.Equal(t, "move 3", string(raw), "data %q", m.Data.Data)
	anaView := a.get(ana, m.MatchID)
	require.Equal(t, "USER_TURN", anaView.UserMatchStatus, "Ana's view")
	require.Equal(t, "Your turn against Ben and Chloe", anaView.Description, "Ana's view")
	require.Equal(t, benID, anaView.WithParticipantID, "Ana's view")

	var done gamesv1.TurnBasedMatch
	results := []map[string]any{{"participantId": anaID, "placing": 1, "result": "MATCH_RESULT_WIN"},
		{"participantId": benID, "placing": 2, "result": "MATCH_RESULT_LOSS"}, {"participantId": chloeID, "placing": 3, "result": "MATCH_RESULT_LOSS"}}
	a.OK(ana, http.MethodPut, tb+"/"+m.MatchID+"/finish", map[string]any{"kind": "games#turnBasedMatchResults",
		"matchVersion": m.MatchVersion, "results": results}, &done)
	require.Equal(t, "MATCH_COMPLETE", done.Status, "finished")
	require.Equal(t, "USER_MATCH_COMPLETED", done.UserMatchStatus, "finished")
	require.Len(t, done.Results, 3, "finished")
	for _, p := range []testenv.Player{ben, chloe} {
		// The turn reached each of them as an invitation (the other topic): their one turns message is this.
		got := messagesFor(turns, p.ID, m.MatchID, 1)
		require.Len(t, got, 1, "%s's notifications", p.Name)
		require.Equal(t, notification.MatchCompleted, got[0].Type, "%s's notifications", p.Name)
	}
	a.OK(ben, http.MethodPut, tb+"/"+m.MatchID+"/finish", map[string]any{"matchVersion": done.MatchVersion, "results": results}, &done)
	a.OK(chloe, http.MethodPut, tb+"/"+m.MatchID+"/finish", map[string]any{"matchVersion": done.MatchVersion}, &done)
	for _, p := range done.Participants {
		assert.Equal(t, "PARTICIPANT_FINISHED", p.Status, "participant %s", p.ID)
	}
	a.Fails(chloe.Token, http.MethodPut, tb+"/"+m.MatchID+"/finish", map[string]any{"matchVersion": done.MatchVersion}, http.StatusConflict, "already finished")
	a.Fails(ana.Token, http.MethodPut, tb+"/"+m.MatchID+"/turn", turnBody(done.MatchVersion, benID, "x"), http.StatusConflict, "the match is over")

	var rematch gamesv1.TurnBasedMatchRematch
	a.OK(chloe, http.MethodPost, tb+"/"+m.MatchID+"/rematch?requestId=5", nil, &rematch)
	require.Equal(t, "games#turnBasedMatchRematch", rematch.Kind)
	require.NotNil(t, rematch.PreviousMatch)
	require.NotNil(t, rematch.Rematch)
	require.Equal(t, rematch.Rematch.MatchID, rematch.PreviousMatch.RematchID, "the match names its rematch")
	require.Equal(t, int32(2), rematch.Rematch.MatchNumber, "rematch")
	require.Equal(t, "USER_TURN", rematch.Rematch.UserMatchStatus, "rematch")
	require.NotNil(t, rematch.Rematch.PreviousMatchData, "rematch")
	var again gamesv1.TurnBasedMatchRematch
	a.OK(chloe, http.MethodPost, tb+"/"+m.MatchID+"/rematch?requestId=5", nil, &again)
	require.NotNil(t, again.Rematch)
	require.Equal(t, rematch.Rematch.MatchID, again.Rematch.MatchID, "a retried rematch must return the same rematch")
	a.Fails(ana.Token, http.MethodPost, tb+"/"+m.MatchID+"/rematch", nil, http.StatusConflict, "already has its rematch")
	got = messagesFor(turns, ana.ID, rematch.Rematch.MatchID, 1)
	require.Len(t, got, 1, "Ana's rematch notification")
	require.Equal(t, notification.MatchRematch, got[0].Type, "Ana's rematch notification")
	require.Equal(t, "USER_INVITED", a.get(ana, rematch.Rematch.MatchID).UserMatchStatus, "Ana is invited to the rematch")
}

func TestCreateWithRequestIDIsIdempotent(t *testing.T) {
	a := newAPI(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	req := map[string]any{"invitedPlayerIds": []string{ben.ID}, "requestId": "-17"}
	first, second := a.create(ana, req), a.create(ana, req)
	require.Equal(t, first.MatchID, second.MatchID, "a retried create returns the first match")
}

func TestLeaveDeclineCancelDismiss(t *testing.T) {
	a := newAPI(t)
	ana, ben, chloe, mallory := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe"), testenv.NewPlayer(t, "Mallory")
	m := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID, chloe.ID}})
	benID, chloeID := participantOf(t, m, ben.ID).ID, participantOf(t, m, chloe.ID).ID
	m = a.turn(ana, m, benID, "1")
	for _, verb := range []string{"join", "decline", "leave", "cancel", "dismiss"} {
		a.Fails(mallory.Token, http.MethodPut, tb+"/"+m.MatchID+"/"+verb, nil, http.StatusNotFound, "no match")
	}
	a.Fails(ben.Token, http.MethodPut, tb+"/"+m.MatchID+"/leave", nil, http.StatusConflict, "PARTICIPANT_INVITED")
	declined := a.put(ben, m.MatchID, "decline")
	require.Equal(t, "PARTICIPANT_DECLINED", participantOf(t, declined, ben.ID).Status, "Ben declined on his turn")
	require.Equal(t, chloeID, declined.PendingParticipantID, "Ben declined on his turn; the turn moves to Chloe")
	a.Fails(ben.Token, http.MethodPut, tb+"/"+m.MatchID+"/join", nil, http.StatusConflict, "PARTICIPANT_DECLINED")
	a.put(chloe, m.MatchID, "join")
	a.Fails(chloe.Token, http.MethodPut, tb+"/"+m.MatchID+"/leave", nil, http.StatusConflict, "use leaveTurn")

	status, body := a.Do(chloe.Token, http.MethodPut, tb+"/"+m.MatchID+"/dismiss", nil)
	require.Equal(t, http.StatusNoContent, status, "dismiss: %s", body)
	require.Empty(t, body, "dismiss")
	var list gamesv1.TurnBasedMatchList
	a.OK(chloe, http.MethodGet, tb, nil, &list)
	require.Empty(t, list.Items, "a dismissed match is not listed")
	status, _ = a.Do(ana.Token, http.MethodPut, tb+"/"+m.MatchID+"/cancel", nil)
	require.Equal(t, http.StatusNoContent, status, "cancel")
	got := a.get(ana, m.MatchID)
	require.Equal(t, "MATCH_CANCELED", got.Status, "after cancel")
	require.Equal(t, "USER_MATCH_COMPLETED", got.UserMatchStatus, "after cancel")
	told := testenv.OutboxRecordsTo(t, a.Svc.Store, chloe.ID, "matchId", m.MatchID)
	require.NotEmpty(t, told, "Chloe was told of her invitation and her turn")
	for _, rec := range told {
		assert.Less(t, rec.Version, int64(got.MatchVersion), "Chloe dismissed the match and must not be told it was canceled: %s", rec.ID)
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
	require.Equal(t, "PARTICIPANT_LEFT", participantOf(t, left, ana.ID).Status, "Ana after leaveTurn")
	require.Equal(t, benID, left.PendingParticipantID, "after leaveTurn")
	require.Equal(t, "PARTICIPANT_INVITED", participantOf(t, left, ben.ID).Status, "Ben after leaveTurn")
	a.put(ben, m.MatchID, "join")
	m = a.get(ben, m.MatchID)
	a.OK(ben, http.MethodPut, tb+"/"+m.MatchID+"/leaveTurn?matchVersion="+version(m.MatchVersion), nil, &left)
	require.Equal(t, "MATCH_CANCELED", left.Status, "the last player left")
}

// refused sends PUT …/{matchId}/{verb} as p, which a membership rule must refuse: 409 in
// Google's error shape, naming matchId, with the rule in the message.
func refused(a *api, p testenv.Player, id, verb string, body any, rule string) {
	a.T.Helper()
	status, raw := a.Do(p.Token, http.MethodPut, tb+"/"+id+"/"+verb, body)
	require.Equal(a.T, http.StatusConflict, status, "%s by %s: %s", verb, p.Name, raw)
	var e testenv.GoogleError
	require.NoError(a.T, json.Unmarshal(raw, &e), "%s by %s: %s", verb, p.Name, raw)
	require.Len(a.T, e.Error.Errors, 1, "%s by %s: %s", verb, p.Name, raw)
	assert.Equal(a.T, http.StatusConflict, e.Error.Code, "%s by %s: %s", verb, p.Name, raw)
	assert.Equal(a.T, "ABORTED", e.Error.Status, "%s by %s: %s", verb, p.Name, raw)
	assert.Equal(a.T, "conflict", e.Error.Errors[0].Reason, "%s by %s: %s", verb, p.Name, raw)
	assert.Equal(a.T, "matchId", e.Error.Errors[0].Location, "%s by %s: %s", verb, p.Name, raw)
	assert.Equal(a.T, "matchId: "+rule, e.Error.Message, "%s by %s", verb, p.Name)
}

// TestCancelNeedsAJoinedParticipant: only a joined participant cancels an open match. Ben,
// invited (his turn, not yet joined), then after declining, and Chloe after leaving, are refused
// (409 naming the rule), and the match is as it was: active, same version, same participants.
// Ana, joined, then cancels it: the refusals came from the rule, not from the match's state.
func TestCancelNeedsAJoinedParticipant(t *testing.T) {
	a := newAPI(t)
	ana, ben, chloe := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe")
	m := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID, chloe.ID}})
	benID, chloeID, anaID := participantOf(t, m, ben.ID).ID, participantOf(t, m, chloe.ID).ID, participantOf(t, m, ana.ID).ID
	m = a.turn(ana, m, benID, "1")
	unchanged := func(before gamesv1.TurnBasedMatch, what string) {
		t.Helper()
		after := a.get(ana, m.MatchID)
		require.Equal(t, "MATCH_ACTIVE", after.Status, "after %s", what)
		require.Equal(t, before.MatchVersion, after.MatchVersion, "after %s", what)
		require.Equal(t, before, after, "after %s: the match is as it was", what)
	}

	before := a.get(ana, m.MatchID)
	require.Equal(t, "PARTICIPANT_INVITED", participantOf(t, before, ben.ID).Status, "Ben is invited")
	refused(a, ben, m.MatchID, "cancel", nil, "cannot cancel: you are PARTICIPANT_INVITED in this match")
	unchanged(before, "Ben's cancel while invited")

	declined := a.put(ben, m.MatchID, "decline")
	require.Equal(t, "PARTICIPANT_DECLINED", participantOf(t, declined, ben.ID).Status, "Ben declined")
	require.Equal(t, chloeID, declined.PendingParticipantID, "Ben declined on his turn; the turn moves to Chloe")
	before = a.get(ana, m.MatchID)
	refused(a, ben, m.MatchID, "cancel", nil, "cannot cancel: you are PARTICIPANT_DECLINED in this match")
	unchanged(before, "Ben's cancel after declining")

	a.put(chloe, m.MatchID, "join")
	a.turn(chloe, a.get(chloe, m.MatchID), anaID, "2")
	left := a.put(chloe, m.MatchID, "leave")
	require.Equal(t, "PARTICIPANT_LEFT", participantOf(t, left, chloe.ID).Status, "Chloe left")
	require.Equal(t, "MATCH_ACTIVE", left.Status, "Chloe left; Ana plays on")
	before = a.get(ana, m.MatchID)
	refused(a, chloe, m.MatchID, "cancel", nil, "cannot cancel: you are PARTICIPANT_LEFT in this match")
	unchanged(before, "Chloe's cancel after leaving")

	status, body := a.Do(ana.Token, http.MethodPut, tb+"/"+m.MatchID+"/cancel", nil)
	require.Equal(t, http.StatusNoContent, status, "Ana's cancel: %s", body)
	require.Equal(t, "MATCH_CANCELED", a.get(ana, m.MatchID).Status, "after Ana's cancel")
}

// TestFinishNeedsAJoinedParticipant: only a joined participant finishes a match. Ben, invited
// and with the turn but not yet joined, cannot end the active match; once Ana has finished it,
// Ben (declined) and Chloe (left) cannot confirm it, though they send its current version (409
// naming the rule), and the match is as it was: same status and version, nobody else finished.
// Dan, joined, then confirms: the refusals came from the rule, not from the version or the data.
func TestFinishNeedsAJoinedParticipant(t *testing.T) {
	a := newAPI(t)
	ana, ben, chloe, dan := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe"), testenv.NewPlayer(t, "Dan")
	m := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID, chloe.ID, dan.ID}})
	benID, danID, anaID := participantOf(t, m, ben.ID).ID, participantOf(t, m, dan.ID).ID, participantOf(t, m, ana.ID).ID
	finish := func(version int32) map[string]any {
		return map[string]any{"kind": "games#turnBasedMatchResults", "matchVersion": version}
	}

	m = a.turn(ana, m, benID, "1")
	before := a.get(ana, m.MatchID)
	require.Equal(t, benID, before.PendingParticipantID, "Ben's turn")
	require.Equal(t, "PARTICIPANT_INVITED", participantOf(t, before, ben.ID).Status, "Ben is invited")
	refused(a, ben, m.MatchID, "finish", finish(before.MatchVersion), "cannot finish the match: you are PARTICIPANT_INVITED in this match")
	after := a.get(ana, m.MatchID)
	require.Equal(t, "MATCH_ACTIVE", after.Status, "after Ben's finish while invited")
	require.Equal(t, before, after, "after Ben's finish while invited: the match is as it was")

	a.put(ben, m.MatchID, "decline")
	a.put(chloe, m.MatchID, "join")
	a.turn(chloe, a.get(chloe, m.MatchID), danID, "2")
	a.put(dan, m.MatchID, "join")
	a.turn(dan, a.get(dan, m.MatchID), anaID, "3")
	left := a.put(chloe, m.MatchID, "leave")
	require.Equal(t, "PARTICIPANT_LEFT", participantOf(t, left, chloe.ID).Status, "Chloe left")
	var done gamesv1.TurnBasedMatch
	a.OK(ana, http.MethodPut, tb+"/"+m.MatchID+"/finish", finish(left.MatchVersion), &done)
	require.Equal(t, "MATCH_COMPLETE", done.Status, "Ana finished")

	before = a.get(ana, m.MatchID)
	require.Equal(t, "PARTICIPANT_DECLINED", participantOf(t, before, ben.ID).Status, "Ben declined")
	require.Equal(t, "PARTICIPANT_JOINED", participantOf(t, before, dan.ID).Status, "Dan is yet to confirm")
	refused(a, ben, m.MatchID, "finish", finish(before.MatchVersion), "cannot finish: you are PARTICIPANT_DECLINED in this match")
	refused(a, chloe, m.MatchID, "finish", finish(before.MatchVersion), "cannot finish: you are PARTICIPANT_LEFT in this match")
	after = a.get(ana, m.MatchID)
	require.Equal(t, "MATCH_COMPLETE", after.Status, "after the refused finishes")
	require.Equal(t, before.MatchVersion, after.MatchVersion, "after the refused finishes")
	require.Equal(t, before, after, "after the refused finishes: the match is as it was")

	var confirmed gamesv1.TurnBasedMatch
	a.OK(dan, http.MethodPut, tb+"/"+m.MatchID+"/finish", finish(before.MatchVersion), &confirmed)
	require.Equal(t, "PARTICIPANT_FINISHED", participantOf(t, confirmed, dan.ID).Status, "Dan confirmed")
	require.Equal(t, "PARTICIPANT_DECLINED", participantOf(t, confirmed, ben.ID).Status, "Ben after Dan's confirmation")
	require.Equal(t, "PARTICIPANT_LEFT", participantOf(t, confirmed, chloe.ID).Status, "Chloe after Dan's confirmation")
}
