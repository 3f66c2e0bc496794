package budget

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"cloud.google.com/go/firestore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// concurrency is how many calls a deployed function instance takes at once (functions/deploy).
const concurrency = 80

// setupParallelism is how many calls the fixture makes at once while it builds state.
const setupParallelism = 16

// fixture is the instance under test and the state its worst cases build, through its own API
// wherever a client could build it.
type fixture struct {
	t      *testing.T
	svc    *service.Service
	url    string
	client *http.Client
	clock  *clock

	routes map[string]functions.Route
	// after, when a worst case sets it, undoes what the case did to the instance (its clock).
	after func()

	mu            sync.Mutex
	players       []testenv.Player
	events        []string
	serviceConfig string
	bigSessions   []string
	inviteHandles []string
	delivered     []string
}

// worstCase builds the state a route's worst accepted input needs and returns its calls.
type worstCase func(f *fixture) []call

// clear deletes the fixture's rooms and matches and their outbox records (all of its
// application) after each case, and with all its other state after the test, so that the emulator, which the other packages'
// tests share and whose queries read whole collections, does not keep hundreds of the largest
// documents.
func (f *fixture) clear(all bool) {
	ctx := context.Background() // also after the test, when its context is done
	client, err := f.svc.Store.Client(ctx)
	require.NoError(f.t, err)
	app := f.svc.Config.ApplicationID
	queries := []firestore.Query{client.Collection(store.Rooms).Where("applicationId", "==", app),
		client.Collection(store.Matches).Where("applicationId", "==", app), client.Collection(store.Outbox).Where("applicationId", "==", app)}
	if all && f.serviceConfig != "" {
		queries = append(queries, client.Collection(store.Sessions).Where("scid", "==", f.serviceConfig),
			client.Collection(store.SessionTemplates).Where("scid", "==", f.serviceConfig),
			client.Collection(store.SessionHandles).Where("sessionRef.scid", "==", f.serviceConfig),
			client.Collection(store.SessionActivities).Where("sessionRef.scid", "==", f.serviceConfig))
	}
	bw := client.BulkWriter(ctx)
	for _, q := range queries {
		snaps, err := q.Select().Documents(ctx).GetAll()
		require.NoError(f.t, err)
		for _, snap := range snaps {
			_, err := bw.Delete(snap.Ref)
			require.NoError(f.t, err)
		}
	}
	bw.End()
	if all && f.events != nil {
		assert.NoError(f.t, f.svc.Store.WriteDefinitions(ctx, nil, f.events), "deleting the event definitions")
	}
}

// guid is a random GUID, for service configs and session branches.
func guid() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// clock is the instance's clock: the real time moved by an offset, which the sweeper's worst
// case moves past every timer and the relay's sets years back (see those cases).
type clock struct{ offset atomic.Int64 }

func (c *clock) Now() time.Time           { return time.Now().UTC().Add(time.Duration(c.offset.Load())) }
func (c *clock) set(offset time.Duration) { c.offset.Store(int64(offset)) }

// call is one request of a worst case.
type call struct {
	method, path string
	token        string
	body         []byte
}

// json encodes v as a request body.
func body(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	return raw
}

// request builds c as an HTTP request to the instance (MPSD paths with the contract header).
func (f *fixture) request(c call) *http.Request {
	f.t.Helper()
	req, err := http.NewRequest(c.method, f.url+c.path, nil)
	require.NoError(f.t, err)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if strings.HasPrefix(c.path, "/serviceconfigs/") || strings.HasPrefix(c.path, "/handles") {
		req.Header.Set("X-Xbl-Contract-Version", "107")
	}
	return req
}

// do sends c and decodes a 2xx answer into out (if not nil); anything else fails the test (it
// goes on: do runs on setup goroutines, and parallel stops the test).
func (f *fixture) do(c call, out any) {
	f.t.Helper()
	req := f.request(c)
	if c.body != nil {
		req.Body = io.NopCloser(bytes.NewReader(c.body))
		req.ContentLength = int64(len(c.body))
	}
	res, err := f.client.Do(req)
	if !assert.NoError(f.t, err, "%s %s", c.method, c.path) {
		return
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if !assert.Equal(f.t, 2, res.StatusCode/100, "%s %s: %d %.400s; want a 2xx", c.method, c.path, res.StatusCode, raw) {
		return
	}
	if out != nil {
		assert.NoError(f.t, json.Unmarshal(raw, out), "%s %s: the answer", c.method, c.path)
	}
}

// parallel runs fn(0) … fn(n-1), setupParallelism at a time; the test stops if one failed.
func (f *fixture) parallel(n int, fn func(i int)) {
	failed := f.t.Failed()
	sem := make(chan struct{}, setupParallelism)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			fn(i)
		})
	}
	wg.Wait()
	require.False(f.t, f.t.Failed() && !failed, "a setup call failed (above)")
}

// pool returns the first n players of the fixture's pool, signing up those it lacks.
func (f *fixture) pool(n int) []testenv.Player {
	f.mu.Lock()
	have := len(f.players)
	f.mu.Unlock()
	if have < n {
		made := make([]testenv.Player, n-have)
		f.parallel(n-have, func(i int) { made[i] = testenv.NewPlayer(f.t, fmt.Sprintf("Player%d", have+i)) })
		f.mu.Lock()
		f.players = append(f.players, made...)
		f.mu.Unlock()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.players[:n]
}

// crowd is 80 players, none of them in the fixture's casts.
func (f *fixture) crowd() []testenv.Player { return f.pool(16 + concurrency)[16:] }

// ids of players.
func playerIDs(players []testenv.Player) []string {
	out := make([]string, len(players))
	for i, p := range players {
		out[i] = p.ID
	}
	return out
}

// calls makes n calls with build.
func calls(n int, build func(i int) call) []call {
	out := make([]call, n)
	for i := range out {
		out[i] = build(i)
	}
	return out
}

// text is a string of n bytes.
func text(n int) string { return strings.Repeat("x", n) }

// unique is a fresh identifier, for request IDs and names.
func unique() string { return ids.Random()[:12] }

// requestID is a fresh Play Games requestId.
var nextRequestID atomic.Int64

func requestID() string {
	nextRequestID.CompareAndSwap(0, time.Now().UnixNano()/1000)
	return fmt.Sprint(nextRequestID.Add(1))
}

// maxData is the most game state a turn may carry, base64 (URL-safe) as the API takes it.
var maxData = base64.URLEncoding.EncodeToString(bytes.Repeat([]byte{0xa5}, match.MaxDataBytes))
