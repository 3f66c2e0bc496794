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

// The floors: the least I/O a call can do, done directly on the same emulators with their Go
// clients (no HTTP, token or JSON). A mutating call that notifies someone cannot do with less
// than one read-write transaction on one document plus one publish waited for (takeTurn's
// floor); one that notifies no one, less than the transaction; a read, less than one read.
const (
	floorTxPublish   = "transaction+publish"
	floorTransaction = "transaction"
	floorRead        = "read"
	floorTopic       = "openplay-bench-floor"
)

var floorKinds = []string{floorTxPublish, floorTransaction, floorRead}

// floorOf is the floor of a route, from what its calls cost (see cost.go).
func floorOf(c costs) string {
	switch {
	case c.Outbox > 0:
		return floorTxPublish
	case c.Transactions > 0:
		return floorTransaction
	}
	return floorRead
}

// baseline drives the emulators directly.
type baseline struct {
	projectID string
	fs        *firestore.Client
	ps        *pubsub.Client
	topic     *pubsub.Publisher
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
	topic := ps.Publisher(floorTopic)
	topic.PublishSettings.CountThreshold = 1 // as OpenPlay publishes: no batching
	return &baseline{projectID: projectID, fs: fs, ps: ps, topic: topic, run: run, dataSize: dataSize}, nil
}

func (b *baseline) close() {
	b.topic.Stop()
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
	if kind == floorRead {
		_, err := doc.Get(ctx)
		return err
	}
	err := b.fs.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
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
	if err != nil || kind == floorTransaction {
		return err
	}
	_, err = b.topic.Publish(ctx, &pubsub.Message{Data: []byte(`{"id":"floor","type":"MATCH_TURN","text":"Your turn"}`),
		Attributes: map[string]string{"type": "MATCH_TURN"}}).Get(ctx)
	return err
}

// measure runs kind on workers workers for d, each on its own document.
func (b *baseline) measure(ctx context.Context, kind string, workers int, d time.Duration) (row, error) {
	docs := make([]*firestore.DocumentRef, workers)
	for w := range docs {
		docs[w] = b.fs.Collection("benchFloor").Doc(b.run + "-" + strconv.Itoa(w))
		if _, err := docs[w].Set(ctx, floorDoc{Data: make([]byte, b.dataSize)}); err != nil {
			return row{}, err
		}
	}
	rec := &recorder{}
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Go(func() {
			for time.Since(start) < d && ctx.Err() == nil {
				t := time.Now()
				rec.begin()
				err := b.once(ctx, kind, docs[w])
				s := sample{label: kind, latency: time.Since(t), status: 200}
				if err != nil {
					s.status = 500
				}
				rec.end(s)
			}
		})
	}
	wg.Wait()
	r := latencies(rec.all(), time.Since(start))
	r.Phase, r.Endpoint, r.InFlight = "floor", kind, workers
	return r, ctx.Err()
}
