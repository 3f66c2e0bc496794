package routefuzz_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// seed is a request the fuzzer starts from and mutates.
type seed struct {
	route, caller, params, query, headers, body string
}

func (s seed) input(w *world) input {
	return input{route: s.route, caller: uint8(w.callerNamed(s.caller)), params: s.params, query: s.query, headers: s.headers, body: []byte(s.body)}
}

// valid are realistic requests, one or more for each route, that succeed on the world as it was
// made (TestValidSeedsSucceed keeps them so): mutations of them reach the rules behind the
// decoders. Left-out path parameters name the world's resources (see defaults).
var valid = []seed{
	{route: "RoomsCreate", caller: "ana", body: `{"kind":"games#roomCreateRequest","invitedPlayerIds":["{{ben}}","{{cal}}"],"variant":2,"requestId":"7",
		"capabilities":["webrtc"],"clientAddress":{"kind":"games#roomClientAddress","xmppAddress":"ana@example.com"},
		"networkDiagnostics":{"kind":"games#networkDiagnostics","androidNetworkType":1,"androidNetworkSubtype":2,"iosNetworkType":-1,
		"networkOperatorCode":"20801","networkOperatorName":"Orange","registrationLatencyMillis":120}}`},
	{route: "RoomsCreate", caller: "ben", body: `{"autoMatchingCriteria":{"kind":"games#roomAutoMatchingCriteria","minAutoMatchingPlayers":1,
		"maxAutoMatchingPlayers":3,"exclusiveBitmask":"6"},"variant":5}`},
	{route: "RoomsGet", caller: "cal", query: "language=en&prettyPrint=false"},
	{route: "RoomsJoin", caller: "ben", body: `{"kind":"games#roomJoinRequest","capabilities":["webrtc"],
		"clientAddress":{"kind":"games#roomClientAddress","xmppAddress":"ben@example.com"},"networkDiagnostics":{"androidNetworkType":0}}`},
	{route: "RoomsLeave", caller: "ana", params: "{{room1}}", body: `{"kind":"games#roomLeaveRequest","reason":"REALTIME_PEER_CONNECTION_FAILURE",
		"leaveDiagnostics":{"kind":"games#roomLeaveDiagnostics","androidNetworkType":1,"socketsUsed":true,"peerSession":[{"kind":"games#peerSessionDiagnostics",
		"participantId":"p_2","connectedTimestampMillis":"1700000000000","reliableChannel":{"kind":"games#peerChannelDiagnostics","numMessagesSent":3,
		"bytesSent":{"kind":"games#aggregateStats","count":"3","max":"10","min":"1","sum":"15"}},"unreliableChannel":{"numSendFailures":1}}]}}`},
	{route: "RoomsDecline", caller: "cal"},
	{route: "RoomsDismiss", caller: "ben"},
	{route: "RoomsList", caller: "ben", query: "maxResults=2"},
	{route: "RoomsList", caller: "cal", query: "maxResults=1&pageToken=" + pageToken(`{"t":"2026-01-01T00:00:00Z","id":"abc"}`)},
	{route: "RoomsReportStatus", caller: "ana", params: "{{room1}}", body: `{"kind":"games#roomP2PStatuses","updates":[{"kind":"games#roomP2PStatus",
		"participantId":"p_2","status":"CONNECTION_ESTABLISHED","connectionSetupLatencyMillis":40,"unreliableRoundtripLatencyMillis":12}]}`},
	{route: "RoomsReportStatus", caller: "ben", params: "{{room1}}", body: `{"updates":[{"participantId":"p_1","status":"CONNECTION_FAILED",
		"error":"P2P_FAILED","error_reason":"ice timeout"}]}`},

	{route: "TurnBasedMatchesCreate", caller: "ana", body: `{"kind":"games#turnBasedMatchCreateRequest","invitedPlayerIds":["{{ben}}","{{cal}}"],
		"variant":3,"requestId":"11"}`},
	{route: "TurnBasedMatchesCreate", caller: "cal", body: `{"autoMatchingCriteria":{"kind":"games#turnBasedAutoMatchingCriteria",
		"minAutoMatchingPlayers":1,"maxAutoMatchingPlayers":1,"exclusiveBitmask":"1"}}`},
	{route: "TurnBasedMatchesGet", caller: "ana", params: "{{match2}}", query: "includeMatchData=true"},
	{route: "TurnBasedMatchesJoin", caller: "ben", params: "{{match1}}"},
	{route: "TurnBasedMatchesDecline", caller: "ben", params: "{{match1}}"},
	{route: "TurnBasedMatchesDismiss", caller: "ben", params: "{{match1}}"},
	{route: "TurnBasedMatchesTakeTurn", caller: "ana", body: `{"kind":"games#turnBasedMatchTurn","matchVersion":1,"pendingParticipantId":"p_2",
		"data":{"kind":"games#turnBasedMatchDataRequest","data":"eyJib2FyZCI6WzAsMSwyXX0="}}`},
	{route: "TurnBasedMatchesTakeTurn", caller: "ben", params: "{{match2}}", body: `{"matchVersion":2,"pendingParticipantId":"p_1",
		"data":{"data":"bW92ZSAy"},"results":[{"kind":"games#participantResult","participantId":"p_1","placing":1,"result":"MATCH_RESULT_WIN"}]}`},
	{route: "TurnBasedMatchesLeaveTurn", caller: "ben", params: "{{match2}}", query: "matchVersion=2&pendingParticipantId=p_1"},
	{route: "TurnBasedMatchesLeave", caller: "ana", params: "{{match2}}"},
	{route: "TurnBasedMatchesFinish", caller: "ben", params: "{{match2}}", body: `{"kind":"games#turnBasedMatchResults","matchVersion":2,
		"data":{"data":"ZW5k"},"results":[{"participantId":"p_1","placing":2,"result":"MATCH_RESULT_LOSS"},{"participantId":"p_2","placing":1,"result":"MATCH_RESULT_WIN"}]}`},
	{route: "TurnBasedMatchesFinish", caller: "ana", params: "{{match3}}", body: `{"matchVersion":3,"results":[{"participantId":"p_1","placing":2,"result":"MATCH_RESULT_LOSS"}]}`},
	{route: "TurnBasedMatchesCancel", caller: "ana"},
	{route: "TurnBasedMatchesRematch", caller: "ben", params: "{{match3}}", query: "requestId=5"},
	{route: "TurnBasedMatchesList", caller: "ana", query: "maxResults=3&maxCompletedMatches=1&includeMatchData=true"},
	{route: "TurnBasedMatchesList", caller: "ben", query: "maxCompletedMatches=0&pageToken=" + pageToken(`{"p":"done","t":"2026-01-01T00:00:00Z","id":"abc","n":1}`)},
	{route: "TurnBasedMatchesSync", caller: "ben", query: "maxResults=3&maxCompletedMatches=2&includeMatchData=false"},
	{route: "TurnBasedMatchesSync", caller: "ana", query: "pageToken=" + pageToken(`{"t":"2026-01-01T00:00:00.123456Z","id":"abc"}`)},

	{route: "EventsRecord", caller: "ana", body: `{"kind":"games#eventRecordRequest","requestId":"{{now}}","currentTimeMillis":"{{now}}",
		"timePeriods":[{"kind":"games#eventPeriodUpdate","timePeriod":{"kind":"games#eventPeriodRange","periodStartMillis":"{{hourAgo}}",
		"periodEndMillis":"{{now}}"},"updates":[{"kind":"games#eventUpdateRequest","definitionId":"duels-played","updateCount":"2"},
		{"definitionId":"secret-room-found","updateCount":"1"}]}]}`},
	{route: "EventsListByPlayer", caller: "ana", query: "maxResults=2&pageToken=" + pageToken(`{"id":"duels-played"}`)},
	{route: "EventsListDefinitions", caller: "ben", query: "maxResults=2"},

	{route: "SessionsPut", caller: "cal", headers: "If-Match: *", body: `{"members":{"me":{"constants":{"system":{"xuid":"{{cal}}","initialize":true}},
		"properties":{"system":{"active":true},"custom":{"team":"blue"}}}},"properties":{"custom":{"level":2,"map":null}}}`},
	{route: "SessionsPut", caller: "ana", params: "{{scid}}/lobby/new-{{unique}}", headers: "If-None-Match: *", body: `{"constants":{"system":
		{"visibility":"open"},"custom":{"rules":"x"}},"members":{"me":{"properties":{"system":{"active":true}}}},
		"properties":{"system":{"keywords":["k"],"turn":[0]}}}`},
	{route: "SessionsPut", caller: "server", params: "{{scid}}/{{template1}}/{{session1}}", body: `{"members":{"1":{"properties":{"custom":{"score":3}}}},
		"servers":{"server":{"properties":{"system":{},"custom":{"load":1}}}},"roleTypes":{"lfg":{"roles":{"friend":{"max":2}}}}}`},
	{route: "SessionsGet", caller: "ben", params: "{{scid}}/{{template1}}/{{session1}}"},
	{route: "SessionsGet", caller: "ana", headers: "If-None-Match: \"x-1\"\nX-Xbl-Contract-Version: 104"},
	{route: "SessionsPutProperties", caller: "ana", body: `{"system":{"joinRestriction":"followed","turn":[0]},"custom":{"level":3}}`},
	{route: "SessionsLeave", caller: "ben", params: "{{scid}}/{{template1}}/{{session1}}"},
	{route: "SessionsRemoveMember", caller: "server", params: "{{scid}}/{{template1}}/{{session1}}/1"},
	{route: "SessionsRemoveServer", caller: "server", params: "{{scid}}/{{template1}}/{{session1}}/server"},
	{route: "SessionsQuery", caller: "ana", query: "xuid={{ana}}&private=true&reservations=true&inactive=true&take=10"},
	{route: "SessionsQuery", caller: "ben", query: "keyword=fuzz&visibility=open&take=5"},
	{route: "SessionsBatchQuery", caller: "ana", query: "private=true&reservations=true&inactive=true&take=10", body: `{"xuids":["{{ana}}"]}`},
	{route: "SessionsBatchQuery", caller: "ben", query: "keyword=fuzz&visibility=open&take=5", body: `{"xuids":["{{ana}}","{{ben}}","{{cal}}"]}`},
	{route: "SessionTemplatesList", caller: "ana"},
	{route: "SessionTemplatesGet", caller: "ana", params: "{{scid}}/{{template1}}"},
	{route: "SessionHandlesCreate", caller: "ana", body: `{"type":"invite","version":1,"sessionRef":{"scid":"{{scid}}","templateName":"lobby",
		"name":"{{session0}}"},"invitedXuid":"{{ben}}","inviteAttributes":{"titleId":"1234","context":"party","senderString":{"en":"hi"}}}`},
	{route: "SessionHandlesCreate", caller: "ana", body: `{"type":"transfer","version":1,"sessionRef":{"scid":"{{scid}}","templateName":"game",
		"name":"{{session1}}"},"originSessionRef":{"scid":"{{scid}}","templateName":"lobby","name":"{{session0}}"}}`},
	{route: "SessionHandlesCreate", caller: "ana", body: `{"type":"activity","version":1,"sessionRef":{"scid":"{{scid}}","templateName":"lobby","name":"{{session0}}"}}`},
	{route: "SessionHandlesQuery", caller: "ben", query: "include=relatedInfo,customProperties",
		body: `{"type":"activity","scid":"{{scid}}","owners":{"xuids":["{{ana}}","{{ben}}"]}}`},
	{route: "SessionHandlesCreate", caller: "ana", body: `{"type":"search","version":1,"sessionRef":{"scid":"{{scid}}","templateName":"lobby",
		"name":"{{session0}}"},"searchAttributes":{"tags":["casual"],"strings":{"map":"harbor"},"numbers":{"skill":12.5}}}`},
	{route: "SessionHandlesQuery", caller: "ben", body: `{"type":"search","scid":"{{scid}}","templateName":"lobby",
		"filter":"tags/any(d:tolower(d) eq 'casual') and numbers/skill ge 10 or tolower(strings/map) ne 'x'","orderBy":"numbers/skill desc","global":true}`},
	{route: "SessionHandlesGet", caller: "cal"},
	{route: "SessionHandlesDelete", caller: "ana"},
	{route: "SessionsGetByHandle", caller: "cal"},
	{route: "SessionsPutByHandle", caller: "cal", body: `{"members":{"me":{"properties":{"system":{"active":true}}}}}`},

	{route: "SignalsSend", caller: "ana", params: "{{room1}}", body: `{"kind":"openplay#signalRequest","to":"p_2","type":"offer","seq":1,"payload":"v=0\r\no=- 1 2 IN IP4 127.0.0.1"}`},
	{route: "SignalsList", caller: "ben", params: "{{room1}}", query: "maxResults=10&pageToken=" + pageToken(`{"t":"2026-01-01T00:00:00Z","id":"s"}`)},
	{route: "IceServersGet", caller: "cal"},
	{route: "NotificationsList", caller: "ana", query: "maxResults=5&pageToken=" + pageToken(`{"t":"2026-01-01T00:00:00Z","id":"n1"}`)},
	{route: "NotificationsAck", caller: "ana"},

	{route: "NotificationsRelay", caller: "nobody"},
	{route: "Sweep", caller: "nobody"},
	{route: "Matchmake", caller: "nobody"},
	{route: "NotificationsDeliverInvitations", caller: "nobody", body: pushBody([]byte(
		`{"id":"fuzz-invite","type":"ROOM_INVITATION","recipient":"fuzz-player","applicationId":"fuzz","roomId":"r1","version":"1","createdAt":"2026-01-01T00:00:00Z","senderName":"Ana"}`))},
	{route: "NotificationsDeliverTurns", caller: "nobody", body: pushBody([]byte(
		`{"id":"fuzz-turn","type":"MATCH_TURN","recipient":"fuzz-player","applicationId":"fuzz","matchId":"m1","version":"2","createdAt":"2026-01-01T00:00:00Z"}`))},
	{route: "NotificationsDeliverRoomUpdates", caller: "nobody", body: pushBody([]byte(
		`{"id":"fuzz-room","type":"ROOM_STATUS","recipient":"fuzz-player","applicationId":"fuzz","roomId":"r1","version":"3","createdAt":"2026-01-01T00:00:00Z"}`))},
	{route: "NotificationsDeliverSessionChanges", caller: "nobody", body: pushBody([]byte(
		`{"id":"fuzz-tap","type":"SESSION_CHANGE","recipient":"fuzz-player","applicationId":"fuzz","sessionRef":"s~t~n","branch":"b","changeTypes":["membersList"],"version":"4","createdAt":"2026-01-01T00:00:00Z"}`))},
}

// pageToken is a page token as the API makes them (base64 of a JSON cursor), for the fuzzer to
// mutate into ones it did not make.
func pageToken(cursor string) string { return base64.RawURLEncoding.EncodeToString([]byte(cursor)) }

// seeds are what the fuzzer starts from: the valid requests, every route with no body (so that
// a route nobody wrote a seed for is fuzzed too), and the official MPSD client's request and
// document vectors (shared/session/testdata) as session PUT bodies.
func seeds(t testing.TB, w *world) []seed {
	out := append([]seed(nil), valid...)
	for _, rt := range w.routes {
		out = append(out, seed{route: rt.Name, caller: "ana"})
	}
	// The MPSD vectors copied into this repository's session package (see its testdata README).
	raw, err := os.ReadFile(filepath.Join("..", "..", "shared", "session", "testdata", "Multiplayer.json"))
	require.NoError(t, err)
	var vectors map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &vectors))
	names := make([]string, 0, len(vectors))
	for name := range vectors {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		out = append(out, seed{route: "SessionsPut", caller: "ana", body: string(vectors[name])})
	}
	return out
}
