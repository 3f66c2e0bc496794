package matches_test

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"testing"

	"github.com/openplay-games/openplay/functions/functionstest"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/testenv"
)

// api is the whole route table served over HTTP on the emulators.
type api struct{ *functionstest.API }

func newAPI(t *testing.T) *api { return &api{functionstest.Serve(t, testenv.Service(t))} }

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

// participantOf is the participant of a match playing as a player.
var participantOf = functionstest.MatchParticipant

func version(v int32) string { return strconv.Itoa(int(v)) }
