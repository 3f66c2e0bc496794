// Package publisher sends notifications to Pub/Sub. One Pub/Sub publisher per topic is built
// once per instance; each publishes immediately (CountThreshold 1: default batching would hold a
// lone message ~10 ms waiting for company) and the caller waits for the server's answer.
package publisher

import (
	"context"
	"encoding/json"
	"sync"

	"cloud.google.com/go/pubsub/v2"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/lazy"
	"github.com/openplay-games/openplay/shared/notification"
)

// Publisher is the Pub/Sub adapter.
type Publisher struct {
	client *lazy.Value[*pubsub.Client]

	mu     sync.Mutex
	topics map[string]*pubsub.Publisher
}

// New returns a Publisher for projectID. It does no I/O; PUBSUB_EMULATOR_HOST, when set, points
// the client at the emulator.
func New(projectID string) *Publisher {
	return &Publisher{
		topics: map[string]*pubsub.Publisher{},
		client: lazy.New(func(ctx context.Context) (*pubsub.Client, error) {
			c, err := pubsub.NewClient(context.WithoutCancel(ctx), projectID)
			if err != nil {
				return nil, errs.Wrap(errs.Unavailable, err, "Pub/Sub is unavailable")
			}
			return c, nil
		}),
	}
}

// Client returns the instance's Pub/Sub client, created on first use.
func (p *Publisher) Client(ctx context.Context) (*pubsub.Client, error) { return p.client.Get(ctx) }

func (p *Publisher) topic(ctx context.Context, name string) (*pubsub.Publisher, error) {
	client, err := p.Client(ctx)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	t, ok := p.topics[name]
	if !ok {
		t = client.Publisher(name)
		t.PublishSettings.CountThreshold = 1
		t.EnableMessageOrdering = true
		p.topics[name] = t
	}
	return t, nil
}

// Publish sends n to its topic and waits until Pub/Sub has it. The message body is the
// notification as JSON; its attributes (type, recipient, id) let subscriptions filter; its
// ordering key is the recipient, so a subscription with ordering delivers a player's
// notifications in the order they were published.
func (p *Publisher) Publish(ctx context.Context, n notification.Notification) error {
	t, err := p.topic(ctx, n.Topic)
	if err != nil {
		return err
	}
	body, err := json.Marshal(n)
	if err != nil {
		return errs.Wrap(errs.Internal, err, "encode notification %s", n.ID)
	}
	res := t.Publish(ctx, &pubsub.Message{
		Data:        body,
		Attributes:  map[string]string{"type": string(n.Type), "recipient": n.Recipient, "id": n.ID},
		OrderingKey: n.Recipient,
	})
	if _, err := res.Get(ctx); err != nil {
		// An ordered publisher stops a key after a failure until told to go on; the relay
		// publishes the failed notification again later.
		t.ResumePublish(n.Recipient)
		return errs.Wrap(errs.Unavailable, err, "publish %s to %s", n.ID, n.Topic)
	}
	return nil
}

// Close flushes and stops the topic publishers and closes the client.
func (p *Publisher) Close() error {
	p.mu.Lock()
	for _, t := range p.topics {
		t.Stop()
	}
	p.mu.Unlock()
	if c, ok := p.client.Peek(); ok {
		return c.Close()
	}
	return nil
}
