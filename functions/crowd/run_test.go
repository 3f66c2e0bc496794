package crowd_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/testenv"
)

// kind is the kind of game a crowd asks for, named after its resource.
type kind string

const (
	rooms   kind = "rooms"
	matches kind = "turnbasedmatches"
)

// signUpParallelism is how many players sign up in the Auth emulator at once.
const signUpParallelism = 16

// run sends the crowd and returns its figures. The instances serve the whole route table of one
// application of their own, each with its own clients and document locks, as separate function
// instances do; the matcher is called on the first one as Cloud Scheduler calls it, only more
// often; an observer reads the games as they fill.
func run(t *testing.T, sc scenario) figures {
	var svcs []*service.Service
	var urls []string
	for i := range sc.instances {
		svc := testenv.Service(t)
		if i == 0 {
			settings := testenv.LiftedLimits()
			testenv.OwnApplication(t, svc, &settings) // the matcher sees only the crowd's games
		} else {
			svc.Config.ApplicationID = svcs[0].Config.ApplicationID
		}
		svc.Logger = logging.New(io.Discard, svc.Config.LogLevel)
		srv := httptest.NewServer(functions.Handler(svc, functions.Routes(svc)...))
		t.Cleanup(srv.Close)
		svcs, urls = append(svcs, svc), append(urls, srv.URL)
	}
	app := svcs[0].Config.ApplicationID
	t.Cleanup(func() { tidy(t, svcs[0], app) })
	players := signUp(t, sc.players)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: sc.inFlight + 2}}

	ctx, stop := context.WithCancel(t.Context())
	defer stop()
	start := time.Now()
	obs := observe(ctx, t, svcs[0], app, sc.kind, players, start)
	var moved atomic.Int64
	var background sync.WaitGroup
	background.Go(func() {
		tick := time.NewTicker(sc.matchEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			var res struct{ Rooms, Matches int }
			if status, raw := send(client, urls[0], "", http.MethodPost, "/operations/matchmake", nil); status == http.StatusOK {
				_ = json.Unmarshal(raw, &res)
				moved.Add(int64(res.Rooms + res.Matches))
			}
		}
	})

	var fig figures
	var mu sync.Mutex
	sem := make(chan struct{}, sc.inFlight)
	var arrivals sync.WaitGroup
	for i, p := range players {
		sem <- struct{}{}
		arrivals.Go(func() {
			defer func() { <-sem }()
			url := urls[i%len(urls)]
			began := time.Now()
			status, raw := send(client, url, p.Token, http.MethodPost, "/games/v1/"+string(sc.kind)+"/create", autoMatch(i))
			took := time.Since(began)
			mu.Lock()
			fig.creates = append(fig.creates, took)
			if status != http.StatusOK {
				fig.failedCreates++
				fig.failures = append(fig.failures, fmt.Sprintf("%d %.200s", status, raw))
			}
			mu.Unlock()
			if status == http.StatusOK && sc.kind == matches {
				playToTheSlot(client, url, p, raw)
			}
		})
	}
	arrivals.Wait()
	obs.waitAllFull(sc.wait)
	stop()
	background.Wait()
	obs.wait()

	fig.observed = obs.result()
	fig.moved = int(moved.Load())
	fig.audit(t, svcs[0], app, sc.kind, players)
	return fig
}

// autoMatch is the create request of the crowd's i-th player: auto-matching alone for a game of
// four, with a requestId as a Play Games client sends.
func autoMatch(i int) map[string]any {
	return map[string]any{"requestId": fmt.Sprint(time.Now().UnixNano()/1000 + int64(i)),
		"autoMatchingCriteria": map[string]any{"minAutoMatchingPlayers": seats - 1, "maxAutoMatchingPlayers": seats - 1}}
}

// playToTheSlot takes the turn the player was given, if any, while the match still has open
// slots, passing it to the next auto-match slot: what a Play Games client does with the opening
// turn of a match it made, and what a player who joined with the turn does while the game fills.
func playToTheSlot(client *http.Client, url string, p testenv.Player, raw []byte) {
	var m gamesv1.TurnBasedMatch
	if json.Unmarshal(raw, &m) != nil || m.Status != "MATCH_AUTO_MATCHING" {
		return
	}
	for _, q := range m.Participants {
		if q.Player != nil && q.Player.PlayerID == p.ID && q.ID == m.PendingParticipantID {
			send(client, url, p.Token, http.MethodPut, "/games/v1/turnbasedmatches/"+m.MatchID+"/turn", map[string]any{
				"kind": "games#turnBasedMatchTurn", "matchVersion": m.MatchVersion,
				"data": map[string]any{"data": "b3BlbmluZw=="}}) // no pendingParticipantId: to the slot
		}
	}
}

// send makes one call; a transport error is a status 0.
func send(client *http.Client, url, token, method, path string, body any) (int, []byte) {
	var reader io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		reader = strings.NewReader(string(raw))
	}
	req, err := http.NewRequest(method, url+path, reader)
	if err != nil {
		return 0, []byte(err.Error())
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, []byte(err.Error())
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}

// signUp signs up n players in the Auth emulator.
func signUp(t *testing.T, n int) []testenv.Player {
	players := make([]testenv.Player, n)
	errs := make([]error, n)
	sem := make(chan struct{}, signUpParallelism)
	var wg sync.WaitGroup
	for i := range players {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			players[i], errs[i] = testenv.NewPlayerErr(t, fmt.Sprintf("Crowd%d", i))
		})
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "signing up player %d", i)
	}
	require.False(t, slices.ContainsFunc(players, func(p testenv.Player) bool { return p.Token == "" }), "every player signed up")
	return players
}
