package sessions_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestConcurrentJoinsToOneFreeSlot: of several players joining at once the last free place of a
// session, through two instances, exactly one gets in; the others are told it is full.
func TestConcurrentJoinsToOneFreeSlot(t *testing.T) {
	d := newDirectory(t)
	instances := []string{d.URL, d.secondInstance()}
	host := testenv.NewPlayer(t, "Host")
	p := d.path("duo", "race")
	d.expect(http.StatusCreated, host.Token, http.MethodPut, p, `{}`)
	const n = 6
	players := make([]testenv.Player, n)
	for i := range players {
		players[i] = testenv.NewPlayer(t, "Joiner")
	}
	statuses := make([]int, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var a answer
			a, errs[i] = d.callAtErr(t.Context(), instances[i%2], players[i].Token, http.MethodPut, p, `{"members":{"me":{}}}`)
			statuses[i] = a.status
		}()
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "joiner %d", i)
	}
	counts := map[int]int{}
	for _, s := range statuses {
		counts[s]++
	}
	require.Equal(t, 1, counts[http.StatusOK], "statuses %v; want one 200 and %d 400s", statuses, n-1)
	require.Equal(t, n-1, counts[http.StatusBadRequest], "statuses %v; want one 200 and %d 400s", statuses, n-1)
	doc := d.expect(http.StatusOK, host.Token, http.MethodGet, p, "").doc(t)
	assert.Equal(t, float64(2), get(doc, "membersInfo", "count"), "members after the race: %s", js(doc["membersInfo"]))
}

// TestRacingIfMatchWriters: writers sending the same ETag at once, through two instances:
// exactly one wins, the others get 412 with the session as it now is.
func TestRacingIfMatchWriters(t *testing.T) {
	d := newDirectory(t)
	instances := []string{d.URL, d.secondInstance()}
	ana := testenv.NewPlayer(t, "Ana")
	p := d.path("lobby", "etag-race")
	etag := d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`).header.Get("ETag")
	const n = 6
	answers := make([]answer, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i], errs[i] = d.callAtErr(t.Context(), instances[i%2], ana.Token, http.MethodPut, p, `{"properties":{"custom":{"writer":`+string(rune('0'+i))+`}}}`, "If-Match", etag)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "writer %d", i)
	}
	won := 0
	for _, a := range answers {
		switch a.status {
		case http.StatusOK:
			won++
		case http.StatusPreconditionFailed:
			assert.NotEqual(t, etag, a.header.Get("ETag"), "a 412 with %s", a.body)
			assert.Equal(t, float64(2), a.doc(t)["changeNumber"], "a 412 with ETag %s", a.header.Get("ETag"))
		default:
			assert.Fail(t, "unexpected status", "status %d %s", a.status, a.body)
		}
	}
	require.Equal(t, 1, won, "writers who won")
}

// TestDeleteRacingANewActivity: an owner's activity deleted by ID while the owner sets a new one:
// the delete finds the old activity or nothing (204 or 404), never the new one, which holds
// afterwards whatever the order.
func TestDeleteRacingANewActivity(t *testing.T) {
	d := newDirectory(t)
	ana := testenv.NewPlayer(t, "Ana")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("lobby", "act-race"), `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	activity := `{"type":"activity","version":1,"sessionRef":{"scid":"` + d.scid + `","templateName":"lobby","name":"act-race"}}`
	for round := range 5 {
		old := handleID(t, d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", activity).doc(t))
		var deleted, set answer
		var deleteErr, setErr error
		var wg sync.WaitGroup
		wg.Go(func() {
			deleted, deleteErr = d.callAtErr(t.Context(), d.URL, ana.Token, http.MethodDelete, "/handles/"+old, "")
		})
		wg.Go(func() {
			set, setErr = d.callAtErr(t.Context(), d.URL, ana.Token, http.MethodPost, "/handles", activity)
		})
		wg.Wait()
		require.NoError(t, deleteErr, "round %d: the delete", round)
		require.NoError(t, setErr, "round %d: the new activity", round)
		require.Equal(t, http.StatusCreated, set.status, "round %d: %s", round, set.body)
		assert.Contains(t, []int{http.StatusNoContent, http.StatusNotFound}, deleted.status, "round %d: %s", round, deleted.body)
		made := handleID(t, set.doc(t))
		d.expect(http.StatusOK, ana.Token, http.MethodGet, "/handles/"+made, "")
		d.expect(http.StatusNotFound, ana.Token, http.MethodGet, "/handles/"+old, "")
	}
}

// TestDeleteOfAnActivityReplacedOnceFound: the owner's new activity replaces the one a delete by
// ID found, after the delete's query and before its transaction commits (here from inside the
// delete's check, through another instance's store). The delete is a 404 and the new activity
// stays.
func TestDeleteOfAnActivityReplacedOnceFound(t *testing.T) {
	d := newDirectory(t)
	other := store.New(d.svc.Config.ProjectID)
	t.Cleanup(func() { _ = other.Close() })
	ana := testenv.NewPlayer(t, "Ana")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("lobby", "act-replaced"), `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	activity := `{"type":"activity","version":1,"sessionRef":{"scid":"` + d.scid + `","templateName":"lobby","name":"act-replaced"}}`
	old := handleID(t, d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", activity).doc(t))
	newID := session.NewHandleID(session.InActivity, [16]byte{1, 2, 3})
	checks := 0
	err := d.svc.Store.DeleteActivity(t.Context(), old, func(a *session.Activity, _ *session.Session) error {
		checks++
		_, err := other.SetActivity(t.Context(), a.Ref, ana.ID, func(s *session.Session) (*session.Activity, error) {
			return s.SetActivity(newID, session.Caller{ID: ana.ID}, d.clock.Now())
		})
		require.NoError(t, err, "the new activity")
		return nil
	})
	require.True(t, errs.Is(err, errs.NotFound), "the delete: %v", err)
	assert.Equal(t, 1, checks, "the delete found the old activity once")
	d.expect(http.StatusOK, ana.Token, http.MethodGet, "/handles/"+newID, "")
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, "/handles/"+old, "")
}
