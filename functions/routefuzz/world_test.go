package routefuzz_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/auth"
	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// world is what the fuzz target's requests address, made once per process: an instance serving
// the whole route table in a Firestore and Pub/Sub project of its own (so that the private
// routes, sweep, matchmake and relay, touch only its data, and fuzzing processes share nothing
// but the Auth emulator), four players signed up in the Auth emulator (ana, ben and cal; dan
// signs in as a server principal), an application whose per-player limits are lifted, the sample
// event definitions, two session templates, and rooms, matches, sessions, an invite handle and an
// inbox entry in the states the routes act on, none of whose timers fires during a run. Inputs
// name them by placeholder ({{ben}}, {{room1}}).
//
// The world stays as it was made: a 4xx must change nothing (the target checks it), and a
// mutating call that succeeded on a resource is followed by building that resource again.
type world struct {
	svc      *service.Service
	routes   []functions.Route
	url      string
	log      *testenv.LogBuffer // what the instance logs at WARNING and up, for the failing request's message
	players  map[string]testenv.Player
	callers  []caller
	values   map[string]string    // placeholder → value, for what does not change: player IDs, scid, templates
	res      map[string]*resource // placeholder → a resource, built again after a call changed it
	resOrder []string             // the resources' placeholders, in the order they are built
}

// caller is who sends a request: a player's token, a server principal's, none, or a broken one.
type caller struct {
	name   string
	token  string
	player string // the uid; empty when the token names nobody
}

// resource is a room, match, session, invite handle or inbox entry of the world.
type resource struct {
	id    string
	build func(w *world, t testing.TB) string
	// doc is the Firestore path of the document that holds the resource's state.
	doc func(w *world, id string) string
	// dependents are built on this resource and are built again with it (a handle on its session);
	// reaches are what a call on it may change besides it (a session written through a handle).
	dependents, reaches []string
}

// Session templates of the world: no timer ever fires (a reservation or an inactive member
// would otherwise leave the world on a read), so that reads never write.
var templates = map[string]string{
	"lobby": `{"constants":{"system":{"maxMembersCount":4,"visibility":"open","inviteProtocol":"game","reservedRemovalTimeout":null,
		"inactiveRemovalTimeout":null,"readyRemovalTimeout":null,"capabilities":{"crossPlay":true,"searchable":true}},"custom":{"mode":"ffa"}}}`,
	"game": `{"constants":{"system":{"maxMembersCount":4,"visibility":"private","reservedRemovalTimeout":null,
		"inactiveRemovalTimeout":null,"readyRemovalTimeout":null}},"roleTypes":{"lfg":{"roles":{"friend":{"max":2}}}}}`,
}

// settings lift the invitation limits (the target invites the same players many times a second),
// give a connecting room a year to become active (so that no timer of the world's games fires
// during a run; the others are days long already), and give the application ICE servers, so that
// IceServersGet mints TURN credentials.
const settings = `{"limits":{"invitations":{"window":"1s","perSender":1000,"perSenderToOnePlayer":1000,"perRecipient":1000}},
	"timeouts":{"roomConnection":"8760h"},
	"realtime":{"stunUrls":["stun:stun.example.com:3478"],"turnUrls":["turn:turn.example.com:3478?transport=udp"]}}`

var (
	once   sync.Once
	shared *world
)

// theWorld makes the world on first use and returns it; each fuzzing process has its own.
func theWorld(t testing.TB) *world {
	once.Do(func() { shared = newWorld(t) })
	require.NotNil(t, shared, "the world could not be made (see the first failure)")
	return shared
}

func newWorld(t testing.TB) *world {
	cfg := testenv.Config(t)
	authProject := cfg.ProjectID
	cfg.ProjectID = "demo-fuzz-" + ids.Random()[:10]
	cfg.ApplicationID = cfg.ProjectID
	cfg.TURNSecret = "fuzz-turn-secret"
	cfg.Events.RatePerMinute = 1 << 30
	w := &world{log: &testenv.LogBuffer{Max: 1 << 20}, values: map[string]string{}, res: map[string]*resource{}}
	w.svc = service.New(cfg)
	w.svc.Auth = auth.New(authProject)
	w.svc.Logger = logging.New(w.log, slog.LevelWarn)
	// The world outlives the test that made it (the fuzz engine calls the target many times in one
	// process): its service and server are never closed, and go with the process.
	ctx := context.Background()
	require.NoError(t, emulator.EnsureTopics(ctx, w.svc.Publisher, notification.Topics...))
	s, err := application.Parse([]byte(settings))
	require.NoError(t, err)
	require.NoError(t, w.svc.Store.PutSettings(ctx, cfg.ApplicationID, s))
	w.putDefinitions(t)
	w.putTemplates(t)

	w.routes = functions.Routes(w.svc)
	w.url = httptest.NewServer(functions.Handler(w.svc, w.routes...)).URL

	w.players = map[string]testenv.Player{}
	for _, name := range []string{"ana", "ben", "cal", "dan"} {
		p := testenv.NewPlayer(t, strings.ToUpper(name[:1])+name[1:])
		w.players[name] = p
		w.values[name] = p.ID
	}
	dan := w.players["dan"]
	w.callers = []caller{{name: "nobody"}, w.player("ana"), w.player("ben"), w.player("cal"),
		{name: "server", player: dan.ID, token: dan.WithClaims(t, func(c map[string]any) { c[player.ServerClaim] = true })},
		{name: "forged", token: "not-a-token"}}
	w.addResources(t)
	return w
}

func (w *world) player(name string) caller {
	p := w.players[name]
	return caller{name: name, token: p.Token, player: p.ID}
}

func (w *world) callerNamed(name string) int {
	for i, c := range w.callers {
		if c.name == name {
			return i
		}
	}
	panic("no caller " + name)
}

// putDefinitions stores the sample event definitions (infra/events.json) in the world's project.
func (w *world) putDefinitions(t testing.TB) {
	raw, err := os.ReadFile("../../infra/events.json")
	require.NoError(t, err)
	var file struct{ Events []event.Definition }
	require.NoError(t, json.Unmarshal(raw, &file))
	defs, err := event.Prepare(file.Events)
	require.NoError(t, err)
	require.NoError(t, w.svc.Store.WriteDefinitions(context.Background(), defs, nil))
}

// putTemplates stores the world's session templates under a service config of its own.
func (w *world) putTemplates(t testing.TB) {
	w.values["scid"] = guid()
	var list []*session.Template
	for i, name := range []string{"lobby", "game"} {
		tpl, err := session.ParseTemplate(w.values["scid"], name, []byte(templates[name]))
		require.NoError(t, err)
		list = append(list, tpl)
		w.values[fmt.Sprintf("template%d", i)] = name
	}
	require.NoError(t, w.svc.Store.WriteTemplates(context.Background(), list, nil))
}

// addResources builds every resource of the world.
func (w *world) addResources(t testing.TB) {
	in := func(collection string) func(*world, string) string {
		return func(_ *world, id string) string { return collection + "/" + id }
	}
	sessionOf := func(template string) func(*world, string) string {
		return func(w *world, name string) string {
			return store.Sessions + "/" + session.Ref{SCID: w.values["scid"], Template: template, Name: name}.Key()
		}
	}
	add := func(name string, r *resource) {
		w.res[name], w.resOrder = r, append(w.resOrder, name)
	}
	add("room0", &resource{build: (*world).invitingRoom, doc: in(store.Rooms)})
	add("room1", &resource{build: (*world).connectingRoom, doc: in(store.Rooms)})
	for i, build := range []func(*world, testing.TB) string{(*world).freshMatch, (*world).invitedMatch, (*world).joinedMatch, (*world).completeMatch} {
		add(fmt.Sprintf("match%d", i), &resource{build: build, doc: in(store.Matches)})
	}
	add("session0", &resource{build: (*world).lobby, doc: sessionOf("lobby"), dependents: []string{"handle0"}})
	add("session1", &resource{build: (*world).privateGame, doc: sessionOf("game")})
	add("handle0", &resource{build: (*world).handle, doc: in(store.SessionHandles), reaches: []string{"session0"}})
	add("note0", &resource{build: (*world).inboxEntry, doc: func(w *world, id string) string {
		return "players/" + store.PlayerDocID(w.players["ana"].ID) + "/inbox/" + id
	}})
	for _, name := range w.resOrder {
		w.res[name].id = w.res[name].build(w, t)
	}
}

// rebuild builds the named resources again, in the order they were first built.
func (w *world) rebuild(t testing.TB, names []string) {
	for _, name := range names {
		w.res[name].id = w.res[name].build(w, t)
	}
}

// guid is a random GUID, as a scid or a subscription ID.
func guid() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
