package operations_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions/operations"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

func TestTurnBasedAutoMatchJoinsTheWaitingMatch(t *testing.T) {
	a := newAPI(t)
	ana, ben, chloe := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe")
	m := a.createMatch(ana, autoMatch(2, 0b01))
	require.Equal(t, "MATCH_AUTO_MATCHING", m.Status, "Ana's new match")
	require.Equal(t, "p_1", m.PendingParticipantID, "Ana's new match")
	m = a.turn(ana, m, "") // to the auto-match slot
	a.advance(time.Second)

	// Chloe's role overlaps Ana's: she gets her own match.
	require.NotEqual(t, m.MatchID, a.createMatch(chloe, autoMatch(2, 0b01)).MatchID, "a player whose exclusiveBitmask overlaps joined the match")
	req := autoMatch(2, 0b10)
	req["requestId"] = "77"
	joined := a.createMatch(ben, req)
	require.Equal(t, m.MatchID, joined.MatchID, "Ben gets Ana's match")
	require.Equal(t, "MATCH_ACTIVE", joined.Status, "Ben's match")
	require.Equal(t, "p_2", joined.PendingParticipantID, "Ben's match: his turn")
	require.Equal(t, int32(3), joined.MatchVersion, "Ben's match")
	again := a.createMatch(ben, req)
	require.Equal(t, m.MatchID, again.MatchID, "a retried create: the same match")
	require.Len(t, again.Participants, 2, "a retried create: the match unchanged")
	// Auto-matched opponents see each other anonymously.
	seen := a.match(ana, m.MatchID).Participants[1]
	require.True(t, seen.AutoMatched, "Ana sees Ben as an auto-matched player")
	require.Nil(t, seen.Player, "Ana sees Ben anonymously")
	require.NotNil(t, seen.AutoMatchedPlayer, "Ana sees Ben anonymously")
	require.Equal(t, "Ben", seen.AutoMatchedPlayer.DisplayName, "Ana sees Ben's name")
	self := a.match(ben, m.MatchID).Participants[1]
	require.NotNil(t, self.Player, "Ben sees himself")
	require.Equal(t, ben.ID, self.Player.PlayerID, "Ben sees himself")
	a.turn(ben, joined, "p_1")

	// A requestId that already made a match (with invitees) answers with that match.
	invited := map[string]any{"invitedPlayerIds": []string{ana.ID}, "requestId": "5"}
	first := a.createMatch(chloe, invited)
	reused := autoMatch(2, 0)
	reused["requestId"] = "5"
	require.Equal(t, first.MatchID, a.createMatch(chloe, reused).MatchID, "a reused requestId returns the match it made first")
}

func TestRoomAutoMatchFillsTheRoomAndEstimatesTheWait(t *testing.T) {
	a := newAPI(t)
	ana, ben, chloe := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe")
	r := a.createRoom(ana, autoMatch(2, 0))
	require.Equal(t, "ROOM_AUTO_MATCHING", r.Status, "first room")
	require.NotNil(t, r.AutoMatchingStatus, "first room")
	require.Zero(t, r.AutoMatchingStatus.WaitEstimateSeconds, "first room: no estimate yet")
	a.advance(42 * time.Second)
	joined := a.createRoom(ben, autoMatch(2, 0))
	require.Equal(t, r.RoomID, joined.RoomID, "Ben gets Ana's room")
	require.Equal(t, "ROOM_CONNECTING", joined.Status, "Ben's room")
	require.Nil(t, joined.AutoMatchingStatus, "Ben's room waits for nobody")
	p := joined.Participants[1]
	require.True(t, p.AutoMatched, "Ben sees himself auto-matched")
	require.NotNil(t, p.Player, "Ben sees himself")
	require.Equal(t, ben.ID, p.Player.PlayerID, "Ben sees himself")
	p = a.room(ana, r.RoomID).Participants[1]
	require.Nil(t, p.Player, "Ana sees Ben anonymously")
	require.NotNil(t, p.AutoMatchedPlayer, "Ana sees Ben anonymously")
	next := a.createRoom(chloe, autoMatch(2, 0))
	require.NotEqual(t, r.RoomID, next.RoomID, "Chloe gets her own room")
	require.NotNil(t, next.AutoMatchingStatus, "Chloe's room")
	require.Equal(t, int32(42), next.AutoMatchingStatus.WaitEstimateSeconds, "Chloe's room estimates the 42 s Ana waited")
}

// TestTwentyPlayersAtOnce: twenty players ask for a two-player match at the same moment; after
// the matcher runs there are ten full matches and nobody waiting.
func TestTwentyPlayersAtOnce(t *testing.T) { twentyPlayersAtOnce(t, false) }

// TestTwentyPlayersAtOnceWhoPlayFirst: the same, with every player who got a match of their own
// taking the opening turn at once, as a Play Games client does, before the matcher runs.
func TestTwentyPlayersAtOnceWhoPlayFirst(t *testing.T) { twentyPlayersAtOnce(t, true) }

func twentyPlayersAtOnce(t *testing.T, playFirst bool) {
	a := newAPI(t)
	players := make([]testenv.Player, 20)
	for i := range players {
		players[i] = testenv.NewPlayer(t, "P"+string(rune('a'+i)))
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(players))
	for _, p := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, body, err := a.DoErr(p.Token, http.MethodPost, tb+"/create", autoMatch(2, 0))
			if err != nil {
				errs <- err.Error()
				return
			}
			if status != http.StatusOK {
				errs <- string(body)
				return
			}
			var m gamesv1.TurnBasedMatch
			if err := json.Unmarshal(body, &m); err != nil {
				errs <- err.Error()
				return
			}
			if !playFirst || m.Status != "MATCH_AUTO_MATCHING" || len(m.Participants) != 1 {
				return
			}
			turn := map[string]any{"kind": "games#turnBasedMatchTurn", "matchVersion": m.MatchVersion,
				"data": map[string]any{"data": "b3BlbmluZw=="}} // to the auto-match slot
			if status, body, err := a.DoErr(p.Token, http.MethodPut, tb+"/"+m.MatchID+"/turn", turn); err != nil {
				errs <- err.Error()
			} else if status != http.StatusOK {
				errs <- string(body)
			}
		}()
	}
	wg.Wait()
	close(errs)
	var failed []string
	for e := range errs {
		failed = append(failed, e)
	}
	require.Empty(t, failed, "creates and opening turns")
	var moved operations.Matched
	a.operate("/operations/matchmake", &moved)

	matches := appMatches(t, a)
	full, waiting, closed := 0, 0, 0
	in := map[string]int{}
	byID := map[string]*match.Match{}
	for _, m := range matches {
		byID[m.ID] = m
	}
	for _, m := range matches {
		switch {
		case m.MergedInto != "":
			closed++
			if into := byID[m.MergedInto]; assert.True(t, into != nil && into.Participant(m.Participants[0].Player.ID) != nil,
				"seed %s merged into %s, which does not hold its creator", m.ID, m.MergedInto) {
				placed := into.Participant(m.Participants[0].Player.ID).ID
				wantOutbox(t, a, "match~"+into.ID+"~automatched~"+placed+"~"+placed) // the moved player is told
			}
			continue
		case m.Seeking() || m.OpenSlots > 0:
			waiting++
		case m.Status == match.Active && len(m.Participants) == 2:
			full++
		}
		for _, p := range m.Participants {
			in[p.Player.ID]++
		}
	}
	require.Equal(t, 10, full, "full matches")
	require.Zero(t, waiting, "matches waiting")
	require.Equal(t, moved.Matches, closed, "closed seeds: one per player the matcher moved")
	for _, p := range players {
		assert.Equal(t, 1, in[p.ID], "%s's open matches", p.Name)
	}
	t.Logf("%d matches filled by create calls, %d by the matcher", 10-moved.Matches, moved.Matches)
	var again operations.Matched
	a.operate("/operations/matchmake", &again)
	require.Equal(t, operations.Matched{Passes: 1}, again, "a second pass has nothing left to do")
}

// appMatches reads every match of the test's application.
func appMatches(t *testing.T, a *api) []*match.Match {
	t.Helper()
	client, err := a.Svc.Store.Client(t.Context())
	require.NoError(t, err)
	docs, err := client.Collection(store.Matches).Where("applicationId", "==", a.Svc.Config.ApplicationID).Select().Documents(context.Background()).GetAll()
	require.NoError(t, err)
	out := make([]*match.Match, len(docs))
	for i, d := range docs {
		out[i], err = a.Svc.Store.Matches().Get(context.Background(), d.Ref.ID)
		require.NoError(t, err)
	}
	return out
}
