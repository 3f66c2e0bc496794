package budget

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions/operations"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/outbox"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// Notifications and operations: a full inbox page; a relay backlog; timers due in the largest
// rooms; a matcher's full batch of seeds holding the most data; pushes of the largest
// notifications.

// relayEpoch is the clock of the relay's worst case: years before any record another test
// leaves in the shared outbox (functions/notifications relays from 2001), so these relays claim
// only the records made here.
var relayEpoch = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// note is a notification of the fixture's application about a match (or a room, a session) for
// recipient, as requests make them.
func (f *fixture) note(topic string, typ notification.Type, recipient, matchID string) notification.Notification {
	n := notification.Notification{ID: "budget~" + ids.Random(), Topic: topic, Type: typ, Recipient: recipient,
		ApplicationID: f.svc.Config.ApplicationID, MatchID: matchID, Version: 1, CreatedAt: time.Now().UTC(), Text: text(200)}
	switch topic {
	case notification.TopicRoomUpdates:
		n.MatchID, n.RoomID = "", matchID
	case notification.TopicSessionChanges:
		n.MatchID, n.SessionRef, n.Branch, n.ChangeTypes = "", "scid~template~"+matchID, ids.Random(),
			[]string{"host", "initialization", "matchmakingStatus", "membersList", "membersStatus", "joinability", "customProperty", "membersCustomProperty"}
	}
	return n
}

// push is a notification as a push subscription posts it.
func (f *fixture) push(path string, n notification.Notification) call {
	data, err := json.Marshal(n)
	require.NoError(f.t, err)
	return call{http.MethodPost, path, "", body(f.t, map[string]any{"message": map[string]any{"data": data, "messageId": ids.Random(),
		"attributes": map[string]string{"id": n.ID}}, "subscription": "projects/demo/subscriptions/budget"})}
}

// deliverCase pushes notifications of topic to new recipients. A consumer reads no game (who is
// told is decided when a notification is made), so what they are about does not matter.
func deliverCase(topic string, typ notification.Type) worstCase {
	return func(f *fixture) []call {
		path := f.routes[map[string]string{notification.TopicInvitations: "NotificationsDeliverInvitations",
			notification.TopicTurns: "NotificationsDeliverTurns", notification.TopicRoomUpdates: "NotificationsDeliverRoomUpdates",
			notification.TopicSessionChanges: "NotificationsDeliverSessionChanges"}[topic]].Path
		return calls(concurrency, func(int) call { return f.push(path, f.note(topic, typ, "budget-"+ids.Random()[:20], ids.Random())) })
	}
}

var operationCases = map[string]worstCase{
	// The inbox holds more than a page of the largest notifications.
	"NotificationsList": func(f *fixture) []call {
		p := f.inboxOwner()
		return calls(concurrency, func(int) call { return call{http.MethodGet, "/openplay/v1/notifications?maxResults=100", p.Token, nil} })
	},
	"NotificationsAck": func(f *fixture) []call {
		p := f.inboxOwner()
		delivered := f.inbox()
		return calls(concurrency, func(i int) call {
			return call{http.MethodPost, "/openplay/v1/notifications/" + delivered[i] + "/ack", p.Token, nil}
		})
	},
	// A backlog of two batches of pending records: the relays run one at a time
	// (functions.Handler); the first claims and publishes them a batch at a time, the others read
	// past them.
	"NotificationsRelay": func(f *fixture) []call {
		client, err := f.svc.Store.Client(f.t.Context())
		require.NoError(f.t, err)
		bw := client.BulkWriter(f.t.Context())
		for i := range 2 * outbox.RelayBatch {
			n := f.note(notification.TopicTurns, notification.MatchTurn, "budget-"+ids.Random()[:20], ids.Random())
			n.CreatedAt = relayEpoch.Add(-time.Hour + time.Duration(i)*time.Millisecond)
			_, err := bw.Create(client.Collection(store.Outbox).Doc(n.ID), store.OutboxDocument(n))
			require.NoError(f.t, err)
		}
		bw.End()
		f.clock.set(time.Until(relayEpoch))
		f.after = func() { f.clock.set(0) }
		return calls(concurrency, func(int) call { return call{http.MethodPost, f.routes["NotificationsRelay"].Path, "", nil} })
	},
	// Rooms whose eight players, with the largest devices, all came in and never connected are
	// due once their connection timeout (10 minutes) passed. The sweeper reads due games a page of
	// IDs at a time and changes them one at a time; the sweeps run one at a time.
	"Sweep": func(f *fixture) []call {
		f.rooms(8, 7)
		f.clock.set(11 * time.Minute)
		f.after = func() { f.clock.set(0) }
		return calls(concurrency, func(int) call { return call{http.MethodPost, f.routes["Sweep"].Path, "", nil} })
	},
	// A full batch of seeds of each kind (rooms with the largest device; a match's game state is
	// not read), each in a pool of its own (a variant each), stored as creates that found no
	// game to join store them. The matcher reads the batch; their auto-match timeout has passed,
	// so it moves none (the games it would look at for each, games.Candidates at most, are what
	// an auto-matching create reads: see its worst case).
	"Matchmake": func(f *fixture) []call {
		f.seeds(operations.MatchmakeBatch)
		f.clock.set(25 * time.Hour) // past timeouts.autoMatch
		f.after = func() { f.clock.set(0) }
		return calls(concurrency, func(int) call { return call{http.MethodPost, f.routes["Matchmake"].Path, "", nil} })
	},
	"NotificationsDeliverInvitations":    deliverCase(notification.TopicInvitations, notification.MatchInvitation),
	"NotificationsDeliverTurns":          deliverCase(notification.TopicTurns, notification.MatchTurn),
	"NotificationsDeliverRoomUpdates":    deliverCase(notification.TopicRoomUpdates, notification.RoomStatus),
	"NotificationsDeliverSessionChanges": deliverCase(notification.TopicSessionChanges, notification.SessionChange),
}

// inboxOwner is the player whose inbox the fixture fills (see inbox).
func (f *fixture) inboxOwner() testenv.Player { return f.pool(7)[6] }

// inbox delivers (once) more than a page of the largest notifications to the inbox owner and
// returns their IDs.
func (f *fixture) inbox() []string {
	owner := f.inboxOwner()
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.delivered != nil {
		return f.delivered
	}
	for i := range 2 * concurrency {
		n := f.note(notification.TopicSessionChanges, notification.SessionChange, owner.ID, fmt.Sprint(i))
		_, err := f.svc.Store.Deliver(f.t.Context(), n, f.svc.Time())
		require.NoError(f.t, err)
		f.delivered = append(f.delivered, n.ID)
	}
	return f.delivered
}

// seeds stores n seed rooms and n seed matches of the room and match creator, each auto-matching
// alone in a variant of its own, made by the rules a create applies.
func (f *fixture) seeds(n int) {
	creator, _ := f.roomCast()
	profile := player.Profile{ID: creator.ID, DisplayName: creator.Name}
	settings, err := f.svc.Settings(f.t.Context())
	require.NoError(f.t, err)
	client := room.Client{Capabilities: device()["capabilities"].([]string), XMPPAddress: text(256), NetworkDiagnostics: text(600)}
	now := f.svc.Time()
	errs := make([]error, n)
	var wg sync.WaitGroup
	turns := make(chan struct{}, 8) // 8 stored at a time
	for i := range n {
		variant, auto := int32(i+1), &game.AutoMatch{Min: 1, Max: 1}
		m, err := match.New(match.Create{Create: game.Create{ID: ids.Random(),
			ApplicationID: f.svc.Config.ApplicationID, Creator: profile, AutoMatching: auto, Variant: &variant,
			Timeouts: settings.Timeouts}}, now)
		require.NoError(f.t, err)
		r, _, err := room.New(room.Create{Create: game.Create{ID: ids.Random(),
			ApplicationID: f.svc.Config.ApplicationID, Creator: profile, AutoMatching: auto, Variant: &variant,
			Timeouts: settings.Timeouts}, Client: client}, now)
		require.NoError(f.t, err)
		wg.Go(func() {
			turns <- struct{}{}
			defer func() { <-turns }()
			_, _, _, errMatch := f.svc.Store.Matches().Create(context.Background(), m.ID, nil,
				func() (*match.Match, []notification.Notification, error) { return m, nil, nil })
			_, _, _, errRoom := f.svc.Store.Rooms().Create(context.Background(), r.ID, nil,
				func() (*room.Room, []notification.Notification, error) { return r, nil, nil })
			errs[i] = errors.Join(errMatch, errRoom)
		})
	}
	wg.Wait()
	require.NoError(f.t, errors.Join(errs...), "the seed matches and rooms")
}
