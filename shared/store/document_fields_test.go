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
	"github.com/openplay-games/openplay/shared/ids"
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
	_, _, notes, err := s.CreateRoom(t.Context(), id, nil, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{ID: id, ApplicationID: "app", Creator: player.Profile{ID: "ana-" + id, DisplayName: "Ana"},
			Invitees: []player.Profile{{ID: "ben-" + id}}}, t0)
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
	_, _, notes, err := s.CreateRoom(t.Context(), id, inv, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{ID: id, ApplicationID: "app", Creator: player.Profile{ID: creator},
			Invitees: []player.Profile{{ID: invitee}}}, t0)
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
	require.NoError(t, s.PutSettings(t.Context(), appID, settings))
	nanos := func(d time.Duration) int64 { return int64(d) }
	tm, inv := settings.Timeouts, settings.Limits.Invitations
	assert.Equal(t, map[string]any{
		"timeouts": map[string]any{"turn": nanos(tm.Turn), "autoMatch": nanos(tm.AutoMatch), "invitation": nanos(tm.Invitation),
			"roomConnection": nanos(tm.RoomConnection)},
		"limits": map[string]any{"invitations": map[string]any{"window": nanos(inv.Window), "perSender": int64(inv.PerSender),
			"perSenderToOnePlayer": int64(inv.PerSenderToOnePlayer), "perRecipient": int64(inv.PerRecipient)}},
		"auth":     map[string]any{"checkRevoked": true},
		"realtime": map[string]any{"stun": []any{"stun:stun.example.com"}, "turn": []any{"turn:turn.example.com"}, "turnCredentialTTL": nanos(application.DefaultTURNCredentialTTL)},
	}, rawDoc(t, s, store.Applications+"/"+appID))
	got, err := s.Settings(t.Context(), appID)
	require.NoError(t, err)
	assert.Equal(t, settings, got)
}
