package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

var t0 = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func newRoom(t *testing.T, s *store.Store) *room.Room { return newRoomAt(t, s, t0) }

// newRoomAt stores a room made at, with one invitation waiting in the outbox.
func newRoomAt(t *testing.T, s *store.Store, at time.Time) *room.Room {
	t.Helper()
	id := ids.Random()
	r, created, notes, err := s.CreateRoom(t.Context(), id, nil, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{ID: id, ApplicationID: "app", Creator: player.Profile{ID: "ana-" + id},
			Invitees: []player.Profile{{ID: "ben-" + id}}}, at)
	})
	if err != nil || !created || len(notes) != 1 {
		t.Fatalf("CreateRoom: created %v, %d notes, %v", created, len(notes), err)
	}
	return r
}

// TestOutboxCommitsWithTheState shows the notification is stored with the state change, pending
// until someone publishes it: a process that dies right after commit loses nothing.
func TestOutboxCommitsWithTheState(t *testing.T) {
	s := store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _ = s.Close() })
	r := newRoom(t, s)
	id := "room~" + r.ID + "~invitation~p_2"
	rec := testenv.OutboxRecord(t, s, id)
	if rec.Sent || rec.Recipient != "ben-"+r.ID || rec.Topic != notification.TopicInvitations || !rec.CreatedAt.Equal(t0) {
		t.Fatalf("outbox record after commit: %+v; want it pending", rec)
	}
	if err := s.MarkSent(t.Context(), []string{id}, t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if rec = testenv.OutboxRecord(t, s, id); !rec.Sent || !rec.SentAt.Equal(t0.Add(time.Second)) {
		t.Fatalf("after MarkSent: %+v", rec)
	}
}

func TestCreateIsIdempotent(t *testing.T) {
	s := store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _ = s.Close() })
	r := newRoom(t, s)
	again, created, notes, err := s.CreateRoom(t.Context(), r.ID, nil, func() (*room.Room, []notification.Notification, error) {
		t.Error("build must not run when the room exists")
		return nil, nil, errors.New("unreachable")
	})
	if err != nil || created || len(notes) != 0 || again.ID != r.ID || again.Version != r.Version {
		t.Fatalf("second create: %+v created %v notes %d err %v", again, created, len(notes), err)
	}
}

func TestRefusedOrEmptyRuleWritesNothing(t *testing.T) {
	s := store.New(testenv.Config(t).ProjectID)
	t.Cleanup(func() { _ = s.Close() })
	r := newRoom(t, s)
	client, err := s.Client(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	updated := func() time.Time {
		snap, err := client.Collection(store.Rooms).Doc(r.ID).Get(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return snap.UpdateTime
	}
	before := updated()

	refused := errs.E(errs.Conflict, "roomId", "no")
	if _, _, err := s.UpdateRoom(t.Context(), r.ID, func(rm *room.Room) ([]notification.Notification, error) {
		rm.Participants = nil // a rule that fails must leave no trace, whatever it touched
		return nil, refused
	}); !errors.Is(err, refused) {
		t.Fatalf("refused rule: err %v", err)
	}
	got, _, err := s.UpdateRoom(t.Context(), r.ID, func(rm *room.Room) ([]notification.Notification, error) {
		return rm.Dismiss("nobody", t0) // not a participant: refused
	})
	if !errs.Is(err, errs.NotFound) || got != nil {
		t.Fatalf("stranger's rule: %v", err)
	}
	got, _, err = s.UpdateRoom(t.Context(), r.ID, func(rm *room.Room) ([]notification.Notification, error) {
		return nil, nil // changes nothing
	})
	if err != nil || got.Version != r.Version {
		t.Fatalf("empty rule: %+v, %v", got, err)
	}
	if after := updated(); !after.Equal(before) {
		t.Fatalf("document written (update time %v → %v) by rules that changed nothing", before, after)
	}
	if _, _, err := s.UpdateRoom(t.Context(), ids.Random(), nil); !errs.Is(err, errs.NotFound) {
		t.Fatalf("missing room: %v", err)
	}
}
