package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"cloud.google.com/go/pubsub/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/functions/notifications"
	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestDeliverPostsThePushBody: a pulled message reaches the consumer's route as the body a push
// subscription posts, and only a 2xx answer counts as taken (the message is acked).
func TestDeliverPostsThePushBody(t *testing.T) {
	var got notifications.PushBody
	var path string
	status := http.StatusNoContent
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path = r.URL.RequestURI()
		body, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(body, &got))
		w.WriteHeader(status)
	})
	m := &pubsub.Message{ID: "42", Data: []byte(`{"id":"n1"}`), Attributes: map[string]string{"id": "n1"}}
	assert.True(t, deliver(t.Context(), handler, "http://127.0.0.1:1/operations/notifications/deliver/turns?secret=s", "devserver-1-openplay-turns", m))
	assert.Equal(t, "/operations/notifications/deliver/turns?secret=s", path)
	assert.Equal(t, m.Data, got.Message.Data)
	assert.Equal(t, m.Attributes, got.Message.Attributes)
	assert.Equal(t, "42", got.Message.MessageID)
	assert.Equal(t, "devserver-1-openplay-turns", got.Subscription)

	status = http.StatusServiceUnavailable
	assert.False(t, deliver(t.Context(), handler, "http://127.0.0.1:1/operations/notifications/deliver/turns?secret=s", "s", m), "a 503 is not taken")
}

// TestConsumeReceivesAgain: when a consumer's pull stream fails (here: its subscription is
// deleted under it), the dev server logs it and receives again, so a message published once the
// subscription is back still reaches the consumer.
func TestConsumeReceivesAgain(t *testing.T) {
	svc := testenv.Service(t)
	var log testenv.LogBuffer
	svc.Logger = logging.New(&log, slog.LevelInfo)
	topic := "devserver-test-" + ids.Random()[:8]
	require.NoError(t, emulator.EnsureTopics(t.Context(), svc.Publisher, topic))
	got := make(chan notification.Notification, 1)
	consumer := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var push notifications.PushBody
		var n notification.Notification
		if json.NewDecoder(r.Body).Decode(&push) != nil || json.Unmarshal(push.Message.Data, &n) != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		got <- n
		w.WriteHeader(http.StatusNoContent)
	})
	routes := []functions.Route{{Name: "TestConsumer", Path: "/consume", Trigger: functions.PubSub, Topic: topic}}
	ctx, stop := context.WithCancel(t.Context())
	names, wait, err := consume(ctx, svc, routes, privateGuard{secret: "s"}, consumer, "http://127.0.0.1:"+strconv.Itoa(rand.IntN(50000)+10000))
	require.NoError(t, err)
	require.Len(t, names, 1)
	t.Cleanup(func() {
		stop()
		wait()
		_ = emulator.DeleteSubscription(context.Background(), svc.Publisher, names[0])
	})

	require.NoError(t, emulator.DeleteSubscription(t.Context(), svc.Publisher, names[0]))
	stopped := "receiving " + topic + " for its consumer stopped; receiving again"
	require.Eventually(t, func() bool { return strings.Contains(log.String(), stopped) }, 30*time.Second, 50*time.Millisecond,
		"the failed stream is logged")
	require.NoError(t, emulator.PullFrom(t.Context(), svc.Publisher, names[0], topic))
	sent := notification.Notification{ID: "n-" + ids.Random()[:8], Topic: topic, Type: notification.MatchTurn, Recipient: "ana"}
	require.NoError(t, svc.Publisher.Publish(t.Context(), sent))
	select {
	case n := <-got:
		assert.Equal(t, sent.ID, n.ID)
	case <-time.After(30 * time.Second):
		t.Fatal("the message published after the subscription came back never reached the consumer")
	}
}
