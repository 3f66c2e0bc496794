package rooms_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/testenv"
)

func TestBadInputIsRefusedAndChangesNothing(t *testing.T) {
	a := newAPI(t)
	ana, ben, chloe := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe")
	room := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID, chloe.ID}})
	a.OK(ben, http.MethodPost, "/games/v1/rooms/"+room.RoomID+"/join", nil, nil)
	path := "/games/v1/rooms/" + room.RoomID
	others := []string{"a", "b", "c", "d", "e", "f", "g"}

	tests := []struct {
		name      string
		who       testenv.Player
		method    string
		path      string
		body      any
		status    int
		fragments []string
	}{
		{"malformed JSON", ana, http.MethodPost, "/games/v1/rooms/create", `{"invitedPlayerIds": [`, 400, []string{"malformed JSON"}},
		{"two JSON values", ana, http.MethodPost, "/games/v1/rooms/create", `{} {}`, 400, []string{"more than one JSON value"}},
		{"not an object", ana, http.MethodPost, "/games/v1/rooms/create", `[1]`, 400, []string{"want an object"}},
		{"unknown field", ana, http.MethodPost, "/games/v1/rooms/create", `{"invitedPlayers": ["x"]}`, 400, []string{"invitedPlayers: unknown field"}},
		{"wrong kind", ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{"kind": "games#room", "invitedPlayerIds": []string{ben.ID}},
			400, []string{"kind: must be \"games#roomCreateRequest\""}},
		{"wrong nested kind", ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": []string{ben.ID},
			"autoMatchingCriteria": map[string]any{"kind": "x", "minAutoMatchingPlayers": 1, "maxAutoMatchingPlayers": 1}},
			400, []string{"autoMatchingCriteria.kind"}},
		{"int64 not numeric", ana, http.MethodPost, "/games/v1/rooms/create", `{"requestId": "12ab", "invitedPlayerIds": ["x"]}`, 400, []string{"requestId", "int64"}},
		{"int32 as string", ana, http.MethodPost, "/games/v1/rooms/create", `{"variant": "2", "invitedPlayerIds": ["x"]}`, 400, []string{"variant"}},
		{"int32 overflow", ana, http.MethodPost, "/games/v1/rooms/create", `{"variant": 3000000000, "invitedPlayerIds": ["x"]}`, 400, []string{"variant"}},
		{"bitmask not int64", ana, http.MethodPost, "/games/v1/rooms/create",
			`{"autoMatchingCriteria": {"minAutoMatchingPlayers": 1, "maxAutoMatchingPlayers": 1, "exclusiveBitmask": "0x10"}}`,
			400, []string{"autoMatchingCriteria.exclusiveBitmask"}},
		{"nobody to play with", ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{}, 400, []string{"invitedPlayerIds", "at least one"}},
		{"self invite", ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": []string{ben.ID, ana.ID}},
			400, []string{"invitedPlayerIds[1]", "yourself"}},
		{"duplicate invite", ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": []string{ben.ID, ben.ID}},
			400, []string{"invitedPlayerIds[1]", "twice"}},
		{"unknown player", ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": []string{ben.ID, "no-such-player"}},
			400, []string{"invitedPlayerIds[1]", "no player"}},
		{"too many players", ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": append(others, "h")},
			400, []string{"at most 8 players"}},
		{"too many with auto-match", ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": others[:6],
			"autoMatchingCriteria": map[string]any{"minAutoMatchingPlayers": 1, "maxAutoMatchingPlayers": 2}}, 400, []string{"at most 8 players"}},
		{"auto-match min 0", ana, http.MethodPost, "/games/v1/rooms/create",
			map[string]any{"autoMatchingCriteria": map[string]any{"minAutoMatchingPlayers": 0, "maxAutoMatchingPlayers": 2}},
			400, []string{"autoMatchingCriteria.minAutoMatchingPlayers"}},
		{"auto-match max below min", ana, http.MethodPost, "/games/v1/rooms/create",
			map[string]any{"autoMatchingCriteria": map[string]any{"minAutoMatchingPlayers": 3, "maxAutoMatchingPlayers": 2}},
			400, []string{"autoMatchingCriteria.maxAutoMatchingPlayers"}},
		{"auto-match max missing", ana, http.MethodPost, "/games/v1/rooms/create",
			map[string]any{"autoMatchingCriteria": map[string]any{"minAutoMatchingPlayers": 1}}, 400, []string{"maxAutoMatchingPlayers: required"}},
		{"empty capability", ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": []string{ben.ID}, "capabilities": []string{""}},
			400, []string{"capabilities[0]"}},
		{"negative latency", ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": []string{ben.ID},
			"networkDiagnostics": map[string]any{"registrationLatencyMillis": -1}}, 400, []string{"networkDiagnostics.registrationLatencyMillis"}},
		{"oversized body", ana, http.MethodPost, "/games/v1/rooms/create", `{"capabilities": ["` + strings.Repeat("x", 2<<20) + `"]}`,
			413, []string{"larger than"}},
		{"bad room id", ana, http.MethodPost, "/games/v1/rooms/not-a-room/join", nil, 400, []string{"roomId", "not a room ID"}},
		{"wrong method", ana, http.MethodGet, path + "/join", nil, 405, []string{"use POST"}},
		{"unknown path", ana, http.MethodGet, "/games/v1/roomz", nil, 404, []string{"no API method"}},
		{"unknown leave reason", ben, http.MethodPost, path + "/leave", map[string]any{"reason": "BORED"}, 400, []string{"reason", "BORED", "REALTIME_TIMEOUT"}},
		{"leave diagnostics about a stranger", ben, http.MethodPost, path + "/leave",
			map[string]any{"leaveDiagnostics": map[string]any{"peerSession": []map[string]any{{"participantId": "p_99"}}}},
			400, []string{"leaveDiagnostics.peerSession[0].participantId"}},
		{"negative stats", ben, http.MethodPost, path + "/leave", map[string]any{"leaveDiagnostics": map[string]any{"peerSession": []map[string]any{
			{"participantId": "p_1", "unreliableChannel": map[string]any{"bytesSent": map[string]any{"min": "-4"}}}}}},
			400, []string{"leaveDiagnostics.peerSession[0].unreliableChannel.bytesSent.min"}},
		{"report unknown status", ben, http.MethodPost, path + "/reportstatus", map[string]any{"updates": []map[string]any{{"participantId": "p_1", "status": "FINE"}}},
			400, []string{"updates[0].status", "FINE"}},
		{"report without status", ben, http.MethodPost, path + "/reportstatus", map[string]any{"updates": []map[string]any{{"participantId": "p_1"}}},
			400, []string{"updates[0].status", "required"}},
		{"report unknown error", ben, http.MethodPost, path + "/reportstatus", map[string]any{"updates": []map[string]any{
			{"participantId": "p_1", "status": "CONNECTION_FAILED", "error": "OOPS"}}}, 400, []string{"updates[0].error"}},
		{"report about a stranger", ben, http.MethodPost, path + "/reportstatus", map[string]any{"updates": []map[string]any{
			{"participantId": "p_42", "status": "CONNECTION_ESTABLISHED"}}}, 400, []string{"updates[0].participantId"}},
		{"report about self", ben, http.MethodPost, path + "/reportstatus", map[string]any{"updates": []map[string]any{
			{"participantId": "p_2", "status": "CONNECTION_ESTABLISHED"}}}, 400, []string{"updates[0].participantId", "itself"}},
		{"maxResults zero", ana, http.MethodGet, "/games/v1/rooms?maxResults=0", nil, 400, []string{"maxResults"}},
		{"maxResults too big", ana, http.MethodGet, "/games/v1/rooms?maxResults=501", nil, 400, []string{"maxResults"}},
		{"forged page token", ana, http.MethodGet, "/games/v1/rooms?pageToken=abc", nil, 400, []string{"pageToken"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a.T = t
			a.Fails(tt.who.Token, tt.method, tt.path, tt.body, tt.status, tt.fragments...)
		})
	}
	a.T = t
	assert.Equal(t, int32(2), a.get(ana, room.RoomID).RoomStatusVersion, "refused calls changed the room")
	invitations := func(p testenv.Player) int {
		var list struct{ Items []any }
		a.OK(p, http.MethodGet, "/games/v1/rooms", nil, &list)
		return len(list.Items)
	}
	assert.Equal(t, 1, invitations(chloe), "Chloe's invitations: only the room made before the refused calls")
	for _, p := range []testenv.Player{ben, ana} {
		assert.Zero(t, invitations(p), "%s's invitations: refused creates must leave none", p.Name)
	}
}

func TestTokensAreChecked(t *testing.T) {
	a := newAPI(t)
	ana := testenv.NewPlayer(t, "Ana")
	expired := ana.WithClaims(t, func(c map[string]any) {
		past := time.Now().Add(-2 * time.Hour).Unix()
		c["iat"], c["auth_time"], c["exp"] = past-60, past-60, past
	})
	foreign := ana.WithClaims(t, func(c map[string]any) {
		c["aud"], c["iss"] = "another-project", "https://securetoken.google.com/another-project"
	})
	for name, token := range map[string]string{"missing": "", "malformed": "not-a-jwt", "expired": expired, "other project": foreign} {
		t.Run(name, func(t *testing.T) {
			a.T = t
			a.Fails(token, http.MethodGet, "/games/v1/rooms", nil, http.StatusUnauthorized, "Authorization")
		})
	}
	a.T = t
	// Behind API Gateway the player's token comes as X-Forwarded-Authorization.
	req, _ := http.NewRequest(http.MethodGet, a.URL+"/games/v1/rooms", nil)
	req.Header.Set("Authorization", "Bearer gateway-credentials-not-a-firebase-token")
	req.Header.Set("X-Forwarded-Authorization", "Bearer "+ana.Token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "forwarded token")
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "forwarded token")
	// Generated clients add alt=json and prettyPrint=false; language is accepted.
	a.OK(ana, http.MethodGet, "/games/v1/rooms?alt=json&prettyPrint=false&language=de", nil, nil)
}
