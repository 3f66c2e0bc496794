package main

import (
	"math/rand/v2"
	"time"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/room"
)

// gameType is a kind and size of game players ask for, and its share of the requests.
type gameType struct {
	rooms bool
	size  int
	share float64
}

func (t gameType) String() string {
	if t.rooms {
		return "room of " + itoa(t.size)
	}
	return itoa(t.size) + "-player match"
}

// config is one simulated day.
type config struct {
	curve    curve
	mix      []gameType
	timeouts application.Timeouts
	// visibleRooms and visibleMatches are how long a create of each kind takes to commit.
	visibleRooms, visibleMatches time.Duration
	// drain is how long the simulation goes on after the last request, with the scheduled
	// passes running.
	drain time.Duration
	seed  uint64
}

// result is what a simulated day came to.
type result struct {
	cfg     config
	rooms   *world[*room.Room]
	matches *world[*match.Match]
	// passes is how many times each scheduled operation ran (matcher, sweeper, relay: one
	// invocation a minute each); matcherSeconds is how long the matcher's calls ran in all.
	passes         int
	matcherSeconds float64
	// busiestSecond and busiestMinute are the most create calls in one.
	busiestSecond, busiestMinute int
}

// start is the simulated day's midnight.
var start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// simulate runs the day: each minute the sweeper passes and the matcher's call begins (Cloud
// Scheduler calls them every minute), then that minute's create calls come, each at its moment,
// between the matcher's passes.
func simulate(cfg config) result {
	res := result{cfg: cfg,
		rooms:   newWorld(rooms(), cfg.timeouts, cfg.visibleRooms),
		matches: newWorld(matches(), cfg.timeouts, cfg.visibleMatches)}
	rng := rand.New(rand.NewPCG(cfg.seed, 1))
	perMinute := cfg.curve.perMinute()
	player := 0
	for m := 0; m < len(perMinute)+int(cfg.drain/time.Minute); m++ {
		minute := start.Add(time.Duration(m) * time.Minute)
		res.passes++
		res.rooms.sweep(minute)
		res.matches.sweep(minute)
		call := newMatcherCall(minute)
		if m >= len(perMinute) {
			call.until(minute.Add(time.Minute-time.Nanosecond), res.rooms, res.matches)
			res.matcherSeconds += call.seconds()
			continue
		}
		res.busiestMinute = max(res.busiestMinute, perMinute[m])
		last, inSecond := time.Duration(-1), 0
		for _, at := range within(rng, perMinute[m]) {
			if s := at.Truncate(time.Second); s == last {
				inSecond++
			} else {
				last, inSecond = s, 1
			}
			res.busiestSecond = max(res.busiestSecond, inSecond)
			t := pick(rng, cfg.mix)
			now := minute.Add(at)
			call.until(now, res.rooms, res.matches)
			if t.rooms {
				res.rooms.create(seeker(player, t.size), t.size, now)
			} else {
				res.matches.create(seeker(player, t.size), t.size, now)
			}
			player++
		}
		call.until(minute.Add(time.Minute-time.Nanosecond), res.rooms, res.matches)
		res.matcherSeconds += call.seconds()
	}
	res.rooms.stillWaiting()
	res.matches.stillWaiting()
	return res
}

// pick draws a game type by its share of the requests.
func pick(rng *rand.Rand, mix []gameType) gameType {
	var total float64
	for _, t := range mix {
		total += t.share
	}
	x := rng.Float64() * total
	for _, t := range mix {
		if x -= t.share; x < 0 {
			return t
		}
	}
	return mix[len(mix)-1]
}

// statsOf is the stats of a game type.
func (r result) statsOf(t gameType) *stats {
	if t.rooms {
		return r.rooms.stats(t.size)
	}
	return r.matches.stats(t.size)
}
