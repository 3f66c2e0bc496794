package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"
	"testing"
	"time"

	"cloud.google.com/go/pubsub/v2"
	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Subscription is a test's own subscription to a topic: it sees every message published after it
// was created, by any test, so readers filter by what their test made (a recipient, an ID).
type Subscription struct {
	mu       sync.Mutex
	messages []*pubsub.Message
	arrived  chan struct{}
}

// Subscribe creates a subscription to topic in the emulator and receives from it until the test
// ends.
func Subscribe(t testing.TB, topic string) *Subscription {
	t.Helper()
	cfg := Config(t)
	ctx := context.Background()
	client, err := pubsub.NewClient(ctx, cfg.ProjectID)
	require.NoError(t, err)
	topicPath := "projects/" + cfg.ProjectID + "/topics/" + topic
	// a test may subscribe before anything made the topic (a fresh emulator, a test run alone)
	if _, err := client.TopicAdminClient.CreateTopic(ctx, &pubsubpb.Topic{Name: topicPath}); status.Code(err) != codes.AlreadyExists {
		require.NoError(t, err, "create topic %s", topic)
	}
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	name := "projects/" + cfg.ProjectID + "/subscriptions/test-" + topic + "-" + hex.EncodeToString(suffix)
	_, err = client.SubscriptionAdminClient.CreateSubscription(ctx, &pubsubpb.Subscription{Name: name, Topic: topicPath})
	require.NoError(t, err, "create subscription to %s", topic)
	s := &Subscription{arrived: make(chan struct{}, 1)}
	recvCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = client.Subscriber(name).Receive(recvCtx, func(_ context.Context, m *pubsub.Message) {
			m.Ack()
			s.mu.Lock()
			s.messages = append(s.messages, m)
			s.mu.Unlock()
			select {
			case s.arrived <- struct{}{}:
			default:
			}
		})
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		_ = client.SubscriptionAdminClient.DeleteSubscription(ctx, &pubsubpb.DeleteSubscriptionRequest{Subscription: name})
		_ = client.Close()
	})
	return s
}

// settle is how long Collect keeps listening after the expected messages arrived, so that a
// duplicate publish would be seen.
const settle = 500 * time.Millisecond

// Collect waits until want messages match (or wait has passed), listens a little longer for
// duplicates, and returns every match.
func (s *Subscription) Collect(match func(*pubsub.Message) bool, want int, wait time.Duration) []*pubsub.Message {
	deadline := time.After(wait)
	var extra <-chan time.Time
	for {
		s.mu.Lock()
		var got []*pubsub.Message
		for _, m := range s.messages {
			if match(m) {
				got = append(got, m)
			}
		}
		s.mu.Unlock()
		if len(got) >= want && extra == nil {
			extra = time.After(settle)
		}
		select {
		case <-s.arrived:
		case <-extra:
			return got
		case <-deadline:
			return got
		}
	}
}
