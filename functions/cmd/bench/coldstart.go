package main

import (
	"context"
	"net/http"
	"sort"
	"time"

	"github.com/openplay-games/openplay/shared/auth"
)

// coldStart is how long a fresh process takes to serve, and what its first call costs.
type coldStart struct {
	Listening time.Duration // process start → first HTTP answer of any kind
	FirstOK   time.Duration // process start → first successful call (a signed-in RoomsList)
	FirstCall time.Duration // that first call's latency: it creates the Auth and Firestore clients
	WarmP50   time.Duration // the same call once warm (median of 20)
}

func (b *bench) measureColdStart(ctx context.Context, s *server, p auth.Account) (coldStart, error) {
	listening, err := s.waitListening(ctx)
	if err != nil {
		return coldStart{}, err
	}
	var c coldStart
	c.Listening = listening.Sub(s.started)
	rec := &recorder{}
	if err := b.client.call(ctx, rec, "RoomsList", p, http.MethodGet, "/games/v1/rooms", nil, nil); err != nil {
		return c, err
	}
	c.FirstCall = rec.all()[0].latency
	c.FirstOK = time.Since(s.started)
	warm := &recorder{}
	for range 20 {
		if err := b.client.call(ctx, warm, "RoomsList", p, http.MethodGet, "/games/v1/rooms", nil, nil); err != nil {
			return c, err
		}
	}
	var lat []time.Duration
	for _, w := range warm.all() {
		lat = append(lat, w.latency)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	c.WarmP50 = percentile(lat, 0.5)
	return c, nil
}
