package matches_test

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"testing"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/testenv"
)

type api struct {
	*testenv.API
	svc *service.Service
}

func newAPI(t *testing.T) *api {
	svc := testenv.Service(t)
	return &api{API: testenv.NewAPI(t, functions.Handler(svc, functions.Routes(svc)...)), svc: svc}
}

const tb = "/games/v1/turnbasedmatches"

func (a *api) create(p testenv.Player, req map[string]any) gamesv1.TurnBasedMatch {
	a.T.Helper()
	var m gamesv1.TurnBasedMatch
	a.OK(p, http.MethodPost, tb+"/create", req, &m)
	return m
}

func (a *api) get(p testenv.Player, id string) gamesv1.TurnBasedMatch {
	a.T.Helper()
	var m gamesv1.TurnBasedMatch
	a.OK(p, http.MethodGet, tb+"/"+id, nil, &m)
	return m
}

// turn plays p's turn on m at its current version and returns the match after it.
func (a *api) turn(p testenv.Player, m gamesv1.TurnBasedMatch, next, data string) gamesv1.TurnBasedMatch {
	a.T.Helper()
	var out gamesv1.TurnBasedMatch
	a.OK(p, http.MethodPut, tb+"/"+m.MatchID+"/turn", turnBody(m.MatchVersion, next, data), &out)
	return out
}

func (a *api) put(p testenv.Player, id, verb string) gamesv1.TurnBasedMatch {
	a.T.Helper()
	var out gamesv1.TurnBasedMatch
	a.OK(p, http.MethodPut, tb+"/"+id+"/"+verb, nil, &out)
	return out
}

func turnBody(version int32, next, data string) map[string]any {
	return map[string]any{"kind": "games#turnBasedMatchTurn", "matchVersion": version, "pendingParticipantId": next,
		"data": map[string]any{"kind": "games#turnBasedMatchDataRequest", "data": base64.URLEncoding.EncodeToString([]byte(data))}}
}

func participantOf(t *testing.T, m gamesv1.TurnBasedMatch, playerID string) gamesv1.TurnBasedMatchParticipant {
	t.Helper()
	for _, p := range m.Participants {
		if p.Player != nil && p.Player.PlayerID == playerID {
			return p
		}
	}
	t.Fatalf("player %s is not in match %s", playerID, m.MatchID)
	return gamesv1.TurnBasedMatchParticipant{}
}

func version(v int32) string { return strconv.Itoa(int(v)) }
