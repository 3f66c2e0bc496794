package testenv

import (
	"testing"

	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/publisher"
)

// PushTo makes a push subscription name that posts the messages of topic to endpoint, in order
// per ordering key, replacing one of that name: what a Pub/Sub trigger delivers in production.
func PushTo(t testing.TB, p *publisher.Publisher, name, topic, endpoint string) {
	t.Helper()
	require.NoError(t, emulator.Subscribe(t.Context(), p, name, topic, &pubsubpb.PushConfig{PushEndpoint: endpoint}))
}
