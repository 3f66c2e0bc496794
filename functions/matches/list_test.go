package matches_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/testenv"
)

func TestListShowsOpenMatchesFirstAndCapsCompletedOnes(t *testing.T) {
	a := newAPI(t)
	ana := testenv.NewPlayer(t, "Ana")
	var open, done []string
	for i := range 5 {
		m := a.create(ana, map[string]any{"invitedPlayerIds": []string{testenv.NewPlayer(t, "Friend").ID}})
		if i%2 == 0 { // matches 0, 2, 4 end
			a.OK(ana, http.MethodPut, tb+"/"+m.MatchID+"/finish", map[string]any{"matchVersion": m.MatchVersion}, nil)
			done = append([]string{m.MatchID}, done...) // newest first
		} else {
			open = append([]string{m.MatchID}, open...)
		}
	}
	var all []gamesv1.TurnBasedMatch
	token := ""
	for page := 0; ; page++ {
		var list gamesv1.TurnBasedMatchList
		a.OK(ana, http.MethodGet, tb+"?maxResults=2&maxCompletedMatches=2&pageToken="+url.QueryEscape(token), nil, &list)
		all = append(all, list.Items...)
		if token = list.NextPageToken; token == "" || page > 5 {
			break
		}
	}
	want := append(append([]string{}, open...), done[:2]...)
	if len(all) != len(want) {
		t.Fatalf("listed %v, want %v", ids(all), want)
	}
	for i := range want {
		if all[i].MatchID != want[i] {
			t.Fatalf("listed %v, want %v (open first, then the 2 newest completed)", ids(all), want)
		}
	}
	if all[0].Data != nil {
		t.Error("list leaves data out unless includeMatchData=true")
	}
}

func TestSyncSeesEveryChangeOnceInOrder(t *testing.T) {
	a := newAPI(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	sync := func(p testenv.Player, token string) gamesv1.TurnBasedMatchSync {
		var s gamesv1.TurnBasedMatchSync
		a.OK(p, http.MethodGet, tb+"/sync?maxResults=2&includeMatchData=true&pageToken="+url.QueryEscape(token), nil, &s)
		return s
	}
	m1 := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID}})
	m2 := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID}})
	m3 := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID}})

	s := sync(ana, "")
	if len(s.Items) != 2 || s.Items[0].MatchID != m1.MatchID || s.Items[1].MatchID != m2.MatchID || !s.MoreAvailable || s.Kind != "games#turnBasedMatchSync" {
		t.Fatalf("first sync: %v more %v", ids(s.Items), s.MoreAvailable)
	}
	s = sync(ana, s.NextPageToken)
	if len(s.Items) != 1 || s.Items[0].MatchID != m3.MatchID || s.MoreAvailable {
		t.Fatalf("second sync: %v more %v", ids(s.Items), s.MoreAvailable)
	}
	position := s.NextPageToken
	if s = sync(ana, position); len(s.Items) != 0 || s.NextPageToken != position {
		t.Fatalf("nothing changed: %v, token moved %v", ids(s.Items), s.NextPageToken != position)
	}

	// m1 changes (a turn reaches Ben), then Ana dismisses m2: both come back once, in that order.
	a.turn(ana, m1, participantOf(t, m1, ben.ID).ID, "x")
	if status, _ := a.Do(ana.Token, http.MethodPut, tb+"/"+m2.MatchID+"/dismiss", nil); status != http.StatusNoContent {
		t.Fatal("dismiss failed")
	}
	s = sync(ana, position)
	if len(s.Items) != 2 || s.Items[0].MatchID != m1.MatchID || s.Items[1].MatchID != m2.MatchID {
		t.Fatalf("after two changes: %v", ids(s.Items))
	}
	if s.Items[0].Data == nil || s.Items[0].UserMatchStatus != "USER_AWAITING_TURN" || s.Items[1].Status != "MATCH_DELETED" {
		t.Fatalf("changed matches: %+v / tombstone %+v", s.Items[0], s.Items[1])
	}
	if again := sync(ana, s.NextPageToken); len(again.Items) != 0 {
		t.Fatalf("changes seen twice: %v", ids(again.Items))
	}
	// Ben sees m1 from the moment he was invited; m2 and m3 never reached him.
	if b := sync(ben, ""); len(b.Items) != 1 || b.Items[0].MatchID != m1.MatchID || b.Items[0].UserMatchStatus != "USER_INVITED" {
		t.Fatalf("Ben's sync: %v", ids(b.Items))
	}
}

func ids(ms []gamesv1.TurnBasedMatch) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.MatchID)
	}
	return out
}
