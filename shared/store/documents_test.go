package store

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/ratelimit"
	"github.com/openplay-games/openplay/shared/signal"
)

var docTime = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// requireFilled fails unless every field of v (a struct; nested structs, the elements of slices
// and maps and what pointers point to included) is set, so that a round trip of v proves that a
// conversion copies every field: a field added to a domain type and forgotten by its document
// fails here. unstored names the fields no document keeps, as "Type.Field".
func requireFilled(t *testing.T, v any, unstored ...string) {
	t.Helper()
	var walk func(path string, f reflect.Value)
	walk = func(path string, f reflect.Value) {
		switch {
		case f.Kind() == reflect.Struct && f.Type() != reflect.TypeFor[time.Time]():
			for i := range f.NumField() {
				if field := f.Type().Field(i); !slices.Contains(unstored, f.Type().Name()+"."+field.Name) {
					walk(path+"."+field.Name, f.Field(i))
				}
			}
			return
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct:
			require.NotZero(t, f.Len(), "%s is empty: the round trip would not test its elements", path)
			for i := range f.Len() {
				walk(fmt.Sprintf("%s[%d]", path, i), f.Index(i))
			}
			return
		case f.Kind() == reflect.Map:
			require.NotZero(t, f.Len(), "%s is empty: the round trip would not test its values", path)
			for it := f.MapRange(); it.Next(); {
				walk(fmt.Sprintf("%s[%v]", path, it.Key()), it.Value())
			}
			return
		case f.Kind() == reflect.Pointer && !f.IsNil():
			walk(path, f.Elem())
			return
		}
		require.False(t, f.IsZero(), "%s is not set: the round trip would not test it", path)
	}
	walk(reflect.TypeOf(v).Name(), reflect.ValueOf(v))
}

func fullNotification() notification.Notification {
	return notification.Notification{ID: "n1", Topic: notification.TopicSessionChanges, Type: notification.SessionChange,
		Recipient: "ben", ApplicationID: "app", RoomID: "r1", MatchID: "m1", SessionRef: "scid~tpl~name", Branch: "b",
		ChangeTypes: []string{"everything"}, Version: 7, CreatedAt: docTime, Text: "A session changed", SenderName: "Ana"}
}

func TestNotificationDocRoundTrip(t *testing.T) {
	n := fullNotification()
	requireFilled(t, n)
	assert.Equal(t, n, toNotificationDoc(n).notification())
}

func TestOutboxDocHoldsAPendingRecord(t *testing.T) {
	n := fullNotification()
	doc, ok := OutboxDocument(n).(outboxDoc)
	require.True(t, ok, "OutboxDocument makes an outbox document")
	assert.Equal(t, OutboxRecord{Notification: n}, doc.record(), "a new record is pending and unclaimed")

	rec := OutboxRecord{Notification: n, Sent: true, SentAt: docTime, ClaimedUntil: docTime.Add(time.Minute), ExpireAt: docTime.Add(time.Hour)}
	requireFilled(t, rec)
	doc.Sent, doc.SentAt, doc.ClaimedUntil, doc.ExpireAt = rec.Sent, rec.SentAt, rec.ClaimedUntil, rec.ExpireAt
	assert.Equal(t, rec, doc.record())
}

func TestInboxDocRoundTrip(t *testing.T) {
	e := InboxEntry{Notification: fullNotification(), DeliveredAt: docTime, Read: true, ReadAt: docTime.Add(time.Second), ExpireAt: docTime.Add(time.Hour)}
	requireFilled(t, e)
	assert.Equal(t, e, toInboxDoc(e).entry())
}

func TestSignalDocRoundTrip(t *testing.T) {
	sig := signal.Signal{ID: signal.DocID("r1", "p_1", 3), RoomID: "r1", From: "p_1", To: "p_2", Type: signal.Offer, Seq: 3,
		Payload: "v=0", SentAt: docTime, ExpireAt: docTime.Add(signal.Retention)}
	requireFilled(t, sig)
	d := toSignalDoc(sig)
	assert.True(t, d.SentAt.IsZero(), "the stored signal's time is the commit's, which Firestore stamps on a zero sentAt")
	d.SentAt = sig.SentAt
	assert.Equal(t, sig, d.signal())
}

func TestWindowDocsRoundTrip(t *testing.T) {
	r := ratelimit.Received{Window: ratelimit.Window{Start: docTime, Count: 3}, HeldBack: 2}
	requireFilled(t, r)
	d := toReceivedDoc(r, docTime.Add(time.Hour))
	assert.Equal(t, docTime.Add(time.Hour), d.ExpireAt)
	assert.Equal(t, r, d.received())
	assert.Equal(t, r.Window, toWindowDoc(r.Window).window())
}

func TestDefinitionDocRoundTrip(t *testing.T) {
	def := event.Definition{ID: "kills", DisplayName: "Kills", Description: "Foes beaten", ImageURL: "https://example.com/k.png",
		IsDefaultImageURL: true, Visibility: event.Hidden, ChildEvents: []string{"headshots"}, Ancestors: []string{"score"}}
	requireFilled(t, def)
	assert.Equal(t, def, toDefinitionDoc(def).definition())
}

func TestSettingsDocRoundTrip(t *testing.T) {
	s := application.Defaults
	s.Auth.CheckRevoked = true
	s.Realtime.STUN, s.Realtime.TURN = []string{"stun:stun.example.com"}, []string{"turn:turn.example.com"}
	s.CORS.AllowedOrigins = []string{"https://game.example.com"}
	requireFilled(t, s)
	assert.Equal(t, s, toSettingsDoc(s).settings())
}
