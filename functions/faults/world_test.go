package faults_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/auth"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/testenv"
	"github.com/openplay-games/openplay/shared/testenv/faultproxy"
)

// world is what one fault test runs in: a Firestore and Pub/Sub project of its own on the shared
// emulators, so that its relay publishes only its own records and its audit reads only its own
// data (players still sign up in the Auth emulator's project, whose tokens every instance here
// accepts); a proxy in front of Firestore and one in front of Pub/Sub for the instance under test;
// the notification consumers, fed by push subscriptions; and a checker service that reaches the
// emulators directly.
type world struct {
	t         *testing.T
	cfg       config.Config
	authProj  string
	firestore *faultproxy.Proxy
	pubsub    *faultproxy.Proxy
	checker   *service.Service
	pushes    *pushCounter
	log       *serverLog
}

func newWorld(t *testing.T) *world {
	cfg := testenv.Config(t)
	w := &world{t: t, cfg: cfg, authProj: cfg.ProjectID, pushes: &pushCounter{copies: map[string]int{}}, log: &serverLog{}}
	w.cfg.ProjectID = "demo-faults-" + ids.Random()[:10]
	w.firestore = faultproxy.Start(t, cfg.FirestoreEmulator)
	w.pubsub = faultproxy.Start(t, cfg.PubSubEmulator)
	w.checker = w.service()
	require.NoError(t, emulator.EnsureTopics(t.Context(), w.checker.Publisher, notification.Topics...))
	// its players invite each other many times a second, and each invitation must reach its inbox
	require.NoError(t, w.checker.Store.PutSettings(t.Context(), w.cfg.ApplicationID, testenv.LiftedLimits()))

	routes := functions.Routes(w.checker)
	consumers := httptest.NewServer(w.pushes.count(functions.Handler(w.checker, routes...)))
	t.Cleanup(consumers.Close)
	for _, r := range routes {
		if r.Trigger != functions.PubSub {
			continue
		}
		name := "faults-" + ids.Random()[:10]
		testenv.PushTo(t, w.checker.Publisher, name, r.Topic, consumers.URL+r.Path)
		t.Cleanup(func() { _ = emulator.DeleteSubscription(context.Background(), w.checker.Publisher, name) })
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("errors the services logged:\n%s", w.log)
		}
	})
	return w
}

// service is an OpenPlay service in the world's project, closed when the test ends. Its clients
// reach the emulators at the addresses the environment names when they are first used.
func (w *world) service() *service.Service {
	svc := service.New(w.cfg)
	svc.Auth = auth.New(w.authProj)
	svc.Logger = logging.New(w.log, slog.LevelError)
	w.t.Cleanup(func() { _ = svc.Close() })
	return svc
}

// instance is the OpenPlay instance under test, served in-process: the whole route table over
// HTTP, its Firestore and Pub/Sub reached through the world's proxies, public calls bounded by
// deadline.
type instance struct {
	svc   *service.Service
	url   string
	clock *clock
}

func (w *world) instance(deadline time.Duration) *instance {
	// The clients take the emulators' addresses from the environment when they are created: create
	// them now, pointed at the proxies.
	w.t.Setenv("FIRESTORE_EMULATOR_HOST", w.firestore.Addr())
	w.t.Setenv("PUBSUB_EMULATOR_HOST", w.pubsub.Addr())
	svc := w.service()
	_, err := svc.Store.Client(w.t.Context())
	require.NoError(w.t, err)
	require.NoError(w.t, emulator.EnsureTopics(w.t.Context(), svc.Publisher, notification.Topics...))
	w.t.Setenv("FIRESTORE_EMULATOR_HOST", w.cfg.FirestoreEmulator)
	w.t.Setenv("PUBSUB_EMULATOR_HOST", w.cfg.PubSubEmulator)

	c := &clock{}
	svc.Now = c.Now
	svc.RequestTimeout = deadline
	srv := httptest.NewServer(functions.Handler(svc, functions.Routes(svc)...))
	w.t.Cleanup(srv.Close)
	return &instance{svc: svc, url: srv.URL, clock: c}
}

// clock is the real time plus what a test skipped: relay passes a minute apart without waiting
// a minute.
type clock struct{ skipped atomic.Int64 }

func (c *clock) Now() time.Time { return time.Now().UTC().Add(time.Duration(c.skipped.Load())) }

func (c *clock) Skip(d time.Duration) { c.skipped.Add(int64(d)) }

// pushCounter counts the copies of each notification Pub/Sub pushed to the consumers.
type pushCounter struct {
	mu     sync.Mutex
	copies map[string]int
}

func (p *pushCounter) count(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var push struct {
			Message struct{ Attributes map[string]string }
		}
		if json.Unmarshal(body, &push) == nil && push.Message.Attributes["id"] != "" {
			p.mu.Lock()
			p.copies[push.Message.Attributes["id"]]++
			p.mu.Unlock()
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

func (p *pushCounter) total() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, c := range p.copies {
		n += c
	}
	return n
}

// serverLog reads what the services log at ERROR, line by line: it counts the 5xx other than 503
// they answered (from the access lines, so a call whose caller had given up counts too) and
// keeps the other lines (a 500's cause), shown if the test fails, up to 64 KiB; it counts the
// race detector's reports whatever was kept.
type serverLog struct {
	mu      sync.Mutex
	partial []byte
	served  int
	races   int
	kept    bytes.Buffer
}

func (s *serverLog) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.partial = append(s.partial, p...)
	for {
		line, rest, ok := bytes.Cut(s.partial, []byte("\n"))
		if !ok {
			break
		}
		s.read(line)
		s.partial = rest
	}
	return len(p), nil
}

// read takes one line; s.mu is held.
func (s *serverLog) read(line []byte) {
	var access struct {
		HTTPRequest struct{ Status int } `json:"httpRequest"`
	}
	_ = json.Unmarshal(line, &access)
	if bytes.Contains(line, []byte("WARNING: DATA RACE")) {
		s.races++
	}
	switch status := access.HTTPRequest.Status; {
	case status == http.StatusServiceUnavailable:
	case status >= 500:
		s.served++
	case status == 0 && s.kept.Len() < 64<<10:
		s.kept.Write(line)
		s.kept.WriteByte('\n')
	}
}

// dataRaces is how many data races the race detector reported.
func (s *serverLog) dataRaces() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.races
}

// served5xx is how many 5xx other than 503 the services answered.
func (s *serverLog) served5xx() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.served
}

func (s *serverLog) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.kept.String()
}
