package store

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math"
	"os"
	"strings"
	"sync/atomic"

	"cloud.google.com/go/firestore/apiv1/firestorepb"
	"google.golang.org/api/option"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// Cost counts what one request costs in Firestore, as Firestore bills it: documents read
// (found or missing lookups, query results, at least one per query) and documents written
// (by committed writes). It also counts the writes that are outbox records, committed
// transactions, and transaction attempts (each retry after contention is one more), so the
// performance budget — one transaction, the state document and at most one more read — can be
// checked per call. The counting happens in the gRPC client, below every store method, so no
// method can forget it.
type Cost struct {
	reads, writes, outboxWrites, transactions, attempts atomic.Int64
}

// Counts is a snapshot of a Cost.
type Counts struct {
	Reads        int64 `json:"reads"`
	Writes       int64 `json:"writes"`
	OutboxWrites int64 `json:"outboxWrites"`
	Transactions int64 `json:"transactions"`
	Attempts     int64 `json:"attempts"`
}

type costKey struct{}

// WithCost returns ctx carrying a new Cost, to which every Firestore call made with ctx (or a
// context derived from it) adds.
func WithCost(ctx context.Context) (context.Context, *Cost) {
	c := &Cost{}
	return context.WithValue(ctx, costKey{}, c), c
}

// Counts returns what was counted so far.
func (c *Cost) Counts() Counts {
	return Counts{Reads: c.reads.Load(), Writes: c.writes.Load(), OutboxWrites: c.outboxWrites.Load(),
		Transactions: c.transactions.Load(), Attempts: c.attempts.Load()}
}

// MeterCost is an httpapi.Meter: it counts a request's Firestore cost and adds it to the
// request's access log line as the "firestore" group, so operators see every call's cost.
func MeterCost(ctx context.Context) (context.Context, func() slog.Attr) {
	ctx, c := WithCost(ctx)
	return ctx, func() slog.Attr {
		n := c.Counts()
		return slog.Group("firestore", "reads", n.Reads, "writes", n.Writes, "outboxWrites", n.OutboxWrites,
			"transactions", n.Transactions, "attempts", n.Attempts)
	}
}

func costFrom(ctx context.Context) *Cost {
	c, _ := ctx.Value(costKey{}).(*Cost)
	return c
}

func (c *Cost) wrote(writes []*firestorepb.Write, ok func(i int) bool) {
	for i, w := range writes {
		if !ok(i) {
			continue
		}
		c.writes.Add(1)
		name := w.GetUpdate().GetName() + w.GetDelete() + w.GetTransform().GetDocument()
		if strings.Contains(name, "/documents/"+Outbox+"/") {
			c.outboxWrites.Add(1)
		}
	}
}

// countUnary counts the writes of commits and batch writes, committed transactions and
// transaction attempts (the client begins each attempt with BeginTransaction).
func countUnary(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	err := invoker(ctx, method, req, reply, cc, opts...)
	c := costFrom(ctx)
	if c == nil {
		return err
	}
	switch r := req.(type) {
	case *firestorepb.CommitRequest:
		if err == nil {
			c.wrote(r.Writes, func(int) bool { return true })
			if len(r.Transaction) > 0 {
				c.transactions.Add(1)
			}
		}
	case *firestorepb.BatchWriteRequest:
		if res, ok := reply.(*firestorepb.BatchWriteResponse); ok && err == nil {
			c.wrote(r.Writes, func(i int) bool { return i < len(res.Status) && res.Status[i].GetCode() == 0 })
		}
	case *firestorepb.BeginTransactionRequest:
		c.attempts.Add(1)
	}
	return err
}

// countStream counts the documents that lookups, queries and aggregations return.
func countStream(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
	s, err := streamer(ctx, desc, cc, method, opts...)
	c := costFrom(ctx)
	if err != nil || c == nil {
		return s, err
	}
	return &countingStream{ClientStream: s, cost: c, query: strings.HasSuffix(method, "/RunQuery")}, nil
}

type countingStream struct {
	grpc.ClientStream
	cost  *Cost
	query bool
	docs  int
}

func (s *countingStream) RecvMsg(m any) error {
	err := s.ClientStream.RecvMsg(m)
	if err == nil {
		switch r := m.(type) {
		case *firestorepb.BatchGetDocumentsResponse:
			if r.GetFound() != nil || r.GetMissing() != "" {
				s.cost.reads.Add(1)
			}
		case *firestorepb.RunQueryResponse:
			if r.Document != nil {
				s.docs++
				s.cost.reads.Add(1)
			}
		case *firestorepb.RunAggregationQueryResponse:
			if r.Result != nil {
				s.cost.reads.Add(1)
			}
		}
	} else if errors.Is(err, io.EOF) && s.query && s.docs == 0 {
		s.cost.reads.Add(1) // a query that finds nothing is billed one read
		s.docs = -1
	}
	return err
}

// countingOptions installs the counters in the Firestore client. Against the emulator the client
// dials a connection of its own that takes no dial options, so there the connection is dialed
// here with the same settings (plaintext, the emulator's "owner" credentials that bypass
// security rules) and the counters; the client's own connection then stays unused.
func countingOptions() ([]option.ClientOption, error) {
	counters := []grpc.DialOption{grpc.WithChainUnaryInterceptor(countUnary), grpc.WithChainStreamInterceptor(countStream)}
	addr := os.Getenv("FIRESTORE_EMULATOR_HOST")
	if addr == "" {
		opts := make([]option.ClientOption, len(counters))
		for i, d := range counters {
			opts[i] = option.WithGRPCDialOption(d)
		}
		return opts, nil
	}
	conn, err := grpc.NewClient(strings.TrimPrefix(addr, "http://"), append(counters,
		grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithPerRPCCredentials(emulatorOwner{}),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(math.MaxInt32), grpc.MaxCallSendMsgSize(math.MaxInt32)))...)
	if err != nil {
		return nil, err
	}
	return []option.ClientOption{option.WithGRPCConn(conn)}, nil
}

// emulatorOwner is the credential the Firestore emulator treats as an administrator.
type emulatorOwner struct{}

func (emulatorOwner) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer owner"}, nil
}

func (emulatorOwner) RequireTransportSecurity() bool { return false }
