package notifications_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/functions/notifications"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/testenv"
)

type api struct {
	*testenv.API
	svc *service.Service
}

// newAPI serves the route table, with push subscriptions from every topic to its consumer here,
// as the dev server does.
func newAPI(t *testing.T, svc *service.Service) *api {
	a := &api{API: testenv.NewAPI(t, functions.Handler(svc, functions.Routes(svc)...)), svc: svc}
	for _, r := range functions.Routes(svc) {
		if r.Trigger == functions.PubSub {
			name := "test-" + ids.Random()[:10]
			if err := svc.Publisher.PushTo(t.Context(), name, r.Topic, a.URL+r.Path); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = svc.Publisher.DeleteSubscription(context.Background(), name) })
		}
	}
	return a
}

func (a *api) inbox(p testenv.Player) []notifications.Notification {
	a.T.Helper()
	var list notifications.NotificationList
	a.OK(p, http.MethodGet, "/openplay/v1/notifications", nil, &list)
	return list.Items
}

// waitForInbox polls p's inbox until it holds want notifications (or fails after 15 s), then
// checks a moment longer that no more arrive.
func (a *api) waitForInbox(p testenv.Player, want int) []notifications.Notification {
	a.T.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		items := a.inbox(p)
		if len(items) >= want || time.Now().After(deadline) {
			time.Sleep(500 * time.Millisecond)
			if items = a.inbox(p); len(items) != want {
				a.T.Fatalf("%s's inbox holds %d notifications, want %d: %+v", p.Name, len(items), want, items)
			}
			return items
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// relayEpoch is the clock of the services here that run the relay with no grace period: years
// before any other test's records, so a pass claims only records these tests made. Other
// packages run at the same time on the same emulators, and a record of theirs claimed before
// its request marked it sent would be published twice.
var relayEpoch = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)

// at sets svc's clock to t.
func at(svc *service.Service, t time.Time) *service.Service {
	svc.Now = func() time.Time { return t }
	return svc
}

// roomBehindTheOutbox commits a room with its invitation as a request would, but publishes
// nothing: what a process that died right after commit leaves behind.
func roomBehindTheOutbox(t *testing.T, svc *service.Service, creator, invitee testenv.Player) notification.Notification {
	t.Helper()
	id := ids.Random()
	_, _, notes, err := svc.Store.CreateRoom(t.Context(), id, nil, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{ID: id, ApplicationID: "app", Creator: player.Profile{ID: creator.ID, DisplayName: creator.Name},
			Invitees: []player.Profile{{ID: invitee.ID, DisplayName: invitee.Name}}}, svc.Time().Add(-time.Minute))
	})
	if err != nil || len(notes) != 1 {
		t.Fatalf("create: %d notes, %v", len(notes), err)
	}
	return notes[0]
}

func TestRelayDeliversWhatACrashLeftInTheOutbox(t *testing.T) {
	svc := at(testenv.Service(t), relayEpoch)
	a := newAPI(t, svc)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	n := roomBehindTheOutbox(t, svc, ana, ben)
	if len(a.inbox(ben)) != 0 {
		t.Fatal("nothing was published yet")
	}
	if _, err := svc.Relay(t.Context(), 0); err != nil {
		t.Fatal(err)
	}
	items := a.waitForInbox(ben, 1)
	if items[0].ID != n.ID || items[0].Type != "ROOM_INVITATION" || items[0].Read || items[0].Kind != "openplay#notification" {
		t.Fatalf("inbox: %+v", items)
	}
	rec, err := svc.Store.OutboxRecordByID(t.Context(), n.ID)
	if err != nil || !rec.Sent || rec.ExpireAt.Before(rec.SentAt) {
		t.Fatalf("outbox after the relay: %+v, %v", rec, err)
	}
	if _, err := svc.Relay(t.Context(), 0); err != nil { // a second pass finds nothing to do for it
		t.Fatal(err)
	}
	a.waitForInbox(ben, 1)

	status, _ := a.Do(ben.Token, http.MethodPost, "/openplay/v1/notifications/"+n.ID+"/ack", nil)
	status2, _ := a.Do(ben.Token, http.MethodPost, "/openplay/v1/notifications/"+n.ID+"/ack", nil)
	if status != http.StatusNoContent || status2 != http.StatusNoContent || !a.inbox(ben)[0].Read {
		t.Fatalf("ack: %d, again %d", status, status2)
	}
	a.Fails(ana.Token, http.MethodPost, "/openplay/v1/notifications/"+n.ID+"/ack", nil, http.StatusNotFound, "no notification")
}

func TestRedeliveryMakesOneInboxEntry(t *testing.T) {
	svc := testenv.Service(t)
	a := newAPI(t, svc)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	n := roomBehindTheOutbox(t, svc, ana, ben)
	data, _ := json.Marshal(n)
	push := map[string]any{"message": map[string]any{"data": data, "messageId": "1", "attributes": map[string]string{"id": n.ID}},
		"subscription": "projects/p/subscriptions/s"}
	for range 3 {
		if status, raw := a.Do("", http.MethodPost, "/operations/notifications/deliver/invitations", push); status != http.StatusNoContent {
			t.Fatalf("push: %d %s", status, raw)
		}
	}
	a.waitForInbox(ben, 1)
	if status, _ := a.Do("", http.MethodPost, "/operations/notifications/deliver/invitations", `{"message": {"data": "bm90IGpzb24="}}`); status != http.StatusNoContent {
		t.Fatalf("a message that is no notification is acknowledged and dropped: %d", status)
	}
}

// TestPubSubDownAtRequestTime: the player's call succeeds with Pub/Sub unreachable; the
// notification waits in the outbox and goes out once Pub/Sub is back.
func TestPubSubDownAtRequestTime(t *testing.T) {
	good := at(testenv.Service(t), relayEpoch.Add(time.Minute))
	a := newAPI(t, good)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")

	t.Setenv("PUBSUB_EMULATOR_HOST", "127.0.0.1:9") // nothing listens there
	down := at(service.New(testenv.Config(t)), relayEpoch)
	down.PublishTimeout = time.Second // not closed: Close would wait out the Pub/Sub client's own retries

	var created struct{ RoomID string }
	testenv.NewAPI(t, functions.Handler(down, functions.Routes(down)...)).OK(ana, http.MethodPost, "/games/v1/rooms/create",
		map[string]any{"invitedPlayerIds": []string{ben.ID}}, &created)
	id := "room~" + created.RoomID + "~invitation~p_2"
	if rec, err := good.Store.OutboxRecordByID(t.Context(), id); err != nil || rec.Sent {
		t.Fatalf("with Pub/Sub down the invitation waits: %+v, %v", rec, err)
	}
	if _, err := good.Relay(t.Context(), 0); err != nil {
		t.Fatal(err)
	}
	if items := a.waitForInbox(ben, 1); items[0].ID != id {
		t.Fatalf("inbox: %+v", items)
	}
}

// TestOrderAndDismissal: a recipient's notifications carry the version of the match they
// describe (inbox newest first); a notification about a match the recipient dismissed is dropped.
func TestOrderAndDismissal(t *testing.T) {
	svc := testenv.Service(t)
	a := newAPI(t, svc)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	var m struct {
		MatchID      string
		MatchVersion int
	}
	a.OK(ana, http.MethodPost, "/games/v1/turnbasedmatches/create", map[string]any{"invitedPlayerIds": []string{ben.ID}}, &m)
	a.OK(ana, http.MethodPut, "/games/v1/turnbasedmatches/"+m.MatchID+"/turn", map[string]any{"matchVersion": m.MatchVersion, "pendingParticipantId": "p_2"}, &m)
	a.OK(ben, http.MethodPut, "/games/v1/turnbasedmatches/"+m.MatchID+"/join", nil, nil)
	a.OK(ben, http.MethodPut, "/games/v1/turnbasedmatches/"+m.MatchID+"/turn", map[string]any{"matchVersion": m.MatchVersion, "pendingParticipantId": "p_1"}, &m)
	a.OK(ana, http.MethodPut, "/games/v1/turnbasedmatches/"+m.MatchID+"/turn", map[string]any{"matchVersion": m.MatchVersion, "pendingParticipantId": "p_2"}, &m)
	items := a.waitForInbox(ben, 2)
	if items[0].Type != "MATCH_TURN" || items[1].Type != "MATCH_INVITATION" || items[0].Version <= items[1].Version || items[0].MatchID != m.MatchID {
		t.Fatalf("Ben's inbox, newest first: %+v", items)
	}

	if status, _ := a.Do(ben.Token, http.MethodPut, "/games/v1/turnbasedmatches/"+m.MatchID+"/dismiss", nil); status != http.StatusNoContent {
		t.Fatal("dismiss")
	}
	late := notification.Notification{ID: "match~" + m.MatchID + "~late", Topic: notification.TopicTurns, Type: notification.MatchTurn,
		Recipient: ben.ID, MatchID: m.MatchID, Version: 99, CreatedAt: time.Now()}
	data, _ := json.Marshal(late)
	if status, _ := a.Do("", http.MethodPost, "/operations/notifications/deliver/turns", map[string]any{"message": map[string]any{"data": data}}); status != http.StatusNoContent {
		t.Fatal("push")
	}
	a.waitForInbox(ben, 2)
}

// TestInboxPages: the inbox API pages newest first with a token, every notification on exactly
// one page; a forged token is a 400 naming it.
func TestInboxPages(t *testing.T) {
	svc := testenv.Service(t)
	a := newAPI(t, svc)
	ben := testenv.NewPlayer(t, "Ben")
	start := time.Now().UTC().Truncate(time.Millisecond)
	var want []string // newest first
	for i := range 5 {
		n := notification.Notification{ID: "room~" + ids.Random() + "~invitation", Topic: notification.TopicInvitations,
			Type: notification.RoomInvitation, Recipient: ben.ID, RoomID: ids.Random(), Version: 1, CreatedAt: start.Add(time.Duration(i) * time.Second)}
		if _, err := svc.Store.Deliver(t.Context(), n, time.Now()); err != nil {
			t.Fatal(err)
		}
		want = append([]string{n.ID}, want...)
	}
	var got []string
	token := ""
	for pages := 1; ; pages++ {
		var page notifications.NotificationList
		a.OK(ben, http.MethodGet, "/openplay/v1/notifications?maxResults=2&pageToken="+token, nil, &page)
		for _, n := range page.Items {
			got = append(got, n.ID)
		}
		if token = page.NextPageToken; token == "" {
			break
		}
		if pages == 3 || len(page.Items) != 2 {
			t.Fatalf("page %d: %d items, token %q", pages, len(page.Items), token)
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("pages hold %v, want %v", got, want)
	}
	a.Fails(ben.Token, http.MethodGet, "/openplay/v1/notifications?pageToken=forged", nil, http.StatusBadRequest, "pageToken")
}
