package main

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"cloud.google.com/go/pubsub/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions/notifications"
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
