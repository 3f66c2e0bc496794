package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/gamesv1"
)

// hotspotPlayers is how many players of one room report their status at the same instant:
// a full room.
const hotspotPlayers = 8

// hotspotResult is the burst test: every player of a full room reports at once.
type hotspotResult struct {
	Rounds, Active int // rounds run, and rounds whose room was ROOM_ACTIVE afterwards
	Calls          summary
	Errors         []string
	MeanAttempts   float64 // transaction attempts per call, from the server log
	MostAttempts   int64
	samples        []sample
}

// hotspot runs rounds bursts, each in a new room: one player creates it inviting seven, they
// join, then all eight call reportStatus (each about the seven others) at once. All must succeed
// (the room's document takes them one after another, retrying aborted transactions).
func (b *bench) hotspot(ctx context.Context) (hotspotResult, error) {
	if err := b.players.ensure(ctx, "hotspot", 1, hotspotPlayers); err != nil {
		return hotspotResult{}, err
	}
	g := b.players.group("hotspot", 0)
	setup, burst := &recorder{}, &recorder{}
	res := hotspotResult{}
	began := time.Now()
	for range b.cfg.hotspotRounds {
		res.Rounds++
		var room gamesv1.Room
		invited := make([]string, 0, len(g)-1)
		for _, p := range g[1:] {
			invited = append(invited, p.ID)
		}
		if err := b.client.call(ctx, setup, "RoomsCreate", g[0], http.MethodPost, "/games/v1/rooms/create",
			map[string]any{"invitedPlayerIds": invited}, &room); err != nil {
			return res, err
		}
		path := "/games/v1/rooms/" + room.RoomID
		for _, p := range g[1:] {
			if err := b.client.call(ctx, setup, "RoomsJoin", p, http.MethodPost, path+"/join", map[string]any{}, nil); err != nil {
				return res, err
			}
		}
		start := make(chan struct{})
		done := make(chan error, 1)
		go func() {
			_, err := b.reportConnected(ctx, burst, room, g, start)
			done <- err
		}()
		close(start)
		if err := <-done; err != nil && len(res.Errors) < 5 {
			res.Errors = append(res.Errors, err.Error())
		}
		if err := b.client.call(ctx, setup, "RoomsGet", g[0], http.MethodGet, path, nil, &room); err != nil {
			return res, err
		}
		if room.Status == "ROOM_ACTIVE" {
			res.Active++
		} else if len(res.Errors) < 5 {
			res.Errors = append(res.Errors, fmt.Sprintf("room %s is %s after the burst", room.RoomID, room.Status))
		}
		for _, p := range g {
			if err := b.client.call(ctx, setup, "RoomsLeave", p, http.MethodPost, path+"/leave", map[string]any{}, nil); err != nil {
				return res, err
			}
		}
	}
	all := burst.all()
	b.remember(all)
	b.remember(setup.all())
	res.Calls, res.samples = summarizeOne("RoomsReportStatus", all, time.Since(began)), all
	return res, nil
}
