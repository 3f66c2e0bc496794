package service_test

import (
	"testing"
	"time"

	"cloud.google.com/go/pubsub/v2"

	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestDeliverLeavesFailedPublishesPending: when Pub/Sub refuses a notification after the state
// change committed, Deliver neither fails nor forgets: the record stays pending for the relay,
// and the notifications that did go out are marked sent.
func TestDeliverLeavesFailedPublishesPending(t *testing.T) {
	svc := testenv.Service(t)
	invites := testenv.Subscribe(t, notification.TopicInvitations)
	id := ids.Random()
	now := svc.Time()
	_, _, notes, err := svc.Store.CreateRoom(t.Context(), id, func() (*room.Room, []notification.Notification, error) {
		r, notes, err := room.New(room.Create{ID: id, ApplicationID: "app", Creator: player.Profile{ID: "ana-" + id},
			Invitees: []player.Profile{{ID: "ben-" + id}, {ID: "chloe-" + id}}}, now)
		if err == nil {
			notes[1].Topic = "openplay-no-such-topic" // Pub/Sub will refuse this one
		}
		return r, notes, err
	})
	if err != nil || len(notes) != 2 {
		t.Fatalf("CreateRoom: %d notes, %v", len(notes), err)
	}

	svc.Deliver(t.Context(), notes)

	sent, err := svc.Store.OutboxRecordByID(t.Context(), notes[0].ID)
	if err != nil || !sent.Sent {
		t.Fatalf("published notification: %+v, %v; want marked sent", sent, err)
	}
	pending, err := svc.Store.OutboxRecordByID(t.Context(), notes[1].ID)
	if err != nil || pending.Sent {
		t.Fatalf("refused notification: %+v, %v; want left pending for the relay", pending, err)
	}
	got := invites.Collect(func(m *pubsub.Message) bool { return m.Attributes["recipient"] == "ben-"+id }, 1, 10*time.Second)
	if len(got) != 1 {
		t.Fatalf("%d messages for Ben, want 1", len(got))
	}
}
