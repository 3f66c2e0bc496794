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
// number counts all eight).
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

	for _, err := range membersSetProperties(t, instances, ref) {
		assert.NoError(t, err)
	}
	got, err := instances[0].Session(t.Context(), ref)
	require.NoError(t, err)
	assert.Len(t, got.Properties.Custom, lobbyMembers, "every member's property: %v", got.Properties.Custom)
	assert.Equal(t, int64(1+lobbyMembers), got.ChangeNumber, "the create and eight writes, each on the one before")
}

// BenchmarkHotSession: a lobby's eight members set their properties in the same instant through
// two instances (as TestPutSessionFromTwoInstancesAtOnce), reporting the calls' median and
// slowest latency.
func BenchmarkHotSession(b *testing.B) {
	instances, scid := twoInstances(b), newSCID()
	var p50, slowest time.Duration
	b.StopTimer()
	for i := range b.N {
		ref := lobbyRef(b, scid, i)
		_, err := instances[0].PutSession(b.Context(), ref, lobbyStart, createLobby(ref))
		require.NoError(b, err)
		var took []time.Duration
		var mu sync.Mutex
		b.StartTimer()
		errs := membersSetProperties(b, instances, ref, func(d time.Duration) {
			mu.Lock()
			took = append(took, d)
			mu.Unlock()
		})
		b.StopTimer()
		for _, err := range errs {
			require.NoError(b, err)
		}
		slices.Sort(took)
		p50, slowest = p50+took[len(took)/2], slowest+took[len(took)-1]
	}
	b.ReportMetric(float64(p50.Milliseconds())/float64(b.N), "ms-p50")
	b.ReportMetric(float64(slowest.Milliseconds())/float64(b.N), "ms-max")
}

// lobbyMembers set their properties at once; lobbyStart is when the lobbies start.
const lobbyMembers = 8

var lobbyStart = time.Now().UTC().Truncate(time.Microsecond)

// twoInstances are two stores with clients of their own, as two instances of the service have.
func twoInstances(tb testing.TB) []*store.Store {
	return []*store.Store{store.New(testenv.Config(tb).ProjectID), store.New(testenv.Config(tb).ProjectID)}
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

// membersSetProperties has lobbyMembers members each set a custom property of the session at
// ref at the same instant, alternately through the instances, and returns their errors; each
// call's latency goes to the timed functions.
func membersSetProperties(tb testing.TB, instances []*store.Store, ref session.Ref, timed ...func(time.Duration)) []error {
	errs := make([]error, lobbyMembers)
	var wg sync.WaitGroup
	for member := range lobbyMembers {
		wg.Go(func() {
			start := time.Now()
			_, errs[member] = instances[member%len(instances)].PutExistingSession(tb.Context(), ref, lobbyStart,
				func(stored *session.Session, _ *session.Template) (*session.Result, error) {
					stored.Properties.Custom.(map[string]any)[fmt.Sprintf("member%d", member)] = member
					stored.ChangeNumber++
					return &session.Result{Session: stored, Outcome: session.Updated, Changed: true}, nil
				})
			for _, f := range timed {
				f(time.Since(start))
			}
		})
	}
	wg.Wait()
	return errs
}
