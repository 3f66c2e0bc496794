package matches_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
	require.Equal(t, want, ids(all), "open first, then the 2 newest completed")
	assert.Nil(t, all[0].Data, "list leaves data out unless includeMatchData=true")
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
	require.Equal(t, []string{m1.MatchID, m2.MatchID}, ids(s.Items), "first sync")
	require.True(t, s.MoreAvailable, "first sync: more available")
	require.Equal(t, "games#turnBasedMatchSync", s.Kind, "first sync")
	s = sync(ana, s.NextPageToken)
	require.Equal(t, []string{m3.MatchID}, ids(s.Items), "second sync")
	require.False(t, s.MoreAvailable, "second sync: no more available")
	position := s.NextPageToken
	s = sync(ana, position)
	require.Empty(t, s.Items, "nothing changed")
	require.Equal(t, position, s.NextPageToken, "nothing changed: the token stays")

	// m1 changes (a turn reaches Ben), then Ana dismisses m2: both come back once, in that order.
	a.turn(ana, m1, participantOf(t, m1, ben.ID).ID, "x")
	status, _ := a.Do(ana.Token, http.MethodPut, tb+"/"+m2.MatchID+"/dismiss", nil)
	require.Equal(t, http.StatusNoContent, status, "dismiss")
	s = sync(ana, position)
	require.Equal(t, []string{m1.MatchID, m2.MatchID}, ids(s.Items), "after two changes")
	require.NotNil(t, s.Items[0].Data, "the changed match")
	require.Equal(t, "USER_AWAITING_TURN", s.Items[0].UserMatchStatus, "the changed match")
	require.Equal(t, "MATCH_DELETED", s.Items[1].Status, "the tombstone")
	require.Empty(t, ids(sync(ana, s.NextPageToken).Items), "changes seen twice")
	// Ben sees m1 from the moment he was invited; m2 and m3 never reached him.
	b := sync(ben, "")
	require.Equal(t, []string{m1.MatchID}, ids(b.Items), "Ben's sync")
	require.Equal(t, "USER_INVITED", b.Items[0].UserMatchStatus, "Ben's sync")
}

func ids(ms []gamesv1.TurnBasedMatch) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.MatchID)
	}
	return out
}
