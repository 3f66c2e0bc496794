package sessions_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/openplay-games/openplay/shared/testenv"
)

// TestConcurrentJoinsToOneFreeSlot: of several players joining at once the last free place of a
// session, exactly one gets in; the others are told it is full.
func TestConcurrentJoinsToOneFreeSlot(t *testing.T) {
	d := newDirectory(t)
	host := testenv.NewPlayer(t, "Host")
	p := d.path("duo", "race")
	d.expect(http.StatusCreated, host.Token, http.MethodPut, p, `{}`)
	const n = 6
	players := make([]testenv.Player, n)
	for i := range players {
		players[i] = testenv.NewPlayer(t, "Joiner")
	}
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = d.call(players[i].Token, http.MethodPut, p, `{"members":{"me":{}}}`).status
		}()
	}
	wg.Wait()
	counts := map[int]int{}
	for _, s := range statuses {
		counts[s]++
	}
	if counts[http.StatusOK] != 1 || counts[http.StatusBadRequest] != n-1 {
		t.Fatalf("statuses %v; want one 200 and %d 400s", statuses, n-1)
	}
	doc := d.expect(http.StatusOK, host.Token, http.MethodGet, p, "").doc(t)
	if get(doc, "membersInfo", "count") != float64(2) {
		t.Errorf("members after the race: %s", js(doc["membersInfo"]))
	}
}

// TestRacingIfMatchWriters: writers sending the same ETag at once: exactly one wins, the others
// get 412 with the session as it now is.
func TestRacingIfMatchWriters(t *testing.T) {
	d := newDirectory(t)
	ana := testenv.NewPlayer(t, "Ana")
	p := d.path("lobby", "etag-race")
	etag := d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`).header.Get("ETag")
	const n = 6
	answers := make([]answer, n)
	var wg sync.WaitGroup
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = d.call(ana.Token, http.MethodPut, p, `{"properties":{"custom":{"writer":`+string(rune('0'+i))+`}}}`, "If-Match", etag)
		}()
	}
	wg.Wait()
	won := 0
	for _, a := range answers {
		switch a.status {
		case http.StatusOK:
			won++
		case http.StatusPreconditionFailed:
			if a.header.Get("ETag") == etag || a.doc(t)["changeNumber"] != float64(2) {
				t.Errorf("a 412 with %s and ETag %s", a.body, a.header.Get("ETag"))
			}
		default:
			t.Errorf("status %d %s", a.status, a.body)
		}
	}
	if won != 1 {
		t.Fatalf("%d writers won; want 1", won)
	}
}
