package notifications_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/functions/notifications"
	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/game"
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
			testenv.PushTo(t, svc.Publisher, name, r.Topic, a.URL+r.Path)
			t.Cleanup(func() { _ = emulator.DeleteSubscription(context.Background(), svc.Publisher, name) })
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
			items = a.inbox(p)
			require.Len(a.T, items, want, "%s's inbox", p.Name)
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
	_, _, notes, err := svc.Store.Rooms().Create(t.Context(), id, nil, func() (*room.Room, []notification.Notification, error) {
		return room.New(room.Create{Create: game.Create{ID: id, ApplicationID: "app",
			Creator:  player.Profile{ID: creator.ID, DisplayName: creator.Name},
			Invitees: []player.Profile{{ID: invitee.ID, DisplayName: invitee.Name}}}}, svc.Time().Add(-time.Minute))
	})
	require.NoError(t, err, "create")
	require.Len(t, notes, 1, "create")
	return notes[0]
}

func TestRelayDeliversWhatACrashLeftInTheOutbox(t *testing.T) {
	svc := at(testenv.Service(t), relayEpoch)
	a := newAPI(t, svc)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	n := roomBehindTheOutbox(t, svc, ana, ben)
	require.Empty(t, a.inbox(ben), "nothing was published yet")
	_, err := svc.Outbox.Relay(t.Context(), 0)
	require.NoError(t, err)
	items := a.waitForInbox(ben, 1)
	require.Equal(t, n.ID, items[0].ID, "inbox")
	require.Equal(t, "ROOM_INVITATION", items[0].Type, "inbox")
	require.False(t, items[0].Read, "inbox")
	require.Equal(t, "openplay#notification", items[0].Kind, "inbox")
	rec := testenv.OutboxRecord(t, svc.Store, n.ID)
	require.True(t, rec.Sent, "outbox after the relay")
	require.False(t, rec.ExpireAt.Before(rec.SentAt), "outbox after the relay: expires %v, sent %v", rec.ExpireAt, rec.SentAt)
	_, err = svc.Outbox.Relay(t.Context(), 0) // a second pass finds nothing to do for it
	require.NoError(t, err)
	a.waitForInbox(ben, 1)

	status, _ := a.Do(ben.Token, http.MethodPost, "/openplay/v1/notifications/"+n.ID+"/ack", nil)
	status2, _ := a.Do(ben.Token, http.MethodPost, "/openplay/v1/notifications/"+n.ID+"/ack", nil)
	require.Equal(t, http.StatusNoContent, status, "ack")
	require.Equal(t, http.StatusNoContent, status2, "ack again")
	require.True(t, a.inbox(ben)[0].Read, "acked")
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
		status, raw := a.Do("", http.MethodPost, "/operations/notifications/deliver/invitations", push)
		require.Equal(t, http.StatusNoContent, status, "push: %s", raw)
	}
	a.waitForInbox(ben, 1)
	status, _ := a.Do("", http.MethodPost, "/operations/notifications/deliver/invitations", `{"message": {"data": "bm90IGpzb24="}}`)
	require.Equal(t, http.StatusNoContent, status, "a message that is no notification is acknowledged and dropped")
}

// TestPubSubDownAtRequestTime: the player's call succeeds with Pub/Sub unreachable; the
// notification waits in the outbox and goes out once Pub/Sub is back.
func TestPubSubDownAtRequestTime(t *testing.T) {
	good := at(testenv.Service(t), relayEpoch.Add(time.Minute))
	a := newAPI(t, good)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")

	t.Setenv("PUBSUB_EMULATOR_HOST", "127.0.0.1:9") // nothing listens there
	down := at(service.New(testenv.Config(t)), relayEpoch)
	down.Outbox.PublishTimeout = time.Second // not closed: Close would wait out the Pub/Sub client's own retries

	var created struct{ RoomID string }
	testenv.NewAPI(t, functions.Handler(down, functions.Routes(down)...)).OK(ana, http.MethodPost, "/games/v1/rooms/create",
		map[string]any{"invitedPlayerIds": []string{ben.ID}}, &created)
	id := "room~" + created.RoomID + "~invitation~p_2"
	rec := testenv.OutboxRecord(t, good.Store, id)
	require.False(t, rec.Sent, "with Pub/Sub down the invitation waits")
	_, err := good.Outbox.Relay(t.Context(), 0)
	require.NoError(t, err)
	require.Equal(t, id, a.waitForInbox(ben, 1)[0].ID, "inbox")
}

// TestOrderAndDismissal: a recipient's notifications carry the version of the match they
// describe (inbox newest first). Dismissing stops the notifications made after it; one already on
// its way (made before the dismissal, delivered after) still arrives.
func TestOrderAndDismissal(t *testing.T) {
	svc := testenv.Service(t)
	a := newAPI(t, svc)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	var m struct {
		MatchID      string
		MatchVersion int
	}
	turn := func(p testenv.Player, next string) {
		a.OK(p, http.MethodPut, "/games/v1/turnbasedmatches/"+m.MatchID+"/turn", map[string]any{"matchVersion": m.MatchVersion, "pendingParticipantId": next}, &m)
	}
	a.OK(ana, http.MethodPost, "/games/v1/turnbasedmatches/create", map[string]any{"invitedPlayerIds": []string{ben.ID}}, &m)
	turn(ana, "p_2")
	a.OK(ben, http.MethodPut, "/games/v1/turnbasedmatches/"+m.MatchID+"/join", nil, nil)
	turn(ben, "p_1")
	turn(ana, "p_2")
	items := a.waitForInbox(ben, 2)
	require.Equal(t, "MATCH_TURN", items[0].Type, "Ben's inbox, newest first")
	require.Equal(t, "MATCH_INVITATION", items[1].Type, "Ben's inbox, newest first")
	require.Greater(t, items[0].Version, items[1].Version, "Ben's inbox, newest first")
	require.Equal(t, m.MatchID, items[0].MatchID, "Ben's inbox")

	// A turn notification for Ben, made before he dismisses the match and still on its way.
	onItsWay := notification.Notification{ID: "match~" + m.MatchID + "~on-its-way", Topic: notification.TopicTurns, Type: notification.MatchTurn,
		Recipient: ben.ID, MatchID: m.MatchID, Version: int64(m.MatchVersion), CreatedAt: time.Now()}
	status, _ := a.Do(ben.Token, http.MethodPut, "/games/v1/turnbasedmatches/"+m.MatchID+"/dismiss", nil)
	require.Equal(t, http.StatusNoContent, status, "dismiss")
	turn(ben, "p_1")
	turn(ana, "p_2") // the turn is Ben's again: no notification is made for him
	told := testenv.OutboxRecordsTo(t, svc.Store, ben.ID, "matchId", m.MatchID)
	require.NotEmpty(t, told, "Ben was told of the match before he dismissed it")
	for _, rec := range told {
		assert.Less(t, rec.Version, int64(m.MatchVersion), "Ben dismissed the match and is owed no notification of Ana's turn: %s", rec.ID)
	}
	data, _ := json.Marshal(onItsWay)
	status, _ = a.Do("", http.MethodPost, "/operations/notifications/deliver/turns", map[string]any{"message": map[string]any{"data": data}})
	require.Equal(t, http.StatusNoContent, status, "push")
	items = a.waitForInbox(ben, 3)
	require.Equal(t, onItsWay.ID, items[0].ID, "Ben's inbox: the notification on its way when he dismissed the match, and none made after")
	for _, n := range items {
		require.LessOrEqual(t, n.Version, onItsWay.Version, "Ben's inbox holds %s, made after he dismissed the match", n.ID)
	}
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
		_, err := svc.Store.Deliver(t.Context(), n, time.Now())
		require.NoError(t, err)
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
		require.Less(t, pages, 3, "a page after the last: token %q", token)
		require.Len(t, page.Items, 2, "page %d", pages)
	}
	require.Equal(t, want, got, "the pages")
	a.Fails(ben.Token, http.MethodGet, "/openplay/v1/notifications?pageToken=forged", nil, http.StatusBadRequest, "pageToken")
}
