package main

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"cloud.google.com/go/firestore"
	"cloud.google.com/go/pubsub/v2"

	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/service"
)

// The floors: the least I/O a mutating call can do, done directly on the same emulators with
// their Go clients (no HTTP, token or JSON). A call that notifies someone cannot do with less
// than one read-write transaction on one document plus one publish waited for (takeTurn's
// floor); one that notifies no one, less than the transaction. The HTTP floor is takeTurn's
// floor behind one HTTP request of a turn's size to a process of its own (floor_http.go).
const (
	floorTxPublish   = "transaction+publish"
	floorTransaction = "transaction"
	floorHTTP        = "HTTP+transaction+publish"
	floorTopic       = "openplay-bench-floor"
	floorCollection  = "benchFloor"
)

var floorKinds = []string{floorTxPublish, floorTransaction, floorHTTP}

// floorOf is the floor of an endpoint, from what its calls cost (see cost.go); none for reads.
func floorOf(c costs) string {
	switch {
	case c.Outbox > 0:
		return floorTxPublish
	case c.Transactions > 0:
		return floorTransaction
	}
	return ""
}

// baseline drives the emulators directly, and the HTTP floor's server (floor_http.go) over
// HTTP.
type baseline struct {
	fs       *firestore.Client
	ps       *pubsub.Client
	topic    *pubsub.Publisher
	run      string
	dataSize int
	url      string // the HTTP floor's server, to which a document's ID is appended
	http     *http.Client
}

// newBaseline connects to the emulators of svc's project (svc creates the floor's topic) and
// calls the HTTP floor's server at url.
func newBaseline(ctx context.Context, svc *service.Service, url, run string, dataSize int) (*baseline, error) {
	if err := emulator.EnsureTopics(ctx, svc.Publisher, floorTopic); err != nil {
		return nil, err
	}
	b, err := connect(ctx, svc.Config.ProjectID)
	if err != nil {
		return nil, err
	}
	b.url, b.http, b.run, b.dataSize = url, newHTTPClient(), run, dataSize
	return b, nil
}

// connect makes the floor's Firestore and Pub/Sub clients for project's emulators.
func connect(ctx context.Context, project string) (*baseline, error) {
	fs, err := firestore.NewClient(ctx, project)
	if err != nil {
		return nil, err
	}
	ps, err := pubsub.NewClient(ctx, project)
	if err != nil {
		return nil, errors.Join(err, fs.Close())
	}
	topic := ps.Publisher(floorTopic)
	topic.PublishSettings.CountThreshold = 1 // as OpenPlay publishes: no batching
	return &baseline{fs: fs, ps: ps, topic: topic}, nil
}

func (b *baseline) close() {
	b.topic.Stop()
	b.ps.Close()
	b.fs.Close()
}

// once reads and writes back doc in a transaction, as a call writes its state document, then
// publishes unless kind is floorTransaction; floorHTTP has the HTTP floor's server do both.
func (b *baseline) once(ctx context.Context, kind string, doc *firestore.DocumentRef) error {
	if kind == floorHTTP {
		return b.overHTTP(ctx, doc)
	}
	err := b.fs.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
		snap, err := tx.Get(doc)
		if err != nil {
			return err
		}
		return tx.Set(doc, snap.Data())
	})
	if err != nil || kind == floorTransaction {
		return err
	}
	_, err = b.topic.Publish(ctx, &pubsub.Message{Data: []byte(`{"id":"floor","type":"MATCH_TURN","text":"Your turn"}`),
		Attributes: map[string]string{"type": "MATCH_TURN"}}).Get(ctx)
	return err
}

// measure runs kind on workers workers for d, each on its own document the size of a match
// with its data.
func (b *baseline) measure(ctx context.Context, kind string, workers int, d time.Duration) (row, error) {
	docs := make([]*firestore.DocumentRef, workers)
	for w := range docs {
		docs[w] = b.fs.Collection(floorCollection).Doc(b.run + "-" + strconv.Itoa(w))
		if _, err := docs[w].Set(ctx, map[string]any{"data": make([]byte, b.dataSize)}); err != nil {
			return row{}, err
		}
	}
	rec := &recorder{}
	elapsed := repeat(ctx, workers, d, func(w int) {
		t := time.Now()
		rec.begin()
		s := sample{label: kind, status: 200}
		if err := b.once(ctx, kind, docs[w]); err != nil {
			s.status = 500
		}
		s.latency = time.Since(t)
		rec.end(s)
	})
	r := latencies(rec.all(), elapsed)
	r.Phase, r.Endpoint, r.InFlight = "floor", kind, workers
	return r, ctx.Err()
}
