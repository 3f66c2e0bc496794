package main

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"cloud.google.com/go/firestore"
	"cloud.google.com/go/pubsub/v2"
	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// The floors: the least I/O a call can do, measured by driving the same emulators directly
// with their Go clients, no HTTP, no token, no JSON. takeTurn's floor is one read-write
// transaction on one document plus one Pub/Sub publish (CountThreshold 1, waited for).
const (
	floorRead          = "read"
	floorWrite         = "write"
	floorTransaction   = "transaction"
	floorPublish       = "publish"
	floorOrdered       = "ordered publish"
	floorTxAndPublish  = "transaction+publish"
	floorTopic         = "openplay-bench-floor"
	floorCollection    = "benchFloor"
	floorEndpointLabel = "floor: "
)

var floorKinds = []string{floorTxAndPublish, floorTransaction, floorPublish, floorOrdered, floorRead, floorWrite}

var floorMeaning = map[string]string{
	floorTxAndPublish: "one read-write transaction on one document, then one Pub/Sub publish waited for",
	floorTransaction:  "one read-write transaction on one document (read it, write it back)",
	floorPublish:      "one Pub/Sub publish waited for (CountThreshold 1)",
	floorOrdered:      "the same with an ordering key, as OpenPlay publishes (a publisher with message ordering)",
	floorRead:         "one document read",
	floorWrite:        "one document write outside a transaction (what marking an outbox record sent costs, off the call's path)",
}

// baseline drives the emulators directly.
type baseline struct {
	projectID string
	fs        *firestore.Client
	ps        *pubsub.Client
	topic     *pubsub.Publisher
	ordered   *pubsub.Publisher
	run       string
	dataSize  int
}

func newBaseline(ctx context.Context, projectID, run string, dataSize int) (*baseline, error) {
	fs, err := firestore.NewClient(ctx, projectID)
	if err != nil {
		return nil, err
	}
	ps, err := pubsub.NewClient(ctx, projectID)
	if err != nil {
		fs.Close()
		return nil, err
	}
	name := "projects/" + projectID + "/topics/" + floorTopic
	if _, err := ps.TopicAdminClient.CreateTopic(ctx, &pubsubpb.Topic{Name: name}); err != nil && status.Code(err) != codes.AlreadyExists {
		fs.Close()
		ps.Close()
		return nil, fmt.Errorf("create topic %s: %w", floorTopic, err)
	}
	topic, ordered := ps.Publisher(floorTopic), ps.Publisher(floorTopic)
	topic.PublishSettings.CountThreshold, ordered.PublishSettings.CountThreshold = 1, 1
	ordered.EnableMessageOrdering = true
	return &baseline{projectID: projectID, fs: fs, ps: ps, topic: topic, ordered: ordered, run: run, dataSize: dataSize}, nil
}

func (b *baseline) close() {
	b.topic.Stop()
	b.ordered.Stop()
	_ = b.ps.TopicAdminClient.DeleteTopic(context.Background(), &pubsubpb.DeleteTopicRequest{Topic: "projects/" + b.projectID + "/topics/" + floorTopic})
	b.ps.Close()
	b.fs.Close()
}

// floorDoc is each worker's own document, the size of a match with its data.
type floorDoc struct {
	N    int64  `firestore:"n"`
	Data []byte `firestore:"data"`
}

func (b *baseline) once(ctx context.Context, kind string, doc *firestore.DocumentRef) error {
	switch kind {
	case floorRead:
		_, err := doc.Get(ctx)
		return err
	case floorWrite:
		_, err := doc.Update(ctx, []firestore.Update{{Path: "sentAt", Value: time.Now()}})
		return err
	case floorTransaction:
		return b.transaction(ctx, doc)
	case floorPublish:
		return b.publish(ctx, b.topic, "")
	case floorOrdered:
		return b.publish(ctx, b.ordered, doc.ID)
	case floorTxAndPublish:
		if err := b.transaction(ctx, doc); err != nil {
			return err
		}
		return b.publish(ctx, b.topic, "")
	}
	return fmt.Errorf("no floor %q", kind)
}

func (b *baseline) transaction(ctx context.Context, doc *firestore.DocumentRef) error {
	return b.fs.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
		snap, err := tx.Get(doc)
		if err != nil {
			return err
		}
		var d floorDoc
		if err := snap.DataTo(&d); err != nil {
			return err
		}
		d.N++
		return tx.Set(doc, d)
	})
}

func (b *baseline) publish(ctx context.Context, p *pubsub.Publisher, orderingKey string) error {
	_, err := p.Publish(ctx, &pubsub.Message{Data: []byte(`{"id":"floor","type":"MATCH_TURN","text":"Your turn"}`),
		Attributes: map[string]string{"type": "MATCH_TURN"}, OrderingKey: orderingKey}).Get(ctx)
	return err
}

// measure runs kind on workers workers for d, each on its own document, recording each call
// as the endpoint "floor: kind".
func (b *baseline) measure(ctx context.Context, kind string, workers int, d time.Duration, rec *recorder) (time.Duration, error) {
	docs := make([]*firestore.DocumentRef, workers)
	for w := range docs {
		docs[w] = b.fs.Collection(floorCollection).Doc(b.run + "-" + strconv.Itoa(w))
		if _, err := docs[w].Set(ctx, floorDoc{Data: make([]byte, b.dataSize)}); err != nil {
			return 0, err
		}
	}
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for w := range workers {
		wg.Go(func() {
			for time.Now().Before(deadline) && ctx.Err() == nil {
				t := time.Now()
				rec.begin()
				err := b.once(ctx, kind, docs[w])
				s := sample{endpoint: floorEndpointLabel + kind, start: t, latency: time.Since(t), status: 200}
				if err != nil {
					s.status = 500 // counted among the floor's errors in the report
				}
				rec.end(s)
			}
		})
	}
	wg.Wait()
	return time.Since(start), ctx.Err()
}
