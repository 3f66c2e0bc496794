package routefuzz_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
)

// The recipes of the world's resources: each makes a fresh one in its state through the API and
// returns its ID (a session's: its name). Participant IDs follow the order players joined a game:
// the creator is p_1.

// invitingRoom: Ana made it inviting Ben and Cal, who have not answered (ROOM_INVITING).
func (w *world) invitingRoom(t testing.TB) string {
	return w.room(t, `{"invitedPlayerIds":["{{ben}}","{{cal}}"]}`)
}

// connectingRoom: Ana made it inviting Ben, who joined (ROOM_CONNECTING; Ana is p_1, Ben p_2).
func (w *world) connectingRoom(t testing.TB) string {
	id := w.room(t, `{"invitedPlayerIds":["{{ben}}"]}`)
	w.must(t, "ben", http.MethodPost, "/games/v1/rooms/"+id+"/join", `{}`, nil)
	return id
}

func (w *world) room(t testing.TB, body string) string {
	var out struct{ RoomID string }
	w.must(t, "ana", http.MethodPost, "/games/v1/rooms/create", body, &out)
	return out.RoomID
}

// freshMatch: Ana made it inviting Ben, and has the first turn (matchVersion 1).
func (w *world) freshMatch(t testing.TB) string {
	var out struct{ MatchID string }
	w.must(t, "ana", http.MethodPost, "/games/v1/turnbasedmatches/create", `{"invitedPlayerIds":["{{ben}}"]}`, &out)
	return out.MatchID
}

// invitedMatch: Ana played the first turn to Ben, who is invited and has the turn (version 2).
func (w *world) invitedMatch(t testing.TB) string {
	id := w.freshMatch(t)
	w.must(t, "ana", http.MethodPut, "/games/v1/turnbasedmatches/"+id+"/turn", `{"matchVersion":1,"pendingParticipantId":"p_2","data":{"data":"bW92ZSAx"}}`, nil)
	return id
}

// joinedMatch: as invitedMatch, and Ben joined.
func (w *world) joinedMatch(t testing.TB) string {
	id := w.invitedMatch(t)
	w.must(t, "ben", http.MethodPut, "/games/v1/turnbasedmatches/"+id+"/join", ``, nil)
	return id
}

// completeMatch: as joinedMatch, and Ben finished it (MATCH_COMPLETE at version 3; Ana has yet
// to confirm, Ben may ask for the rematch).
func (w *world) completeMatch(t testing.TB) string {
	id := w.joinedMatch(t)
	w.must(t, "ben", http.MethodPut, "/games/v1/turnbasedmatches/"+id+"/finish",
		`{"matchVersion":2,"results":[{"participantId":"p_1","placing":2,"result":"MATCH_RESULT_LOSS"},{"participantId":"p_2","placing":1,"result":"MATCH_RESULT_WIN"}]}`, nil)
	return id
}

// lobby: an open session Ana made, subscribed to its changes, with a place reserved for Ben.
func (w *world) lobby(t testing.TB) string {
	name := "lobby-" + ids.Random()[:8]
	w.must(t, "ana", http.MethodPut, "/serviceconfigs/{{scid}}/sessionTemplates/lobby/sessions/"+name,
		`{"members":{"me":{"constants":{"system":{"initialize":true}},"properties":{"system":{"active":true,
			"subscription":{"id":"`+guid()+`","changeTypes":["everything"]}},"custom":{"team":"red"}}},
			"reserve_0":{"constants":{"system":{"xuid":"{{ben}}"}}}},
		  "properties":{"system":{"keywords":["fuzz"],"joinRestriction":"none"},"custom":{"level":1}}}`, nil)
	return name
}

// privateGame: a private session Ana made, Ben joined from his reservation, and a server
// principal (Dan) added a server to.
func (w *world) privateGame(t testing.TB) string {
	name := "game-" + ids.Random()[:8]
	path := "/serviceconfigs/{{scid}}/sessionTemplates/game/sessions/" + name
	w.must(t, "ana", http.MethodPut, path, `{"members":{"me":{"properties":{"system":{"active":true}}},"reserve_0":{"constants":{"system":{"xuid":"{{ben}}"}}}}}`, nil)
	w.must(t, "ben", http.MethodPut, path, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`, nil)
	w.must(t, "server", http.MethodPut, path, `{"servers":{"server":{"constants":{"system":{}},"properties":{"system":{}}}}}`, nil)
	return name
}

// handle: Ana invited Cal to the lobby.
func (w *world) handle(t testing.TB) string {
	var out struct{ ID string }
	w.must(t, "ana", http.MethodPost, "/handles", `{"type":"invite","version":1,"sessionRef":{"scid":"{{scid}}",
		"templateName":"lobby","name":"{{session0}}"},"invitedXuid":"{{cal}}","inviteAttributes":{"titleId":"1234"}}`, &out)
	return out.ID
}

// inboxEntry: a turn notification in Ana's inbox, delivered by the turns consumer.
func (w *world) inboxEntry(t testing.TB) string {
	id := "fuzz-" + ids.Random()[:12]
	n, err := json.Marshal(notification.Notification{ID: id, Type: notification.MatchTurn, Recipient: w.players["ana"].ID,
		ApplicationID: w.svc.Config.ApplicationID, Version: 1, CreatedAt: time.Now().UTC(), Text: "It is your turn"})
	require.NoError(t, err)
	w.must(t, "nobody", http.MethodPost, "/operations/notifications/deliver/turns", pushBody(n), nil)
	return id
}

// pushBody is a Pub/Sub push request carrying data.
func pushBody(data []byte) string {
	raw, _ := json.Marshal(map[string]any{"message": map[string]any{"data": base64.StdEncoding.EncodeToString(data),
		"messageId": "1", "attributes": map[string]string{"id": "n"}}, "subscription": "projects/demo/subscriptions/fuzz"})
	return string(raw)
}
