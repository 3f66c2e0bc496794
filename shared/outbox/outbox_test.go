package outbox_test

import (
	"testing"
	"time"

	"cloud.google.com/go/pubsub/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestDeliverLeavesFailedPublishesPending: when Pub/Sub refuses a notification after the state
// change committed, Deliver neither fails nor forgets: the record stays pending for the relay,
// and the notifications that did go out are marked sent (in the background, flushed here).
func TestDeliverLeavesFailedPublishesPending(t *testing.T) {
	svc := testenv.Service(t)
	invites := testenv.Subscribe(t, notification.TopicInvitations)
	id := ids.Random()
	now := svc.Time()
	_, _, notes, err := svc.Store.Rooms().Create(t.Context(), id, nil, func() (*room.Room, []notification.Notification, error) {
		r, notes, err := room.New(room.Create{Create: game.Create{ID: id, ApplicationID: "app",
			Creator: player.Profile{ID: "ana-" + id}, Invitees: []player.Profile{{ID: "ben-" + id}, {ID: "chloe-" + id}}}}, now)
		if err == nil {
			notes[1].Topic = "openplay-no-such-topic" // Pub/Sub will refuse this one
		}
		return r, notes, err
	})
	require.NoError(t, err, "Rooms().Create")
	require.Len(t, notes, 2, "Rooms().Create's notifications")

	svc.Outbox.Deliver(t.Context(), notes)
	require.NoError(t, svc.Outbox.FlushSentMarks(t.Context()))

	sent := testenv.OutboxRecord(t, svc.Store, notes[0].ID)
	require.True(t, sent.Sent, "published notification: %+v; want marked sent", sent)
	pending := testenv.OutboxRecord(t, svc.Store, notes[1].ID)
	require.False(t, pending.Sent, "refused notification: %+v; want left pending for the relay", pending)
	got := invites.Collect(func(m *pubsub.Message) bool { return m.Attributes["recipient"] == "ben-"+id }, 1, 10*time.Second)
	assert.Len(t, got, 1, "messages for Ben")
}

// TestCloseWritesTheQueuedSentMarks: marks are written off the request path, and an instance
// that shuts down cleanly writes those still queued before it releases its clients.
func TestCloseWritesTheQueuedSentMarks(t *testing.T) {
	svc := service.New(testenv.Config(t))
	require.NoError(t, emulator.EnsureTopics(t.Context(), svc.Publisher, notification.TopicInvitations))
	id := ids.Random()
	_, _, notes, err := svc.Store.Rooms().Create(t.Context(), id, nil, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{Create: game.Create{ID: id, ApplicationID: "app",
			Creator: player.Profile{ID: "ana-" + id}, Invitees: []player.Profile{{ID: "ben-" + id}}}}, svc.Time())
	})
	require.NoError(t, err, "Rooms().Create")
	require.Len(t, notes, 1, "Rooms().Create's notifications")

	svc.Outbox.Deliver(t.Context(), notes)
	require.NoError(t, svc.Close())

	check := testenv.Service(t)
	rec := testenv.OutboxRecord(t, check.Store, notes[0].ID)
	assert.True(t, rec.Sent, "after Close: %+v; want marked sent", rec)
}
