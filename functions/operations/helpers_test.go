package operations_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/openplay-games/openplay/functions/functionstest"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/testenv"
)

// api is the route table on the emulators, for an application of its own (so that the sweeper
// and matcher of one test never touch another's games) and with a clock the test moves.
type api struct {
	*functionstest.API
	clock *testenv.Clock
}

func newAPI(t *testing.T) *api {
	svc := testenv.Service(t)
	svc.Config.ApplicationID = "app-" + ids.Random()
	clock := testenv.NewClock(time.Now().UTC())
	svc.Now = clock.Now
	return &api{API: functionstest.Serve(t, svc), clock: clock}
}

// advance moves the service's clock forward.
func (a *api) advance(d time.Duration) { a.clock.Advance(d) }

// operate calls a private operation as Cloud Scheduler does and decodes its report.
func (a *api) operate(path string, out any) {
	a.T.Helper()
	if err := a.operateErr(path, out); err != nil {
		a.T.Fatal(err)
	}
}

// operateErr is operate returning an error, for a goroutine other than the test's.
func (a *api) operateErr(path string, out any) error {
	return a.OKErr(testenv.Player{Name: "scheduler"}, http.MethodPost, path, nil, out)
}

const tb = "/games/v1/turnbasedmatches"

func (a *api) match(p testenv.Player, id string) gamesv1.TurnBasedMatch {
	a.T.Helper()
	var m gamesv1.TurnBasedMatch
	a.OK(p, http.MethodGet, tb+"/"+id, nil, &m)
	return m
}

func (a *api) createMatch(p testenv.Player, req map[string]any) gamesv1.TurnBasedMatch {
	a.T.Helper()
	var m gamesv1.TurnBasedMatch
	a.OK(p, http.MethodPost, tb+"/create", req, &m)
	return m
}

func (a *api) turn(p testenv.Player, m gamesv1.TurnBasedMatch, next string) gamesv1.TurnBasedMatch {
	a.T.Helper()
	var out gamesv1.TurnBasedMatch
	a.OK(p, http.MethodPut, tb+"/"+m.MatchID+"/turn", map[string]any{"kind": "games#turnBasedMatchTurn",
		"matchVersion": m.MatchVersion, "pendingParticipantId": next}, &out)
	return out
}

func (a *api) createRoom(p testenv.Player, req map[string]any) gamesv1.Room {
	a.T.Helper()
	r, err := a.createRoomErr(p, req)
	if err != nil {
		a.T.Fatal(err)
	}
	return r
}

// createRoomErr is createRoom returning an error, for a goroutine other than the test's.
func (a *api) createRoomErr(p testenv.Player, req map[string]any) (gamesv1.Room, error) {
	var r gamesv1.Room
	return r, a.OKErr(p, http.MethodPost, "/games/v1/rooms/create", req, &r)
}

func (a *api) room(p testenv.Player, id string) gamesv1.Room {
	a.T.Helper()
	var r gamesv1.Room
	a.OK(p, http.MethodGet, "/games/v1/rooms/"+id, nil, &r)
	return r
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// autoMatch is a create request auto-matching alone for players-1 others.
func autoMatch(players int, mask int64) map[string]any {
	return map[string]any{"autoMatchingCriteria": map[string]any{
		"minAutoMatchingPlayers": players - 1, "maxAutoMatchingPlayers": players - 1, "exclusiveBitmask": strconv.FormatInt(mask, 10)}}
}
