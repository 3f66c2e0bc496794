package main

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/auth"
	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/testenv"
)

// budget is the most one call of a route may cost in Firestore: transactions, documents read per
// transaction attempt (a retry after contention reads again), and documents written other than
// outbox records (one per notification the call owes, whatever their number).
type budget struct{ transactions, reads, stateWrites int64 }

// budgetOf is the performance budget of docs/architecture.md for a mutating call — one
// transaction that reads the state document and at most one more and writes the state document
// — and the exceptions its data model explains. definitions is how many event definitions an
// events.record batch names, periods how many periods it reports.
func budgetOf(route string, definitions, periods int64) budget {
	switch route {
	case "EventsRecord":
		// The player's counters and record rate live in one events document; each applied period
		// and requestId has a document of its own (kept in the events document they would grow
		// without bound), all read and written in the one transaction. The definitions the batch
		// names are read once a minute per instance, and the call that reads them is the worst.
		return budget{transactions: 1, reads: 2 + periods + definitions, stateWrites: 2 + periods}
	case "RoomsCreate", "TurnBasedMatchesCreate", "SessionHandlesCreate":
		// A call that invites players also writes the sender's invitation window, the one more
		// document it reads, which charges the invitations to the sender's limits in the same
		// transaction (docs/architecture.md).
		return budget{transactions: 1, reads: 2, stateWrites: 2}
	case "SessionsPutByHandle":
		// The handle is read before the session's transaction, and a transfer handle's origin too:
		// the caller gets in only as one of its members (docs/sessions.md, Transfers).
		return budget{transactions: 1, reads: 3, stateWrites: 1}
	case "TurnBasedMatchesRematch":
		// The new match, and the old one's rematchId, which makes a second rematch a 409 and a
		// retry with the same requestId return the first.
		return budget{transactions: 1, reads: 2, stateWrites: 2}
	case "SessionHandlesQuery":
		// A search query (POST, as MPSD has it) writes nothing and reads the template's newest
		// search handles, each in its session, at most session.MaxSearchScan of them.
		return budget{transactions: 0, reads: session.MaxSearchScan, stateWrites: 0}
	case "SignalsSend":
		// It reads the room without a transaction and writes only the signal, so that signalling
		// never contends with the room (docs/realtime.md).
		return budget{transactions: 0, reads: 1, stateWrites: 1}
	}
	return budget{transactions: 1, reads: 2, stateWrites: 1}
}

// loneWrites are the routes some of whose calls write one document alone, with no transaction,
// which is atomic by itself: an activity set or deleted, a transfer handle made (the sessions
// they check are read, not locked: docs/architecture.md). Their other calls, and every other
// route that writes, write in a transaction.
var loneWrites = map[string]bool{"SessionHandlesCreate": true, "SessionHandlesDelete": true}

// byIDReads is the most documents a read of one resource by its ID (a route named …Get whose
// path ends in that ID) may read: the resource and at most one more, as a mutating call's
// transaction (a handle and the session that decides who may read it). The detours read a
// transfer handle as a member of its origin (two reads); a reader who is neither its sender nor
// in its origin reads both its sessions (three, as SessionsPutByHandle's budget), a call no
// scenario makes.
const byIDReads = 2

// byID reports whether route reads one resource by its ID, which every scenario run must call.
func byID(route functions.Route) bool {
	return route.Method == http.MethodGet && strings.HasSuffix(route.Name, "Get") && strings.HasSuffix(route.Path, "}")
}

// postQueries are the routes that read only although their method is POST, as MPSD's queries
// whose body names what they look for: held to no writes, as a GET is.
var postQueries = map[string]bool{"SessionsBatchQuery": true, "SessionHandlesQuery": true}

// TestCostBudget drives every scenario of the bench once, in a process of its own on the
// emulators (the whole route table, as the dev server serves it), and holds each call to its
// route's budget, read from the access line the store's meter adds its cost to: a mutating call
// to budgetOf, a read (a GET, or one of postQueries) to no writes at all, and one by ID to
// byIDReads. Every route that is not a GET, and every read by ID, must be among the calls, so a
// new one cannot escape the budget.
func TestCostBudget(t *testing.T) {
	cfg := testenv.Config(t)
	authProject := cfg.ProjectID
	// A Firestore and Pub/Sub project of its own, so that the push subscriptions below deliver
	// only this test's notifications.
	cfg.ProjectID = "demo-cost-" + ids.Random()[:10]
	cfg.ApplicationID = cfg.ProjectID
	svc := service.New(cfg)
	svc.Auth = auth.New(authProject)
	log, err := os.Create(filepath.Join(t.TempDir(), "log"))
	require.NoError(t, err)
	svc.Logger = logging.New(log, slog.LevelInfo)
	t.Cleanup(func() { _ = log.Close() })
	t.Cleanup(func() { _ = svc.Close() })
	ctx := t.Context()
	root := filepath.Join("..", "..", "..")
	require.NoError(t, emulator.EnsureTopics(ctx, svc.Publisher, notification.Topics...))
	require.NoError(t, loadSamples(ctx, svc, root))

	routes := functions.Routes(svc)
	srv := httptest.NewServer(functions.Handler(svc, routes...))
	t.Cleanup(srv.Close)
	for _, r := range routes {
		if r.Trigger == functions.PubSub { // as the dev server delivers notifications to inboxes
			name := "cost-" + r.Name + "-" + ids.Random()[:8]
			testenv.PushTo(t, svc.Publisher, name, r.Topic, srv.URL+r.Path)
			t.Cleanup(func() { _ = emulator.DeleteSubscription(context.Background(), svc.Publisher, name) })
		}
	}
	b, err := newBench(settings{Turns: 2, RoomSize: 2, LobbySize: 2, DataMin: 1024, DataMax: 1024, root: root}, srv.URL, routes, cfg.AuthEmulator, testLog{t})
	require.NoError(t, err)
	rec := &recorder{}
	for _, sc := range b.scenarios() {
		require.NoError(t, b.players.ensure(ctx, sc.name, 1, sc.size))
		r := b.client.run(ctx, rec)
		sc.play(b, r, b.players.group(sc.name, 0))
		require.NoError(t, r.err, sc.name)
	}

	raw, err := os.ReadFile(log.Name())
	require.NoError(t, err)
	counts := readCosts(raw)
	called := map[string]bool{}
	for _, s := range rec.all() {
		n, ok := counts[s.requestID]
		require.True(t, ok, "%s: no access line with its cost", s.label)
		route := b.client.routes[routeOf(s.label)]
		called[route.Name] = true
		if route.Method == http.MethodGet || postQueries[route.Name] {
			assert.Zero(t, n.Writes+n.Transactions, "%s reads only: %+v", s.label, n)
			if byID(route) {
				assert.LessOrEqual(t, n.Reads, int64(byIDReads), "%s: reads (%+v)", s.label, n)
			}
			continue
		}
		want := budgetOf(route.Name, int64(len(b.eventIDs)), recordPeriods)
		assert.LessOrEqual(t, n.Transactions, want.transactions, "%s: transactions (%+v)", s.label, n)
		assert.LessOrEqual(t, (n.Reads+max(n.Attempts, 1)-1)/max(n.Attempts, 1), want.reads, "%s: reads per attempt (%+v)", s.label, n)
		assert.LessOrEqual(t, n.Writes-n.OutboxWrites, want.stateWrites, "%s: writes besides outbox records (%+v)", s.label, n)
		if want.transactions > 0 && n.Writes > 0 && !(loneWrites[route.Name] && n.Writes == 1) {
			assert.Positive(t, n.Transactions, "%s writes outside a transaction (%+v)", s.label, n)
		}
	}
	for _, r := range routes {
		if r.Trigger == functions.HTTP && r.Method != http.MethodGet {
			assert.True(t, called[r.Name], "%s (%s %s) changes state, but no scenario calls it", r.Name, r.Method, r.Path)
		}
		if byID(r) {
			assert.True(t, called[r.Name], "%s (%s %s) reads by ID, but no scenario calls it", r.Name, r.Method, r.Path)
		}
	}
}
