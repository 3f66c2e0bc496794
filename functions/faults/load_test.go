package faults_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/testenv"
)

// answerMargin is how long past the server's deadline a call may take to be answered: the
// answer is rendered and sent, nothing more (generous for a busy machine).
const answerMargin = 2 * time.Second

// hangMargin is how long past the server's deadline a call may take before the load gives up on
// it and counts it unanswered.
const hangMargin = 10 * time.Second

// turnsPerMatch is how many turns the two players of a match take before they start another.
const turnsPerMatch = 4

// load is pairs of players playing against an instance at once: each pair creates a room with
// an invitation, lists invitations, then creates a turn-based match and plays it, starting over
// whenever a call fails. It counts every answer and keeps every acknowledged write.
type load struct {
	base     func() string // the instance's URL now: a killed instance comes back elsewhere
	deadline time.Duration // the instance's request deadline
	client   *http.Client
	stop     context.CancelFunc
	wg       sync.WaitGroup

	mu       sync.Mutex
	answers  answers
	okAt     []time.Time
	rooms    []string           // rooms whose create was answered 2xx
	versions map[string][]int32 // per match, each matchVersion a 2xx write answered with
	odd      []string           // the first few answers other than 2xx and 503, to show on failure
}

// answers counts what the players saw.
type answers struct {
	Calls        int
	OK           int           // 2xx
	Unavailable  int           // 503
	NoRetryAfter int           // 503 without Retry-After
	ClientErrors int           // other 4xx
	ServerErrors int           // 5xx other than 503
	Unanswered   int           // no answer within the deadline and hangMargin
	Dropped      int           // the connection died with the instance
	Acked        int           // 2xx answers to writes
	Slowest      time.Duration // the longest a call took to be answered
	Late         int           // answered later than the deadline and answerMargin
	Stalled      time.Duration // the longest this process was not scheduled (see watchStalls)
}

// startLoad signs up 2×pairs players and starts them playing against base, whose requests have
// deadline; they wait deadline+hangMargin for an answer.
func startLoad(t *testing.T, base func() string, deadline time.Duration, pairs int) *load {
	return startLoadWaiting(t, base, deadline, deadline+hangMargin, pairs)
}

// startLoadWaiting is startLoad with players who wait patience for an answer.
func startLoadWaiting(t *testing.T, base func() string, deadline, patience time.Duration, pairs int) *load {
	ctx, cancel := context.WithCancel(context.Background())
	l := &load{base: base, deadline: deadline, stop: cancel, versions: map[string][]int32{},
		client: &http.Client{Timeout: patience, Transport: &http.Transport{MaxIdleConnsPerHost: 2 * pairs}}}
	t.Cleanup(l.finish)
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		l.watchStalls(ctx)
	}()
	for i := range pairs {
		a, b := testenv.NewPlayer(t, fmt.Sprintf("A%d", i)), testenv.NewPlayer(t, fmt.Sprintf("B%d", i))
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for ctx.Err() == nil {
				if !l.play(ctx, a, b) {
					time.Sleep(backOff)
				}
			}
		}()
	}
	return l
}

// watchStalls measures, until ctx ends, how much later than asked this process's own timers
// fire: on a machine so busy that the test itself is not scheduled for seconds, how long a call
// took says nothing about the instance's deadline.
func (l *load) watchStalls(ctx context.Context) {
	const tick = 50 * time.Millisecond
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	last := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			now := time.Now()
			l.mu.Lock()
			l.answers.Stalled = max(l.answers.Stalled, now.Sub(last)-tick)
			l.mu.Unlock()
			last = now
		}
	}
}

// finish stops the players after the calls they have under way are answered.
func (l *load) finish() {
	l.stop()
	l.wg.Wait()
	l.client.CloseIdleConnections()
}

// seen returns the counts so far.
func (l *load) seen() answers {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.answers
}

// firstOKAfter is how long after at the first call answered 2xx came (-1 if none did).
func (l *load) firstOKAfter(at time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, t := range l.okAt {
		if !t.Before(at) {
			return t.Sub(at)
		}
	}
	return -1
}

const tb = "/games/v1/turnbasedmatches"

// backOff is how long a pair pauses after a failed call before it starts over.
const backOff = 100 * time.Millisecond

// play is one room and one match of the pair a and b; it stops at the first call that fails,
// and reports whether none did.
func (l *load) play(ctx context.Context, a, b testenv.Player) bool {
	var r gamesv1.Room
	if !l.call(a, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": []string{b.ID}}, &r, true) {
		return false
	}
	l.ackRoom(r.RoomID)
	if !l.call(b, http.MethodGet, "/games/v1/rooms", nil, nil, false) {
		return false
	}
	var m gamesv1.TurnBasedMatch
	if !l.call(a, http.MethodPost, tb+"/create", map[string]any{"invitedPlayerIds": []string{b.ID}}, &m, true) {
		return false
	}
	l.ackMatch(m)
	seat := map[string]string{}
	for _, p := range m.Participants {
		if p.Player != nil {
			seat[p.Player.PlayerID] = p.ID
		}
	}
	if !l.turn(a, &m, seat[b.ID]) || !l.call(b, http.MethodPut, tb+"/"+m.MatchID+"/join", nil, &m, true) {
		return false
	}
	l.ackMatch(m)
	mover, next := b, a
	for range turnsPerMatch {
		if ctx.Err() != nil {
			return true
		}
		if !l.turn(mover, &m, seat[next.ID]) {
			return false
		}
		mover, next = next, mover
	}
	return l.call(b, http.MethodGet, tb+"/"+m.MatchID, nil, nil, false)
}

// turn plays p's turn on m, passing it to the participant next.
func (l *load) turn(p testenv.Player, m *gamesv1.TurnBasedMatch, next string) bool {
	body := map[string]any{"kind": "games#turnBasedMatchTurn", "matchVersion": m.MatchVersion, "pendingParticipantId": next,
		"data": map[string]any{"kind": "games#turnBasedMatchDataRequest", "data": base64.URLEncoding.EncodeToString([]byte("move"))}}
	if !l.call(p, http.MethodPut, tb+"/"+m.MatchID+"/turn", body, m, true) {
		return false
	}
	l.ackMatch(*m)
	return true
}

// call sends one request as p, counts its answer, and decodes a 2xx answer into out. It is not
// canceled when the load stops: a call under way is always answered or times out.
func (l *load) call(p testenv.Player, method, path string, body, out any, write bool) bool {
	var reader io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		reader = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, l.base()+path, reader)
	req.Header.Set("Authorization", "Bearer "+p.Token)
	start := time.Now()
	res, err := l.client.Do(req)
	var raw []byte
	if err == nil {
		raw, err = io.ReadAll(res.Body)
		res.Body.Close()
	}
	took := time.Since(start)

	l.mu.Lock()
	defer l.mu.Unlock()
	a := &l.answers
	a.Calls++
	var timeout net.Error
	switch {
	case errors.As(err, &timeout) && timeout.Timeout():
		a.Unanswered++
		l.note(fmt.Sprintf("%s %s: no answer after %v", method, path, took.Round(time.Millisecond)))
		return false
	case err != nil:
		a.Dropped++
		return false
	}
	a.Slowest = max(a.Slowest, took)
	if took > l.deadline+answerMargin {
		a.Late++
		l.note(fmt.Sprintf("%s %s: %d after %v", method, path, res.StatusCode, took.Round(time.Millisecond)))
	}
	switch {
	case res.StatusCode/100 == 2:
		a.OK++
		l.okAt = append(l.okAt, time.Now())
		if write {
			a.Acked++
		}
		return out == nil || json.Unmarshal(raw, out) == nil
	case res.StatusCode == http.StatusServiceUnavailable:
		a.Unavailable++
		if res.Header.Get("Retry-After") == "" {
			a.NoRetryAfter++
		}
	case res.StatusCode/100 == 5:
		a.ServerErrors++
		l.note(fmt.Sprintf("%s %s: %d %s", method, path, res.StatusCode, raw))
	default:
		a.ClientErrors++
		l.note(fmt.Sprintf("%s %s: %d %s", method, path, res.StatusCode, raw))
	}
	return false
}

// note keeps an unexpected answer for the failure message; l.mu is held.
func (l *load) note(s string) {
	if len(l.odd) < 10 {
		l.odd = append(l.odd, s)
	}
}

func (l *load) ackRoom(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rooms = append(l.rooms, id)
}

func (l *load) ackMatch(m gamesv1.TurnBasedMatch) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.versions[m.MatchID] = append(l.versions[m.MatchID], m.MatchVersion)
}
