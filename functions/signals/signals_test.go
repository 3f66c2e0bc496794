package signals_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions/functionstest"
	"github.com/openplay-games/openplay/functions/signals"
	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/signal"
	"github.com/openplay-games/openplay/shared/testenv"
)

// game is a room Ana made, which the invited Ben joined; Chloe is invited and has not answered.
type game struct {
	api               *functionstest.API
	ana, ben, chloe   testenv.Player
	room              gamesv1.Room
	anaID, benID, cID string // participant IDs
}

func newGame(t *testing.T) *game {
	g := &game{api: functionstest.Serve(t, testenv.Service(t)),
		ana: testenv.NewPlayer(t, "Ana"), ben: testenv.NewPlayer(t, "Ben"), chloe: testenv.NewPlayer(t, "Chloe")}
	g.api.OK(g.ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": []string{g.ben.ID, g.chloe.ID}}, &g.room)
	g.api.OK(g.ben, http.MethodPost, "/games/v1/rooms/"+g.room.RoomID+"/join", map[string]any{}, &g.room)
	g.anaID = functionstest.RoomParticipant(t, g.room, g.ana.ID).ID
	g.benID = functionstest.RoomParticipant(t, g.room, g.ben.ID).ID
	g.cID = functionstest.RoomParticipant(t, g.room, g.chloe.ID).ID
	return g
}

func (g *game) signalsPath() string { return "/openplay/v1/rooms/" + g.room.RoomID + "/signals" }

func (g *game) send(from testenv.Player, to, typ string, seq int, payload string) signals.Signal {
	g.api.T.Helper()
	var out signals.Signal
	g.api.OK(from, http.MethodPost, g.signalsPath(), map[string]any{"to": to, "type": typ, "seq": seq, "payload": payload}, &out)
	return out
}

func (g *game) list(p testenv.Player, pageToken string) signals.SignalList {
	g.api.T.Helper()
	var out signals.SignalList
	g.api.OK(p, http.MethodGet, g.signalsPath()+"?pageToken="+pageToken, nil, &out)
	return out
}

// payloads are the types and payloads of a page, in order.
func payloads(l signals.SignalList) []string {
	var out []string
	for _, s := range l.Items {
		out = append(out, s.Type+":"+s.Payload)
	}
	return out
}

func TestSendAndRead(t *testing.T) {
	g := newGame(t)
	offer := g.send(g.ana, g.benID, "offer", 1, "v=0 offer")
	assert.Equal(t, signals.Signal{Kind: "openplay#signal", ID: signal.DocID(g.room.RoomID, g.anaID, 1), RoomID: g.room.RoomID,
		From: g.anaID, To: g.benID, Type: "offer", Seq: 1, Payload: "v=0 offer"}, offer)
	g.send(g.ana, g.benID, "candidate", 2, "candidate:1")

	first := g.list(g.ben, "")
	assert.Equal(t, []string{"offer:v=0 offer", "candidate:candidate:1"}, payloads(first))
	assert.False(t, first.Items[0].SentAt.IsZero(), "a listed signal carries the time Firestore stored it")
	require.NotEmpty(t, first.NextPageToken)
	assert.Empty(t, g.list(g.ana, "").Items, "Ana was sent nothing")

	again := g.list(g.ben, first.NextPageToken)
	assert.Empty(t, again.Items, "nothing new")
	assert.Equal(t, first.NextPageToken, again.NextPageToken, "the position stays")

	assert.Equal(t, offer, g.send(g.ana, g.benID, "offer", 1, "v=0 offer"), "a retry succeeds with the same answer")
	g.api.Fails(g.ana.Token, http.MethodPost, g.signalsPath(), map[string]any{"to": g.benID, "type": "offer", "seq": 1, "payload": "v=0 other"},
		http.StatusConflict, "seq", "already used")
	g.send(g.ben, g.anaID, "answer", 1, "v=0 answer")
	g.send(g.ana, g.benID, "bye", 3, "")

	assert.Equal(t, []string{"bye:"}, payloads(g.list(g.ben, first.NextPageToken)), "only what is new, and the retry is not new")
	assert.Equal(t, []string{"answer:v=0 answer"}, payloads(g.list(g.ana, "")))
}

func TestPagesFollowEachOther(t *testing.T) {
	g := newGame(t)
	for seq := 1; seq <= 5; seq++ {
		g.send(g.ana, g.benID, "candidate", seq, "c"+string(rune('0'+seq)))
	}
	var got []string
	token := ""
	for range 3 {
		var page signals.SignalList
		g.api.OK(g.ben, http.MethodGet, g.signalsPath()+"?maxResults=2&pageToken="+token, nil, &page)
		got = append(got, payloads(page)...)
		token = page.NextPageToken
	}
	assert.Equal(t, []string{"candidate:c1", "candidate:c2", "candidate:c3", "candidate:c4", "candidate:c5"}, got)
}

// TestBadSignalsChangeNothing: every refused send names the field and the rule, and Ben's
// signals stay as they were.
func TestBadSignalsChangeNothing(t *testing.T) {
	g := newGame(t)
	dan := testenv.NewPlayer(t, "Dan")
	var other gamesv1.Room
	g.api.OK(dan, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": []string{g.chloe.ID}}, &other)
	body := func(to, typ string, seq int, payload string) map[string]any {
		return map[string]any{"to": to, "type": typ, "seq": seq, "payload": payload}
	}
	for _, tt := range []struct {
		name      string
		who       testenv.Player
		path      string
		body      any
		status    int
		fragments []string
	}{
		{"an outsider", dan, g.signalsPath(), body(g.benID, "offer", 1, "x"), http.StatusNotFound, []string{"roomId", "no room"}},
		{"into a room the sender is not in", g.ana, "/openplay/v1/rooms/" + other.RoomID + "/signals", body("p_2", "offer", 1, "x"), http.StatusNotFound, []string{"roomId"}},
		{"an invitee who has not joined", g.chloe, g.signalsPath(), body(g.benID, "offer", 1, "x"), http.StatusConflict, []string{"roomId", "PARTICIPANT_INVITED"}},
		{"to an invitee who has not joined", g.ana, g.signalsPath(), body(g.cID, "offer", 1, "x"), http.StatusConflict, []string{"to", "not joined"}},
		{"to no such participant", g.ben, g.signalsPath(), body("p_9", "offer", 1, "x"), http.StatusBadRequest, []string{"to", "no participant"}},
		{"to itself", g.ben, g.signalsPath(), body(g.benID, "offer", 1, "x"), http.StatusBadRequest, []string{"to", "itself"}},
		{"an unknown type", g.ana, g.signalsPath(), body(g.benID, "hello", 1, "x"), http.StatusBadRequest, []string{"type", "offer, answer, candidate or bye"}},
		{"seq 0", g.ana, g.signalsPath(), body(g.benID, "offer", 0, "x"), http.StatusBadRequest, []string{"seq"}},
		{"a seq that is not a number", g.ana, g.signalsPath(), `{"to":"p_2","type":"offer","seq":"1","payload":"x"}`, http.StatusBadRequest, []string{"seq"}},
		{"a fractional seq", g.ana, g.signalsPath(), `{"to":"p_2","type":"offer","seq":1.5,"payload":"x"}`, http.StatusBadRequest, []string{"seq"}},
		{"an oversized payload", g.ana, g.signalsPath(), body(g.benID, "offer", 1, strings.Repeat("a", signal.MaxPayloadBytes+1)), http.StatusRequestEntityTooLarge, []string{"payload", "16384"}},
		{"an empty offer", g.ana, g.signalsPath(), body(g.benID, "offer", 1, ""), http.StatusBadRequest, []string{"payload"}},
		{"malformed JSON", g.ana, g.signalsPath(), `{"to":`, http.StatusBadRequest, []string{"malformed JSON"}},
		{"an unknown field", g.ana, g.signalsPath(), `{"to":"p_2","type":"offer","seq":1,"payload":"x","room":"r"}`, http.StatusBadRequest, []string{"room", "unknown field"}},
		{"a wrong kind", g.ana, g.signalsPath(), `{"kind":"games#room","to":"p_2","type":"offer","seq":1,"payload":"x"}`, http.StatusBadRequest, []string{"kind"}},
		{"a bad room ID", g.ana, "/openplay/v1/rooms/nope/signals", body(g.benID, "offer", 1, "x"), http.StatusBadRequest, []string{"roomId"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g.api.For(t).Fails(tt.who.Token, http.MethodPost, tt.path, tt.body, tt.status, tt.fragments...)
		})
	}
	assert.Empty(t, g.list(g.ben, "").Items, "no refused signal reached Ben")
	assert.Empty(t, g.list(g.ana, "").Items, "no refused signal reached Ana")
	g.api.Fails("", http.MethodPost, g.signalsPath(), body(g.benID, "offer", 1, "x"), http.StatusUnauthorized)
	g.api.Fails(g.ben.Token, http.MethodGet, g.signalsPath()+"?pageToken=forged", nil, http.StatusBadRequest, "pageToken")
	g.api.Fails(g.ben.Token, http.MethodGet, g.signalsPath()+"?maxResults=101", nil, http.StatusBadRequest, "maxResults")
}

// TestNoSignalsAfterLeaving: once Ben has left, he can neither send nor be sent signals.
func TestNoSignalsAfterLeaving(t *testing.T) {
	g := newGame(t)
	g.send(g.ana, g.benID, "offer", 1, "v=0")
	g.api.OK(g.ben, http.MethodPost, "/games/v1/rooms/"+g.room.RoomID+"/leave", map[string]any{}, nil)
	g.api.Fails(g.ben.Token, http.MethodPost, g.signalsPath(), map[string]any{"to": g.anaID, "type": "answer", "seq": 1, "payload": "v=0"},
		http.StatusConflict, "roomId", "PARTICIPANT_LEFT")
	g.api.Fails(g.ana.Token, http.MethodPost, g.signalsPath(), map[string]any{"to": g.benID, "type": "candidate", "seq": 2, "payload": "c"},
		http.StatusConflict, "to", "PARTICIPANT_LEFT")
	assert.Equal(t, []string{"offer:v=0"}, payloads(g.list(g.ben, "")), "what was sent before stays readable until it expires")
}

func TestICEServers(t *testing.T) {
	ana := testenv.NewPlayer(t, "Ana")
	// serve runs the route table for an application of its own with the TURN secret "north".
	serve := func(app string) *functionstest.API {
		svc := testenv.Service(t)
		svc.Config.ApplicationID, svc.Config.TURNSecret = app, "north"
		return functionstest.Serve(t, svc)
	}

	var none signals.ICEServers
	serve("signals-test-"+ids.Random()).OK(ana, http.MethodGet, "/openplay/v1/iceServers", nil, &none)
	assert.Equal(t, "openplay#iceServers", none.Kind)
	assert.Empty(t, none.ICEServers, "an application without realtime settings has no ICE servers")

	app := "signals-test-" + ids.Random()
	settings := application.Defaults
	settings.Realtime.STUN = []string{"stun:turn.example.com:3478"}
	settings.Realtime.TURN = []string{"turn:turn.example.com:3478?transport=udp"}
	api := serve(app)
	require.NoError(t, api.Svc.Store.PutSettings(t.Context(), app, settings))

	var got signals.ICEServers
	api.OK(ana, http.MethodGet, "/openplay/v1/iceServers", nil, &got)
	username, credential := signal.TURNCredential([]byte("north"), ana.ID, got.ExpiresAt)
	assert.Equal(t, []signals.ICEServer{{URLs: settings.Realtime.STUN},
		{URLs: settings.Realtime.TURN, Username: username, Credential: credential}}, got.ICEServers)
	assert.WithinDuration(t, api.Svc.Time().Add(settings.Realtime.TURNCredentialTTL), got.ExpiresAt, time.Minute)
}
