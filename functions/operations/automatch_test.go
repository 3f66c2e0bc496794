package operations_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

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
	if m.Status != "MATCH_AUTO_MATCHING" || m.PendingParticipantID != "p_1" {
		t.Fatalf("Ana's new match: %s pending %q", m.Status, m.PendingParticipantID)
	}
	m = a.turn(ana, m, "") // to the auto-match slot
	a.advance(time.Second)

	// Chloe's role overlaps Ana's: she gets her own match.
	if c := a.createMatch(chloe, autoMatch(2, 0b01)); c.MatchID == m.MatchID {
		t.Fatal("a player whose exclusiveBitmask overlaps joined the match")
	}
	req := autoMatch(2, 0b10)
	req["requestId"] = "77"
	joined := a.createMatch(ben, req)
	if joined.MatchID != m.MatchID || joined.Status != "MATCH_ACTIVE" || joined.PendingParticipantID != "p_2" || joined.MatchVersion != 3 {
		t.Fatalf("Ben got %s (%s, pending %q, version %d); want Ana's match, active, his turn", joined.MatchID, joined.Status, joined.PendingParticipantID, joined.MatchVersion)
	}
	if again := a.createMatch(ben, req); again.MatchID != m.MatchID || len(again.Participants) != 2 {
		t.Fatalf("a retried create went to %s with %d participants; want the same match unchanged", again.MatchID, len(again.Participants))
	}
	// Auto-matched opponents see each other anonymously.
	seen := a.match(ana, m.MatchID).Participants[1]
	if !seen.AutoMatched || seen.Player != nil || seen.AutoMatchedPlayer == nil || seen.AutoMatchedPlayer.DisplayName != "Ben" {
		t.Fatalf("Ana sees Ben as %+v; want an anonymous auto-matched player named Ben", seen)
	}
	if self := a.match(ben, m.MatchID).Participants[1]; self.Player == nil || self.Player.PlayerID != ben.ID {
		t.Fatalf("Ben sees himself as %+v", self)
	}
	a.turn(ben, joined, "p_1")

	// A requestId that already made a match (with invitees) answers with that match.
	invited := map[string]any{"invitedPlayerIds": []string{ana.ID}, "requestId": "5"}
	first := a.createMatch(chloe, invited)
	reused := autoMatch(2, 0)
	reused["requestId"] = "5"
	if again := a.createMatch(chloe, reused); again.MatchID != first.MatchID {
		t.Fatalf("a reused requestId made or joined match %s; want %s, the one it made first", again.MatchID, first.MatchID)
	}
}

func TestRoomAutoMatchFillsTheRoomAndEstimatesTheWait(t *testing.T) {
	a := newAPI(t)
	ana, ben, chloe := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe")
	r := a.createRoom(ana, autoMatch(2, 0))
	if r.Status != "ROOM_AUTO_MATCHING" || r.AutoMatchingStatus == nil || r.AutoMatchingStatus.WaitEstimateSeconds != 0 {
		t.Fatalf("first room: %s %+v; want auto-matching with no estimate yet", r.Status, r.AutoMatchingStatus)
	}
	a.advance(42 * time.Second)
	joined := a.createRoom(ben, autoMatch(2, 0))
	if joined.RoomID != r.RoomID || joined.Status != "ROOM_CONNECTING" || joined.AutoMatchingStatus != nil {
		t.Fatalf("Ben got room %s (%s); want Ana's, connecting", joined.RoomID, joined.Status)
	}
	if p := joined.Participants[1]; !p.AutoMatched || p.Player == nil || p.Player.PlayerID != ben.ID {
		t.Fatalf("Ben sees himself as %+v", p)
	}
	if p := a.room(ana, r.RoomID).Participants[1]; p.Player != nil || p.AutoMatchedPlayer == nil {
		t.Fatalf("Ana sees Ben as %+v; want anonymous", p)
	}
	next := a.createRoom(chloe, autoMatch(2, 0))
	if next.RoomID == r.RoomID || next.AutoMatchingStatus == nil || next.AutoMatchingStatus.WaitEstimateSeconds != 42 {
		t.Fatalf("Chloe's room %s, status %+v; want her own room estimating the 42 s Ana waited", next.RoomID, next.AutoMatchingStatus)
	}
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
			status, body := a.Do(p.Token, http.MethodPost, tb+"/create", autoMatch(2, 0))
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
			if status, body := a.Do(p.Token, http.MethodPut, tb+"/"+m.MatchID+"/turn", turn); status != http.StatusOK {
				errs <- string(body)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
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
			if into := byID[m.MergedInto]; into == nil || into.Participant(m.Participants[0].Player.ID) == nil {
				t.Errorf("seed %s merged into %s, which does not hold its creator", m.ID, m.MergedInto)
			} else {
				placed := into.Participant(m.Participants[0].Player.ID).ID
				wantOutbox(t, a, "match~"+into.ID+"~automatched~"+placed+"~"+placed) // the moved player is told
			}
			continue
		case m.Seeking || m.Mergeable || m.OpenSlots > 0:
			waiting++
		case m.Status == match.Active && len(m.Participants) == 2:
			full++
		}
		for _, p := range m.Participants {
			in[p.Player.ID]++
		}
	}
	if full != 10 || waiting != 0 || closed != moved.Matches {
		t.Fatalf("%d full, %d waiting, %d closed seeds (matcher moved %d); want 10 full, none waiting", full, waiting, closed, moved.Matches)
	}
	for _, p := range players {
		if in[p.ID] != 1 {
			t.Errorf("%s is in %d open matches, want 1", p.Name, in[p.ID])
		}
	}
	t.Logf("%d matches filled by create calls, %d by the matcher", 10-moved.Matches, moved.Matches)
	var again operations.Matched
	if a.operate("/operations/matchmake", &again); again != (operations.Matched{}) {
		t.Fatalf("a second pass moved %+v; want nothing left to do", again)
	}
}

// appMatches reads every match of the test's application.
func appMatches(t *testing.T, a *api) []*match.Match {
	t.Helper()
	client, err := a.Svc.Store.Client(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	docs, err := client.Collection(store.Matches).Where("applicationId", "==", a.Svc.Config.ApplicationID).Documents(context.Background()).GetAll()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*match.Match, len(docs))
	for i, d := range docs {
		out[i] = new(match.Match)
		if err := d.DataTo(out[i]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}
