package store_test

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/ratelimit"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/signal"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// These tests write through the store and read the raw documents: their field names and shapes
// are what existing data, infra/firestore.indexes.json, infra/firestore.ttl.json, the security
// rules and the clients' Firestore listeners (clients/web) rely on, so they must not change.

// rawDoc reads the document at path as Firestore holds it.
func rawDoc(t *testing.T, s *store.Store, path string) map[string]any {
	t.Helper()
	client, err := s.Client(t.Context())
	require.NoError(t, err)
	snap, err := client.Doc(path).Get(t.Context())
	require.NoError(t, err, path)
	return snap.Data()
}

// assertFields checks that doc has every required field and no field but these and optional.
func assertFields(t *testing.T, doc map[string]any, required []string, optional ...string) {
	t.Helper()
	for _, f := range required {
		assert.Contains(t, doc, f, "field %q", f)
	}
	known := append(slices.Clone(required), optional...)
	for _, f := range slices.Sorted(maps.Keys(doc)) {
		assert.Contains(t, known, f, "unexpected field %q", f)
	}
}

// notificationFields are the fields a stored notification has (the first row always).
var notificationFields, notificationOptional = []string{"id", "topic", "type", "recipient", "applicationId", "version", "createdAt"},
	[]string{"roomId", "matchId", "sessionRef", "branch", "changeTypes", "text", "senderName"}

func someNotification(recipient string) notification.Notification {
	return notification.Notification{ID: "n-" + ids.Random(), Topic: notification.TopicInvitations, Type: notification.RoomInvitation,
		Recipient: recipient, ApplicationID: "app", RoomID: "r1", MatchID: "m1", SessionRef: "scid~tpl~name", Branch: "b",
		ChangeTypes: []string{"everything"}, Version: 7, CreatedAt: t0, Text: "You are invited", SenderName: "Ana"}
}

func TestInboxDocumentFields(t *testing.T) {
	s := testenv.Service(t).Store
	n := someNotification("ben-" + ids.Random())
	delivered, err := s.Deliver(t.Context(), n, t0.Add(time.Second))
	require.NoError(t, err)
	require.True(t, delivered)
	path := "players/" + store.PlayerDocID(n.Recipient) + "/inbox/" + n.ID
	doc := rawDoc(t, s, path)
	assertFields(t, doc, append(slices.Concat(notificationFields, notificationOptional), "deliveredAt", "read", "expireAt"))
	assert.Equal(t, map[string]any{"id": n.ID, "topic": n.Topic, "type": string(n.Type), "recipient": n.Recipient, "applicationId": "app",
		"roomId": "r1", "matchId": "m1", "sessionRef": "scid~tpl~name", "branch": "b", "changeTypes": []any{"everything"},
		"version": int64(7), "createdAt": t0, "text": "You are invited", "senderName": "Ana", "deliveredAt": t0.Add(time.Second),
		"read": false, "expireAt": t0.Add(time.Second + store.InboxRetention)}, doc)

	require.NoError(t, s.Ack(t.Context(), n.Recipient, n.ID, t0.Add(time.Minute)))
	doc = rawDoc(t, s, path)
	assert.Equal(t, true, doc["read"])
	assert.Equal(t, t0.Add(time.Minute), doc["readAt"])

	page, _, err := s.InboxPage(t.Context(), n.Recipient, 10, "")
	require.NoError(t, err)
	require.Len(t, page, 1)
	assert.Equal(t, store.InboxEntry{Notification: n, DeliveredAt: t0.Add(time.Second), Read: true, ReadAt: t0.Add(time.Minute),
		ExpireAt: t0.Add(time.Second + store.InboxRetention)}, *page[0])
}

func TestOutboxDocumentFields(t *testing.T) {
	s := testenv.Service(t).Store
	id := ids.Random()
	_, _, notes, err := s.Rooms().Create(t.Context(), id, nil, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{Create: game.Create{ID: id, ApplicationID: "app",
			Creator:  player.Profile{ID: "ana-" + id, DisplayName: "Ana"},
			Invitees: []player.Profile{{ID: "ben-" + id}}}}, t0)
	})
	require.NoError(t, err)
	require.Len(t, notes, 1)
	path := store.Outbox + "/" + notes[0].ID
	delivery := []string{"sentAt", "claimedUntil", "expireAt"}
	doc := rawDoc(t, s, path)
	assertFields(t, doc, append(slices.Clone(notificationFields), "roomId", "sent"), slices.Concat(notificationOptional, delivery)...)
	assert.Equal(t, false, doc["sent"])
	assert.Equal(t, notes[0].ID, doc["id"])
	assert.Equal(t, "ben-"+id, doc["recipient"])
	assert.Equal(t, id, doc["roomId"])
	assert.Equal(t, t0, doc["createdAt"])

	require.NoError(t, s.MarkSent(t.Context(), []string{notes[0].ID}, t0.Add(time.Second)))
	doc = rawDoc(t, s, path)
	assert.Equal(t, true, doc["sent"])
	assert.Equal(t, t0.Add(time.Second), doc["sentAt"])
	assert.Equal(t, t0.Add(time.Second+store.OutboxRetention), doc["expireAt"])

	rec := testenv.OutboxRecord(t, s, notes[0].ID)
	assert.Equal(t, store.OutboxRecord{Notification: notes[0], Sent: true, SentAt: t0.Add(time.Second),
		ExpireAt: t0.Add(time.Second + store.OutboxRetention)}, *rec)
}

func TestSignalDocumentFields(t *testing.T) {
	s := testenv.Service(t).Store
	recipient, roomID := "ben-"+ids.Random(), ids.Random()
	now := time.Now().UTC().Truncate(time.Microsecond)
	sig := signal.Signal{ID: signal.DocID(roomID, "p_1", 1), RoomID: roomID, From: "p_1", To: "p_2", Type: signal.Offer, Seq: 1,
		Payload: "v=0", ExpireAt: now.Add(signal.Retention)}
	require.NoError(t, s.PutSignal(t.Context(), recipient, sig))
	doc := rawDoc(t, s, "players/"+store.PlayerDocID(recipient)+"/signals/"+sig.ID)
	require.IsType(t, time.Time{}, doc["sentAt"], "Firestore stamps sentAt at commit")
	sentAt := doc["sentAt"].(time.Time)
	assert.False(t, sentAt.IsZero())
	assert.Equal(t, map[string]any{"id": sig.ID, "roomId": roomID, "from": "p_1", "to": "p_2", "type": "offer", "seq": int64(1),
		"payload": "v=0", "sentAt": sentAt, "expireAt": sig.ExpireAt}, doc)

	page, _, err := s.SignalsPage(t.Context(), recipient, roomID, 10, "", now)
	require.NoError(t, err)
	require.Len(t, page, 1)
	sig.SentAt = sentAt
	assert.Equal(t, sig, *page[0])
}

func TestInvitationWindowDocumentFields(t *testing.T) {
	s := testenv.Service(t).Store
	lim := application.Defaults.Limits.Invitations
	id := ids.Random()
	creator, invitee := "ana-"+id, "ben-"+id
	inv := &ratelimit.Invitations{Sender: creator, To: []string{invitee}, Field: "invitedPlayerIds", Limits: lim, Now: t0}
	_, _, notes, err := s.Rooms().Create(t.Context(), id, inv, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{Create: game.Create{ID: id, ApplicationID: "app",
			Creator: player.Profile{ID: creator}, Invitees: []player.Profile{{ID: invitee}}}}, t0)
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"window": map[string]any{"start": t0, "count": int64(1)},
		"to": []any{map[string]any{"player": invitee, "count": int64(1)}}, "expireAt": t0.Add(lim.Window)},
		rawDoc(t, s, "players/"+store.PlayerDocID(creator)+"/state/invitationsSent"))

	got, err := s.DeliverInvitation(t.Context(), notes[0], lim, t0.Add(time.Second))
	require.NoError(t, err)
	require.Equal(t, store.Delivered, got)
	assert.Equal(t, map[string]any{"window": map[string]any{"start": t0.Add(time.Second), "count": int64(1)}, "heldBack": int64(0),
		"expireAt": t0.Add(time.Second + lim.Window)}, rawDoc(t, s, "players/"+store.PlayerDocID(invitee)+"/state/invitationsReceived"))
}

func TestEventDocumentFields(t *testing.T) {
	s := testenv.Service(t).Store
	def := event.Definition{ID: "fields-" + ids.Random()[:20], DisplayName: "Kills", Description: "Foes beaten",
		ImageURL: "https://example.com/k.png", IsDefaultImageURL: true, Visibility: event.Hidden, ChildEvents: []string{"headshots"},
		Ancestors: []string{"score"}}
	require.NoError(t, s.WriteDefinitions(t.Context(), []event.Definition{def}, nil))
	t.Cleanup(func() { _ = s.WriteDefinitions(context.Background(), nil, []string{def.ID}) })
	assert.Equal(t, map[string]any{"id": def.ID, "displayName": "Kills", "description": "Foes beaten", "imageUrl": "https://example.com/k.png",
		"isDefaultImageUrl": true, "visibility": "HIDDEN", "childEvents": []any{"headshots"}, "ancestors": []any{"score"}},
		rawDoc(t, s, "eventDefinitions/"+def.ID))
	got, err := s.Definitions(t.Context(), []string{def.ID})
	require.NoError(t, err)
	assert.Equal(t, map[string]event.Definition{def.ID: def}, got)

	playerID := "ana-" + ids.Random()
	now := time.Now().UTC().Truncate(time.Microsecond)
	plain := event.Definition{ID: "coins", DisplayName: "Coins"}
	_, err = s.RecordEvents(t.Context(), playerID, event.Record{Periods: []event.PeriodUpdates{{
		Period:  event.Period{StartMillis: now.Add(-2 * time.Minute).UnixMilli(), EndMillis: now.Add(-time.Minute).UnixMilli()},
		Updates: []event.Update{{DefinitionID: "coins", Count: 3, CountOK: true}}}}},
		map[string]event.Definition{"coins": plain}, event.DefaultLimits, now)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"counters": map[string]any{"coins": map[string]any{"numEvents": int64(3), "updatedAt": now}},
		"rate": map[string]any{"start": now, "count": int64(1)}}, rawDoc(t, s, "players/"+store.PlayerDocID(playerID)+"/state/events"))
}

func TestSettingsDocumentFields(t *testing.T) {
	s := testenv.Service(t).Store
	appID := "fields-" + ids.Random()
	settings := application.Defaults
	settings.Auth.CheckRevoked = true
	settings.Realtime.STUN, settings.Realtime.TURN = []string{"stun:stun.example.com"}, []string{"turn:turn.example.com"}
	settings.CORS.AllowedOrigins = []string{"https://game.example.com"}
	require.NoError(t, s.PutSettings(t.Context(), appID, settings))
	nanos := func(d time.Duration) int64 { return int64(d) }
	tm, inv := settings.Timeouts, settings.Limits.Invitations
	assert.Equal(t, map[string]any{
		"timeouts": map[string]any{"turn": nanos(tm.Turn), "autoMatch": nanos(tm.AutoMatch), "invitation": nanos(tm.Invitation),
			"roomConnection": nanos(tm.RoomConnection), "unreachable": nanos(tm.Unreachable)},
		"limits": map[string]any{"invitations": map[string]any{"window": nanos(inv.Window), "perSender": int64(inv.PerSender),
			"perSenderToOnePlayer": int64(inv.PerSenderToOnePlayer), "perRecipient": int64(inv.PerRecipient)}},
		"auth":     map[string]any{"checkRevoked": true},
		"realtime": map[string]any{"stun": []any{"stun:stun.example.com"}, "turn": []any{"turn:turn.example.com"}, "turnCredentialTTL": nanos(application.DefaultTURNCredentialTTL)},
		"cors":     map[string]any{"allowedOrigins": []any{"https://game.example.com"}},
	}, rawDoc(t, s, store.Applications+"/"+appID))
	got, err := s.Settings(t.Context(), appID)
	require.NoError(t, err)
	assert.Equal(t, settings, got)
}

func i32(v int32) *int32 { return &v }

// storedTimeouts are the application's default timeouts as a game stores its copy.
func storedTimeouts() map[string]any {
	tm := application.Defaults.Timeouts
	return map[string]any{"turn": int64(tm.Turn), "autoMatch": int64(tm.AutoMatch), "invitation": int64(tm.Invitation),
		"roomConnection": int64(tm.RoomConnection), "unreachable": int64(tm.Unreachable)}
}

func TestRoomDocumentFields(t *testing.T) {
	s := testenv.Service(t).Store
	id := ids.Random()
	since, filled, unreachable := t0.Add(time.Minute), t0.Add(2*time.Minute), t0.Add(25*time.Hour)
	r := &room.Room{ID: id, ApplicationID: "app", Status: room.Connecting, Version: 4, Variant: i32(2),
		AutoMatching: &game.AutoMatch{Min: 1, Max: 2, ExclusiveBitmask: 3}, OpenSlots: 1,
		Participants: []room.Participant{
			{ID: "p_1", Player: player.Profile{ID: "ana", DisplayName: "Ana", AvatarURL: "https://example.com/a.png"}, Status: room.Joined,
				InviterID: "p_2", AutoMatched: true, Capabilities: []string{"voice"}, XMPPAddress: "ana@x", LeaveReason: room.PlayerLeft,
				Dismissed: true, Connected: true, Peers: map[string]room.PeerReport{"p_2": {Status: room.ConnectionFailed, Error: "e",
					ErrorReason: "why", ConnectionSetupLatencyMillis: i32(40), UnreliableRoundtripLatencyMillis: i32(20)}, "p_3": {Status: room.ConnectionEstablished}},
				NetworkDiagnostics: "{}", LeaveDiagnostics: "[]", ExclusiveBitmask: 1, MovedTo: "r2", UnreachableSince: &unreachable},
			{ID: "p_2", Player: player.Profile{ID: "ben"}, Status: room.Invited}},
		Created: room.Modification{ParticipantID: "p_1", At: t0}, LastUpdate: room.Modification{ParticipantID: "p_2", At: t0.Add(time.Second)},
		NextParticipant: 3, Timeouts: application.Defaults.Timeouts,
		ConnectingSince: &since, WasActive: true, Seed: true,
		WaitEstimateSeconds: i32(30), FilledAt: &filled, WaitSeconds: 120, MergedInto: "r3"}
	_, _, _, err := s.Rooms().Create(t.Context(), id, nil, func() (*room.Room, []notification.Notification, error) { return r, nil, nil })
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"id": id, "applicationId": "app", "status": "ROOM_CONNECTING", "version": int64(4), "variant": int64(2),
		"autoMatching": map[string]any{"min": int64(1), "max": int64(2), "exclusiveBitmask": int64(3)}, "openSlots": int64(1),
		"participants": []any{
			map[string]any{"id": "p_1", "player": map[string]any{"id": "ana", "displayName": "Ana", "avatarUrl": "https://example.com/a.png"},
				"status": "PARTICIPANT_JOINED", "inviterId": "p_2", "autoMatched": true, "capabilities": []any{"voice"}, "xmppAddress": "ana@x",
				"leaveReason": "PLAYER_LEFT", "dismissed": true, "connected": true, "peers": map[string]any{
					"p_2": map[string]any{"status": "CONNECTION_FAILED", "error": "e", "errorReason": "why",
						"connectionSetupLatencyMillis": int64(40), "unreliableRoundtripLatencyMillis": int64(20)},
					"p_3": map[string]any{"status": "CONNECTION_ESTABLISHED"}},
				"networkDiagnostics": "{}", "leaveDiagnostics": "[]", "exclusiveBitmask": int64(1), "movedTo": "r2",
				"unreachableSince": unreachable},
			map[string]any{"id": "p_2", "player": map[string]any{"id": "ben"}, "status": "PARTICIPANT_INVITED"}},
		"created": map[string]any{"participantId": "p_1", "at": t0}, "lastUpdate": map[string]any{"participantId": "p_2", "at": t0.Add(time.Second)},
		"invitees": []any{"ben"}, "nextParticipant": int64(3), "timeouts": storedTimeouts(),
		// Written from the room's rules: Ben's invitation is pending while Ana is in the room; its
		// auto-match timer runs out first (Ana's unreachable timer an hour later); Ana, Ben and the
		// open slot make a room of 3; it takes a player; at version 4 it is no seed to merge.
		"deadline":        t0.Add(application.Defaults.Timeouts.AutoMatch),
		"connectingSince": since, "wasActive": true, "pool": "app~2~3", "seeking": true, "seed": true,
		"waitEstimateSeconds": int64(30), "filledAt": filled, "waitSeconds": int64(120), "mergedInto": "r3"},
		rawDoc(t, s, store.Rooms+"/"+id))
	got, err := s.Rooms().Get(t.Context(), id)
	require.NoError(t, err)
	assert.Equal(t, r, got)

	// What a new room leaves unset is stored as null, or left out where it is optional.
	bare := ids.Random()
	_, _, _, err = s.Rooms().Create(t.Context(), bare, nil, func() (*room.Room, []notification.Notification, error) {
		return &room.Room{ID: bare}, nil, nil
	})
	require.NoError(t, err)
	doc := rawDoc(t, s, store.Rooms+"/"+bare)
	assert.NotContains(t, doc, "mergedInto")
	for _, f := range []string{"variant", "autoMatching", "participants", "invitees", "deadline", "connectingSince", "waitEstimateSeconds", "filledAt"} {
		assert.Contains(t, doc, f)
		assert.Nil(t, doc[f], f)
	}
}

func TestMatchDocumentFields(t *testing.T) {
	s := testenv.Service(t).Store
	id := ids.Random()
	m := &match.Match{ID: id, ApplicationID: "app", Status: match.Active, Version: 5, Revision: 9, Number: 2, Variant: i32(1),
		AutoMatching: &game.AutoMatch{Min: 1, Max: 1, ExclusiveBitmask: 2}, OpenSlots: 1,
		Participants: []match.Participant{
			{ID: "p_1", Player: player.Profile{ID: "ana", DisplayName: "Ana", AvatarURL: "https://example.com/a.png"}, Status: match.Joined,
				InviterID: "p_2", AutoMatched: true, Dismissed: true, InvitedAt: t0, ExclusiveBitmask: 2, Waiting: true},
			{ID: "p_2", Player: player.Profile{ID: "ben"}, Status: match.Invited, InvitedAt: t0}},
		PendingParticipantID: "p_1", Data: []byte("state"), HasData: true, PreviousData: []byte("before"), HasPreviousData: true,
		Results: []match.Result{{ParticipantID: "p_1", Placing: i32(1), Outcome: match.Win}, {ParticipantID: "p_2", Outcome: match.Loss}},
		Created: match.Modification{ParticipantID: "p_1", At: t0}, LastUpdate: match.Modification{ParticipantID: "p_2", At: t0.Add(time.Second)},
		RematchID: "m2", NextParticipant: 3,
		Timeouts: application.Defaults.Timeouts, TurnSince: t0.Add(2 * time.Second), Seed: true, MergedInto: "m3"}
	_, _, _, err := s.Matches().Create(t.Context(), id, nil, func() (*match.Match, []notification.Notification, error) { return m, nil, nil })
	require.NoError(t, err)
	doc := rawDoc(t, s, store.Matches+"/"+id)
	require.IsType(t, time.Time{}, doc["syncAt"], "Firestore stamps syncAt at commit")
	syncAt := doc["syncAt"].(time.Time)
	assert.False(t, syncAt.IsZero())
	assert.Equal(t, map[string]any{"id": id, "applicationId": "app", "status": string(match.Active), "version": int64(5), "revision": int64(9),
		"number": int64(2), "variant": int64(1), "autoMatching": map[string]any{"min": int64(1), "max": int64(1), "exclusiveBitmask": int64(2)},
		"openSlots": int64(1),
		"participants": []any{
			map[string]any{"id": "p_1", "player": map[string]any{"id": "ana", "displayName": "Ana", "avatarUrl": "https://example.com/a.png"},
				"status": string(match.Joined), "inviterId": "p_2", "autoMatched": true, "dismissed": true, "invitedAt": t0,
				"exclusiveBitmask": int64(2), "waiting": true},
			map[string]any{"id": "p_2", "player": map[string]any{"id": "ben"}, "status": string(match.Invited), "invitedAt": t0}},
		"pendingParticipantId": "p_1", "data": []byte("state"), "hasData": true, "previousData": []byte("before"), "hasPreviousData": true,
		"results": []any{map[string]any{"participantId": "p_1", "placing": int64(1), "outcome": string(match.Win)},
			map[string]any{"participantId": "p_2", "placing": nil, "outcome": string(match.Loss)}},
		"created": map[string]any{"participantId": "p_1", "at": t0}, "lastUpdate": map[string]any{"participantId": "p_2", "at": t0.Add(time.Second)},
		"rematchId": "m2", "syncAt": syncAt, "nextParticipant": int64(3),
		"timeouts": storedTimeouts(), "turnSince": t0.Add(2 * time.Second),
		// Written from the match's rules: both players see it, and Ana, who dismissed it, has it
		// no longer listed; it is open and takes a player into a match of 3; its auto-match timer
		// runs out first; with a turn taken it is no seed to merge.
		"players": []any{"ana", "ben"}, "listed": []any{"ben"}, "open": true, "seeking": true, "pool": "app~1~3",
		"deadline": t0.Add(application.Defaults.Timeouts.AutoMatch),
		"seed":     true, "mergedInto": "m3"}, doc)
	got, err := s.Matches().Get(t.Context(), id)
	require.NoError(t, err)
	assert.Equal(t, m, got)
}

// TestGameTimeoutsWrittenUntaggedStillRead: games stored while application.Timeouts had no
// firestore tags hold their timeouts under the Go field names; they read as before.
func TestGameTimeoutsWrittenUntaggedStillRead(t *testing.T) {
	s := testenv.Service(t).Store
	client, err := s.Client(t.Context())
	require.NoError(t, err)
	tm := application.Defaults.Timeouts
	tm.Unreachable = 0 // not a setting yet when games were written so
	untagged := map[string]any{"Turn": tm.Turn, "AutoMatch": tm.AutoMatch, "Invitation": tm.Invitation, "RoomConnection": tm.RoomConnection}
	roomID, matchID := ids.Random(), ids.Random()
	_, err = client.Collection(store.Rooms).Doc(roomID).Set(t.Context(), map[string]any{"id": roomID, "timeouts": untagged})
	require.NoError(t, err)
	_, err = client.Collection(store.Matches).Doc(matchID).Set(t.Context(), map[string]any{"id": matchID, "timeouts": untagged})
	require.NoError(t, err)
	r, err := s.Rooms().Get(t.Context(), roomID)
	require.NoError(t, err)
	assert.Equal(t, tm, r.Timeouts)
	m, err := s.Matches().Get(t.Context(), matchID)
	require.NoError(t, err)
	assert.Equal(t, tm, m.Timeouts)
}
