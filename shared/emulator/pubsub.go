package emulator

import (
	"context"

	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/publisher"
)

// EnsureTopics creates the topics of p's project that do not exist yet, through p's client (so
// that it is created now, at the address PUBSUB_EMULATOR_HOST names).
func EnsureTopics(ctx context.Context, p *publisher.Publisher, names ...string) error {
	client, err := p.Client(ctx)
	if err != nil {
		return err
	}
	for _, name := range names {
		_, err := client.TopicAdminClient.CreateTopic(ctx, &pubsubpb.Topic{Name: topicPath(client.Project(), name)})
		if err != nil && status.Code(err) != codes.AlreadyExists {
			return errs.Wrap(errs.Unavailable, err, "create topic %s", name)
		}
	}
	return nil
}

// PullFrom makes a pull subscription name to the messages of topic, in order per ordering key,
// replacing one of that name.
func PullFrom(ctx context.Context, p *publisher.Publisher, name, topic string) error {
	return Subscribe(ctx, p, name, topic, nil)
}

// Subscribe makes subscription name to topic, in order per ordering key, pushing to push unless
// it is nil, and replacing one of that name.
func Subscribe(ctx context.Context, p *publisher.Publisher, name, topic string, push *pubsubpb.PushConfig) error {
	client, err := p.Client(ctx)
	if err != nil {
		return err
	}
	_ = DeleteSubscription(ctx, p, name)
	_, err = client.SubscriptionAdminClient.CreateSubscription(ctx, &pubsubpb.Subscription{
		Name: subscriptionPath(client.Project(), name), Topic: topicPath(client.Project(), topic), EnableMessageOrdering: true,
		PushConfig: push,
	})
	if err != nil {
		return errs.Wrap(errs.Unavailable, err, "create subscription %s", name)
	}
	return nil
}

// DeleteSubscription deletes a subscription of p's project.
func DeleteSubscription(ctx context.Context, p *publisher.Publisher, name string) error {
	client, err := p.Client(ctx)
	if err != nil {
		return err
	}
	return client.SubscriptionAdminClient.DeleteSubscription(ctx, &pubsubpb.DeleteSubscriptionRequest{Subscription: subscriptionPath(client.Project(), name)})
}

func topicPath(projectID, name string) string { return "projects/" + projectID + "/topics/" + name }

func subscriptionPath(projectID, name string) string {
	return "projects/" + projectID + "/subscriptions/" + name
}
