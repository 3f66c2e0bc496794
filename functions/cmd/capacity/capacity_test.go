package main

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
)

var (
	root = filepath.Join("..", "..", "..")
	mix  = []gameType{{rooms: true, size: 4, share: 0.4}, {size: 2, share: 0.4}, {size: 4, share: 0.2}}
)

// smallDay is a day of requests requests, with the repository's timeouts.
func smallDay(t *testing.T, requests int) config {
	timeouts, _, err := setup(root)
	require.NoError(t, err)
	return config{curve: curve{requests: requests, peak: 3, peakHour: 20, launch: 0.25}, mix: mix, timeouts: timeouts,
		visibleRooms: 25 * time.Millisecond, visibleMatches: 20 * time.Millisecond, drain: 30 * time.Minute, seed: 1}
}

func TestCurveSpreadsEveryRequest(t *testing.T) {
	for _, c := range []curve{{requests: 3_000_000, peak: 3, peakHour: 20, launch: 0.25}, {requests: 7, peak: 1}} {
		total, busiest := 0, 0
		for _, n := range c.perMinute() {
			require.GreaterOrEqual(t, n, 0)
			total, busiest = total+n, max(busiest, n)
		}
		assert.Equal(t, c.requests, total)
		assert.LessOrEqual(t, busiest, c.requests)
	}
}

// TestSmallDayAccountsForEveryPlayer simulates a day of 5,000 requests: every player ends matched
// (in a game that filled), stranded or still waiting, and every game formed holds its size.
func TestSmallDayAccountsForEveryPlayer(t *testing.T) {
	res := simulate(smallDay(t, 5000))
	requests := 0
	for _, gt := range mix {
		s := res.statsOf(gt)
		requests += s.requests
		assert.Equal(t, s.requests, len(s.waits)+s.stranded+s.waitingAtEnd, "%s: players", gt)
		assert.Equal(t, s.formed*gt.size, len(s.waits), "%s: players in the games formed", gt)
		assert.Positive(t, s.formed, gt.String())
		assert.LessOrEqual(t, s.merges, s.seeds, gt.String())
		assert.GreaterOrEqual(t, s.ops.reads, s.ops.queries, gt.String())
		assert.GreaterOrEqual(t, s.ops.transactions, float64(s.requests), "%s: one transaction a create at least", gt)
		assert.LessOrEqual(t, s.percentile(50), s.percentile(100), gt.String())
	}
	assert.Equal(t, 5000, requests)
	assert.Equal(t, 24*60+30, res.passes)
}

// TestMatcherMergesSeeds: players who ask at the same moment miss each other's seeds (each
// create commits after the others queried), so each makes one; the matcher's next pass moves
// three of them into the oldest, which fills, and closes their seeds.
func TestMatcherMergesSeeds(t *testing.T) {
	cfg := smallDay(t, 0)
	w := newWorld(rooms(), cfg.timeouts, time.Second)
	for p := range 4 {
		w.create(seeker(p, 4), 4, start)
	}
	s := w.stats(4)
	require.Equal(t, 4, s.seeds)
	require.Zero(t, s.formed)

	matchmake(w, time.Time{}, start.Add(time.Minute))
	assert.Equal(t, 3, s.merges)
	assert.Equal(t, 1, s.formed)
	assert.Equal(t, []float32{60, 60, 60, 60}, s.waits)
	assert.Equal(t, matcherLoad{passes: 1, mostSeeds: 4, mostMoved: 3}, w.matcher)
	assert.Equal(t, 3.0, s.ops.transactions-4, "one transaction a move")
	assert.Empty(t, w.games)
}

// TestContendedPlacementFailsOver: a create that finds the oldest waiting room written within a
// create's duration fails there (an aborted transaction, nothing written) and takes the next
// room that takes them; a create after that duration joins the oldest room.
func TestContendedPlacementFailsOver(t *testing.T) {
	cfg := smallDay(t, 0)
	w := newWorld(rooms(), cfg.timeouts, time.Second)
	w.create(seeker(1, 4), 4, start)
	w.create(seeker(2, 4), 4, start.Add(time.Millisecond)) // misses the first seed: a second one
	s := w.stats(4)
	require.Equal(t, 2, s.seeds)
	older, younger := w.games["0"], w.games["1"]

	w.create(seeker(3, 4), 4, start.Add(2*time.Second)) // joins the oldest room
	require.Len(t, older.arrivals, 2)
	before := s.ops
	w.create(seeker(4, 4), 4, start.Add(2*time.Second+time.Millisecond)) // it was just written
	assert.Equal(t, 1, s.contended)
	assert.Len(t, older.arrivals, 2, "the contended room took nobody")
	assert.Len(t, younger.arrivals, 2, "the player went on to the next room")
	assert.Equal(t, 2.0, s.ops.transactions-before.transactions, "the failed placement and the one that held")
	assert.Equal(t, 2.0, s.ops.writes-before.writes-(s.ops.notes-before.notes), "only the placement that held wrote the game and the ticket")
	assert.Equal(t, 8.0, s.ops.reads-before.reads, "the query's two rooms, and 3 reads each placement")
}

// TestMatcherSpillsToMendPartialRooms: rooms of four holding 3, 3 and 2 players become two full
// rooms, as the real matcher makes them: one of the two is moved alone into a room of three, the
// other then with its room whole into the other.
func TestMatcherSpillsToMendPartialRooms(t *testing.T) {
	cfg := smallDay(t, 0)
	w := newWorld(rooms(), cfg.timeouts, time.Second)
	for p := range 3 {
		w.create(seeker(p, 4), 4, start) // at the same moment: a seed each
	}
	s := w.stats(4)
	require.Equal(t, 3, s.seeds)
	seeds := w.waitingSince(time.Time{}, 3)
	for i, others := range []int{1, 2, 2} { // one gets one more player, the others two
		for j := range others {
			p := seeker(10*(i+1)+j, 4)
			_, err := w.k.join(seeds[i], p, start)
			require.NoError(t, err)
			w.placed(seeds[i], start, start)
		}
	}
	require.Zero(t, s.formed)

	matchmake(w, time.Time{}, start.Add(time.Minute))
	assert.Equal(t, 2, s.formed)
	assert.Equal(t, 1, s.spilled, "one player moved alone")
	assert.Equal(t, 1, s.merges, "the rest of the room of two moved whole")
	assert.Equal(t, matcherLoad{passes: 1, mostSeeds: 3, mostMoved: 2}, w.matcher)
	assert.Empty(t, w.games)
}

// TestTimerStrandsUnfilledGames: a lone player in a pool is stranded when the auto-match timer
// closes their game, and what the sweeper did is counted.
func TestTimerStrandsUnfilledGames(t *testing.T) {
	cfg := smallDay(t, 1)
	cfg.mix = []gameType{{rooms: true, size: 4, share: 1}}
	cfg.timeouts = application.Timeouts{AutoMatch: time.Hour, Turn: time.Hour, Invitation: time.Hour, RoomConnection: time.Minute}
	cfg.drain = 2 * time.Hour
	res := simulate(cfg)
	s := res.statsOf(cfg.mix[0])
	assert.Equal(t, 1, s.stranded)
	assert.Zero(t, s.formed)
	assert.Zero(t, s.waitingAtEnd)
	assert.Equal(t, 2.0, s.ops.transactions, "the seed, and the sweeper firing its timer")
}

// TestRunPrintsTables runs the command's report on two small days with the committed bench run.
func TestRunPrintsTables(t *testing.T) {
	a := assumptions{players: []int{1000, 2000}, gamesPerDay: 3, mix: mix, turns2: 10, turns4: 20, eventBatches: 1, peak: 3, peakHour: 20, launch: 0.25}
	var out bytes.Buffer
	require.NoError(t, run(&out, a, root, false))
	for _, want := range []string{"### Cost per game", "| room of 4 |", "| 2-player match |", "### Matching, 2,000 daily players", "### A month", "### Peaks"} {
		assert.Contains(t, out.String(), want)
	}
	out.Reset()
	require.NoError(t, run(&out, a, root, true))
	assert.Contains(t, out.String(), "### Cost per game")
	assert.NotContains(t, out.String(), "### A month")
}

func TestParseMix(t *testing.T) {
	got, err := parseMix("room8=1, match2=0.5")
	require.NoError(t, err)
	assert.Equal(t, []gameType{{rooms: true, size: 8, share: 1}, {size: 2, share: 0.5}}, got)
	for _, bad := range []string{"room=1", "match1=1", "lobby4=1", "room4", "room4=0", "match9=1"} {
		_, err := parseMix(bad)
		assert.Error(t, err, bad)
	}
}

// TestMatcherCallPassesWhileGamesChange: a scheduled call of the matcher ends after two passes
// when nothing waits, and a player who asks during the call is matched by its next pass.
func TestMatcherCallPassesWhileGamesChange(t *testing.T) {
	cfg := smallDay(t, 0)
	rm, mt := newWorld(rooms(), cfg.timeouts, time.Second), newWorld(matches(), cfg.timeouts, time.Second)
	idle := newMatcherCall(start)
	idle.until(start.Add(time.Minute), rm, mt)
	assert.Equal(t, 2, idle.passes)

	call := newMatcherCall(start)
	call.until(start, rm, mt) // its first pass finds nothing
	rm.create(seeker(1, 2), 2, start.Add(time.Second))
	rm.create(seeker(2, 2), 2, start.Add(time.Second)) // within the first's create: a seed each
	call.until(start.Add(time.Minute), rm, mt)
	s := rm.stats(2)
	assert.Equal(t, 1, s.formed)
	assert.Equal(t, []float32{1, 1}, s.waits, "matched by the pass 2 s into the call")
	assert.Equal(t, 3, call.passes, "at 0 s, 2 s (the move), 4 s (nothing waits)")
}
