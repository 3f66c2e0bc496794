package outbox_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/testenv"
	"github.com/openplay-games/openplay/shared/testenv/faultproxy"
)

// TestDeliverKeepsToTheCallersDeadline: with Pub/Sub not answering, Deliver gives up at the
// earlier of PublishTimeout and the caller's deadline, and leaves the notification pending for
// the relay.
func TestDeliverKeepsToTheCallersDeadline(t *testing.T) {
	const deadline = time.Second
	proxy := faultproxy.Start(t, testenv.Config(t).PubSubEmulator)
	testenv.Service(t) // the topics exist
	t.Setenv("PUBSUB_EMULATOR_HOST", proxy.Addr())
	svc := service.New(testenv.Config(t)) // not closed: Close would wait for the held publish
	svc.Outbox.PublishTimeout = 10 * deadline
	id := ids.Random()
	_, _, notes, err := svc.Store.Rooms().Create(t.Context(), id, nil, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{Create: game.Create{ID: id, ApplicationID: "app",
			Creator: player.Profile{ID: "ana-" + id}, Invitees: []player.Profile{{ID: "ben-" + id}}}}, svc.Time())
	})
	require.NoError(t, err)
	require.Len(t, notes, 1)

	proxy.Stop()
	ctx, cancel := context.WithTimeout(t.Context(), deadline)
	defer cancel()
	start := time.Now()
	svc.Outbox.Deliver(ctx, notes)
	took := time.Since(start)

	// Waiting for PublishTimeout would take ten times the deadline; half of that is a clear
	// margin on a busy machine.
	assert.Less(t, took, 5*deadline, "Deliver returned %v after a %v deadline", took, deadline)
	rec := testenv.OutboxRecord(t, svc.Store, notes[0].ID)
	assert.False(t, rec.Sent, "left pending for the relay")
}
