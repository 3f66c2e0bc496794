package matches_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/testenv"
)

func TestBadInputIsRefusedAndChangesNothing(t *testing.T) {
	a := newAPI(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	m := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID}})
	path := tb + "/" + m.MatchID
	anaID, benID := participantOf(t, m, ana.ID).ID, participantOf(t, m, ben.ID).ID
	big := base64.URLEncoding.EncodeToString(make([]byte, 128*1024+1))
	turn := func(edit func(map[string]any)) map[string]any {
		b := turnBody(m.MatchVersion, benID, "ok")
		edit(b)
		return b
	}
	tests := []struct {
		name      string
		method    string
		path      string
		body      any
		status    int
		fragments []string
	}{
		{"create: wrong kind", http.MethodPost, tb + "/create", map[string]any{"kind": "games#roomCreateRequest", "invitedPlayerIds": []string{ben.ID}},
			400, []string{"kind"}},
		{"create: self invite", http.MethodPost, tb + "/create", map[string]any{"invitedPlayerIds": []string{ana.ID}}, 400, []string{"yourself"}},
		{"create: unknown player", http.MethodPost, tb + "/create", map[string]any{"invitedPlayerIds": []string{"nobody-here"}}, 400, []string{"invitedPlayerIds[0]"}},
		{"create: too many", http.MethodPost, tb + "/create", map[string]any{"invitedPlayerIds": []string{ben.ID},
			"autoMatchingCriteria": map[string]any{"minAutoMatchingPlayers": 1, "maxAutoMatchingPlayers": 7}}, 400, []string{"at most 8 players"}},
		{"create: auto-match kind", http.MethodPost, tb + "/create", map[string]any{"autoMatchingCriteria": map[string]any{
			"kind": "games#roomAutoMatchingCriteria", "minAutoMatchingPlayers": 1, "maxAutoMatchingPlayers": 1}}, 400, []string{"autoMatchingCriteria.kind"}},
		{"turn: data too large", http.MethodPut, path + "/turn", turn(func(b map[string]any) { b["data"] = map[string]any{"data": big} }),
			413, []string{"data.data", "131072"}},
		{"turn: data not base64", http.MethodPut, path + "/turn", turn(func(b map[string]any) { b["data"] = map[string]any{"data": "***"} }),
			400, []string{"data.data", "base64"}},
		{"turn: data kind", http.MethodPut, path + "/turn", turn(func(b map[string]any) { b["data"] = map[string]any{"kind": "x"} }),
			400, []string{"data.kind"}},
		{"turn: no matchVersion", http.MethodPut, path + "/turn", turn(func(b map[string]any) { delete(b, "matchVersion") }),
			400, []string{"matchVersion: required"}},
		{"turn: stale matchVersion", http.MethodPut, path + "/turn", turn(func(b map[string]any) { b["matchVersion"] = 99 }),
			409, []string{"matchVersion", "version 1"}},
		{"turn: matchVersion not int32", http.MethodPut, path + "/turn", `{"matchVersion": "1"}`, 400, []string{"matchVersion"}},
		{"turn: unknown next", http.MethodPut, path + "/turn", turn(func(b map[string]any) { b["pendingParticipantId"] = "p_77" }),
			400, []string{"pendingParticipantId", "p_77"}},
		{"turn: no slot for unset next", http.MethodPut, path + "/turn", turn(func(b map[string]any) { delete(b, "pendingParticipantId") }),
			400, []string{"auto-match slot"}},
		{"turn: unknown result", http.MethodPut, path + "/turn", turn(func(b map[string]any) {
			b["results"] = []map[string]any{{"participantId": anaID, "result": "MATCH_RESULT_DISAGREED"}}
		}), 400, []string{"results[0].result"}},
		{"turn: placing out of range", http.MethodPut, path + "/turn", turn(func(b map[string]any) {
			b["results"] = []map[string]any{{"participantId": anaID, "placing": 3, "result": "MATCH_RESULT_WIN"}}
		}), 400, []string{"results[0].placing", "1 to 2"}},
		{"turn: result for a stranger", http.MethodPut, path + "/turn", turn(func(b map[string]any) {
			b["results"] = []map[string]any{{"participantId": "p_9", "result": "MATCH_RESULT_WIN"}}
		}), 400, []string{"results[0].participantId"}},
		{"turn: unknown field", http.MethodPut, path + "/turn", `{"matchVersion": 1, "nextPlayer": "p_2"}`, 400, []string{"nextPlayer"}},
		{"finish: no matchVersion", http.MethodPut, path + "/finish", map[string]any{}, 400, []string{"matchVersion"}},
		{"leaveTurn: bad matchVersion", http.MethodPut, path + "/leaveTurn?matchVersion=one", nil, 400, []string{"matchVersion"}},
		{"join: a body where none belongs", http.MethodPut, path + "/join", `{"x": 1}`, 400, []string{"x: unknown field"}},
		{"rematch: bad requestId", http.MethodPost, path + "/rematch?requestId=abc", nil, 400, []string{"requestId"}},
		{"get: bad includeMatchData", http.MethodGet, path + "?includeMatchData=maybe", nil, 400, []string{"includeMatchData"}},
		{"get: bad match ID", http.MethodGet, tb + "/xyz", nil, 400, []string{"matchId"}},
		{"list: maxCompletedMatches too big", http.MethodGet, tb + "?maxCompletedMatches=501", nil, 400, []string{"maxCompletedMatches"}},
		{"sync: forged token", http.MethodGet, tb + "/sync?pageToken=Zm9v", nil, 400, []string{"pageToken"}},
		{"wrong method", http.MethodPost, path + "/turn", nil, 405, []string{"use PUT"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a.T = t
			a.Fails(ana.Token, tt.method, tt.path, tt.body, tt.status, tt.fragments...)
		})
	}
	a.T = t
	after := a.get(ana, m.MatchID)
	require.Equal(t, m.MatchVersion, after.MatchVersion, "refused calls changed the match")
	require.Nil(t, after.Data, "refused calls changed the match's data")
	require.Equal(t, "PARTICIPANT_NOT_INVITED_YET", participantOf(t, after, ben.ID).Status, "refused calls changed Ben")
	require.True(t, strings.HasPrefix(after.Description, "Your turn"), "description %q", after.Description)
}
