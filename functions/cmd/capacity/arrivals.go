package main

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// curve is how a day's requests for a game spread over its minutes: a daily cycle whose busiest
// minute (at peakHour) has peak times the requests of its quietest and, on a launch day, a spike
// in the first hour, decaying, launch times the size of the cycle (the day's total stays
// requests: the spike brings launch/(1+launch) of them).
type curve struct {
	requests int
	peak     float64
	peakHour float64
	launch   float64
}

// perMinute is the number of requests in each minute of the day; they add up to c.requests.
func (c curve) perMinute() []int {
	const day = 24 * 60
	a := (c.peak - 1) / (c.peak + 1)
	weights := make([]float64, day)
	var sum float64
	for m := range weights {
		weights[m] = 1 + a*math.Cos(2*math.Pi*(float64(m)-c.peakHour*60)/day)
		sum += weights[m]
	}
	var spike float64
	for m := range 60 {
		spike += math.Exp(-float64(m) / 15)
	}
	for m := range 60 {
		weights[m] += c.launch * sum * math.Exp(-float64(m)/15) / spike
	}
	sum *= 1 + c.launch
	out := make([]int, day)
	var cum float64
	given := 0
	for m, w := range weights {
		cum += w
		n := int(math.Round(cum / sum * float64(c.requests)))
		out[m], given = n-given, n
	}
	return out
}

// within spreads n requests at random over a minute, in order.
func within(rng *rand.Rand, n int) []time.Duration {
	at := make([]time.Duration, n)
	for i := range at {
		at[i] = time.Duration(rng.Int64N(int64(time.Minute)))
	}
	slices.Sort(at)
	return at
}
