package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"cloud.google.com/go/pubsub/v2"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/functions/notifications"
	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/service"
)

// In production a Pub/Sub trigger posts each message to its consumer function. Locally the dev
// server pulls each topic through a subscription of its own and hands every message to the
// consumer's route in process, as the same push body through the same middleware (the secret,
// the access log, admission). The Pub/Sub emulator's push opens a new connection for every
// message (and closes it), which both it and the dev server pay for on every notification; a
// pull keeps one stream open. A consumer's 2xx acks the message; any other answer nacks it, so
// Pub/Sub delivers it again, as a push that failed is retried.

// inFlight is how many messages of a topic the dev server delivers at once: as many calls as a
// deployed function instance serves at once (functions/deploy), so its admission gate sees
// the load one instance would.
const inFlight = 80

// consume subscribes to every consumer route's topic, with a subscription named after the route's
// topic and base's port so that dev servers side by side do not take each other's messages, and
// passes its messages to the route on handler until ctx ends (receiving again, after a second,
// if the stream fails). It returns the subscriptions' names once they exist, and wait, which
// returns once ctx has ended and the messages being delivered then are done; the receiving goes
// on in the background.
func consume(ctx context.Context, svc *service.Service, routes []functions.Route, guard privateGuard, handler http.Handler,
	base string) (names []string, wait func(), err error) {
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(base, "http://"))
	var receivers sync.WaitGroup
	client, err := svc.Publisher.Client(ctx)
	if err != nil {
		return nil, receivers.Wait, err
	}
	for _, r := range routes {
		if r.Trigger != functions.PubSub {
			continue
		}
		name := "devserver-" + port + "-" + r.Topic
		if err := emulator.PullFrom(ctx, svc.Publisher, name, r.Topic); err != nil {
			return names, receivers.Wait, err
		}
		names = append(names, name)
		sub, url := client.Subscriber(name), guard.url(base, r.Path)
		sub.ReceiveSettings.MaxOutstandingMessages = inFlight
		receivers.Go(func() {
			for ctx.Err() == nil {
				err := sub.Receive(ctx, func(ctx context.Context, m *pubsub.Message) {
					if deliver(ctx, handler, url, name, m) {
						m.Ack()
					} else {
						m.Nack()
					}
				})
				if err != nil && ctx.Err() == nil {
					svc.Logger.Error("receiving "+r.Topic+" for its consumer stopped; receiving again", "subscription", name, "error", err.Error())
					select {
					case <-ctx.Done():
					case <-time.After(time.Second):
					}
				}
			}
		})
	}
	return names, receivers.Wait, nil
}

// deliver posts m to url on handler as a push of subscription would, and reports whether the
// consumer took it (answered 2xx).
func deliver(ctx context.Context, handler http.Handler, url, subscription string, m *pubsub.Message) bool {
	var push notifications.PushBody
	push.Message.Data, push.Message.Attributes, push.Message.MessageID = m.Data, m.Attributes, m.ID
	push.Subscription = subscription
	body, err := json.Marshal(push)
	if err != nil {
		return false
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	return rec.Code/100 == 2
}
