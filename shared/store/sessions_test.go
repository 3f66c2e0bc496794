package store_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestPutSessionFromTwoInstancesAtOnce: two instances create a session under one name at once:
// one creates it, and the other's create applies to it. Then a lobby's eight members set their
// properties in the same instant, through the two instances. Every write succeeds and none is
// lost: each was applied to the session as the one before it left it (the session's change
// number counts all eight). At the same instant each member sets their activity in it, as a
// game's multiplayer manager does on every join: every member has one.
func TestPutSessionFromTwoInstancesAtOnce(t *testing.T) {
	instances := twoInstances(t)
	scid := newSCID()
	var ref session.Ref
	for name := range 5 { // both instances read it missing in most rounds
		ref = lobbyRef(t, scid, name)
		outcomes := make([]session.Outcome, 2)
		var wg sync.WaitGroup
		for i, st := range instances {
			wg.Go(func() {
				res, err := st.PutSession(t.Context(), ref, lobbyStart, createLobby(ref))
				if assert.NoError(t, err) {
					outcomes[i] = res.Outcome
				}
			})
		}
		wg.Wait()
		assert.ElementsMatch(t, []session.Outcome{session.Created, session.Updated}, outcomes, "%s: one create made the session", ref)
	}

	for _, err := range membersJoin(t, instances, ref, nil) {
		assert.NoError(t, err)
	}
	got, err := instances[0].Session(t.Context(), ref)
	require.NoError(t, err)
	assert.Len(t, got.Properties.Custom, lobbyMembers, "every member's property: %v", got.Properties.Custom)
	assert.Equal(t, int64(1+lobbyMembers), got.ChangeNumber, "the create and eight writes, each on the one before")
	acts, err := instances[1].Activities(t.Context(), ref.SCID, lobbyPlayers())
	require.NoError(t, err)
	assert.Len(t, acts, lobbyMembers, "every member's activity")
}

// BenchmarkHotSession: a lobby's eight members set their properties and their activity in the
// same instant through two instances (as TestPutSessionFromTwoInstancesAtOnce), a new lobby each iteration; it
// reports the median and the slowest of the members' property writes and of their activities.
func BenchmarkHotSession(b *testing.B) {
	instances, scid := twoInstances(b), newSCID()
	took := map[string][]time.Duration{}
	var mu sync.Mutex
	b.StopTimer()
	for i := range b.N {
		ref := lobbyRef(b, scid, i)
		_, err := instances[0].PutSession(b.Context(), ref, lobbyStart, createLobby(ref))
		require.NoError(b, err)
		b.StartTimer()
		errs := membersJoin(b, instances, ref, func(call string, d time.Duration) {
			mu.Lock()
			took[call] = append(took[call], d)
			mu.Unlock()
		})
		b.StopTimer()
		for _, err := range errs {
			require.NoError(b, err)
		}
	}
	for call, all := range took {
		slices.Sort(all)
		b.ReportMetric(float64(all[(len(all)-1)/2].Microseconds())/1000, call+"-ms-p50")
		b.ReportMetric(float64(all[len(all)-1].Microseconds())/1000, call+"-ms-max")
	}
}

// lobbyMembers set their properties at once; lobbyStart is when the lobbies start.
const lobbyMembers = 8

var lobbyStart = time.Now().UTC().Truncate(time.Microsecond)

// twoInstances are two stores with clients of their own, as two instances of the service have,
// both connected (a store connects on first use, which would delay one instance's first call).
func twoInstances(tb testing.TB) []*store.Store {
	instances := []*store.Store{store.New(testenv.Config(tb).ProjectID), store.New(testenv.Config(tb).ProjectID)}
	for _, st := range instances {
		_, err := st.Client(tb.Context())
		require.NoError(tb, err)
		tb.Cleanup(func() { _ = st.Close() })
	}
	return instances
}

// newSCID is a service config no other test writes.
func newSCID() string {
	return "00000000-0000-0000-0000-" + fmt.Sprintf("%012d", time.Now().UnixNano()%1e12)
}

func lobbyRef(tb testing.TB, scid string, n int) session.Ref {
	ref, err := session.ParseRef(scid, "lobby", fmt.Sprintf("hot%d", n))
	require.NoError(tb, err)
	return ref
}

// createLobby makes the session at ref with no members, or leaves the one stored as it is.
func createLobby(ref session.Ref) func(*session.Session, *session.Template) (*session.Result, error) {
	branch := ids.Random()
	return func(stored *session.Session, _ *session.Template) (*session.Result, error) {
		if stored != nil {
			return &session.Result{Session: stored, Outcome: session.Updated}, nil
		}
		return &session.Result{Session: &session.Session{Ref: ref, Branch: branch, StartTime: lobbyStart, ChangeNumber: 1,
			Constants:  session.Bag{System: map[string]any{"inactiveRemovalTimeout": nil}},
			Properties: session.Bag{Custom: map[string]any{}}}, Outcome: session.Created, Changed: true}, nil
	}
}

// lobbyPlayers are the lobby's members, by player ID.
func lobbyPlayers() []string {
	players := make([]string, lobbyMembers)
	for m := range players {
		players[m] = fmt.Sprintf("member%d", m)
	}
	return players
}

// membersJoin has the lobbyMembers members each set a custom property of the session at ref
// and their activity in it (as a game's multiplayer manager does on every join), all at the
// same instant, alternately through the instances, and returns their errors. Each call's latency goes to timed (when not nil), named
// "properties" or "activity".
func membersJoin(tb testing.TB, instances []*store.Store, ref session.Ref, timed func(call string, d time.Duration)) []error {
	type call struct {
		name string
		run  func(st *store.Store, member string) error
	}
	calls := []call{{"properties", func(st *store.Store, member string) error {
		_, err := st.PutExistingSession(tb.Context(), ref, lobbyStart, func(stored *session.Session, _ *session.Template) (*session.Result, error) {
			stored.Properties.Custom.(map[string]any)[member] = true
			stored.ChangeNumber++
			return &session.Result{Session: stored, Outcome: session.Updated, Changed: true}, nil
		})
		return err
	}}, {"activity", func(st *store.Store, member string) error {
		_, err := st.SetActivity(tb.Context(), ref, member, func(stored *session.Session) (*session.Activity, error) {
			return &session.Activity{ID: ids.Random(), Ref: stored.Ref, Branch: stored.Branch, Owner: member, Since: lobbyStart}, nil
		})
		return err
	}}}
	errs := make([]error, len(calls)*lobbyMembers)
	var wg sync.WaitGroup
	for i, c := range calls {
		for m, member := range lobbyPlayers() {
			wg.Go(func() {
				start := time.Now()
				errs[i*lobbyMembers+m] = c.run(instances[m%len(instances)], member)
				if timed != nil {
					timed(c.name, time.Since(start))
				}
			})
		}
	}
	wg.Wait()
	return errs
}

// TestSessionDocumentAcrossItsLife: a session's write replaces its stored fields, so what the
// session no longer has is gone from the document. Ended, the document keeps only the
// correlationId and the TTL's expireAt; made again under the name, the session keeps the
// correlationId and the document loses both fields.
func TestSessionDocumentAcrossItsLife(t *testing.T) {
	s := testenv.Service(t).Store
	ref := lobbyRef(t, newSCID(), 0)
	path := store.Sessions + "/" + ref.Key()
	lobby := func(correlationID string) func(*session.Session, *session.Template) (*session.Result, error) {
		return func(*session.Session, *session.Template) (*session.Result, error) {
			return &session.Result{Session: &session.Session{Ref: ref, Branch: ids.Random(), StartTime: lobbyStart, ChangeNumber: 1,
				ApplicationID: "app", CorrelationID: correlationID,
				Constants: session.Bag{System: map[string]any{"inactiveRemovalTimeout": nil}}}, Outcome: session.Created, Changed: true}, nil
		}
	}
	_, err := s.PutSession(t.Context(), ref, lobbyStart, lobby("first"))
	require.NoError(t, err)
	doc := rawDoc(t, s, path)
	assert.Equal(t, "app", doc["applicationId"])
	assert.NotContains(t, doc, "expireAt")

	_, err = s.PutExistingSession(t.Context(), ref, lobbyStart, func(*session.Session, *session.Template) (*session.Result, error) {
		return &session.Result{Outcome: session.Deleted, Changed: true}, nil
	})
	require.NoError(t, err)
	doc = rawDoc(t, s, path)
	assert.Equal(t, "first", doc["correlationId"])
	assert.Equal(t, lobbyStart.Add(store.EndedSessionRetention), doc["expireAt"])
	assert.NotContains(t, doc, "applicationId", "the ended session's fields are gone")
	assert.Empty(t, doc["doc"])

	_, err = s.PutSession(t.Context(), ref, lobbyStart, lobby("second"))
	require.NoError(t, err)
	doc = rawDoc(t, s, path)
	assert.NotContains(t, doc, "expireAt", "made again, it no longer expires")
	assert.NotContains(t, doc, "correlationId", "a live session's ID is in its JSON document")
	assert.Equal(t, "app", doc["applicationId"])
	again, err := s.Session(t.Context(), ref)
	require.NoError(t, err)
	assert.Equal(t, "first", again.CorrelationID, "made again, it keeps its ID")
}
