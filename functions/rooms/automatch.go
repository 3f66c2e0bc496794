package rooms

import (
	"context"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/seating"
	"github.com/openplay-games/openplay/shared/store"
)

// candidates is how many waiting rooms of the sizes they accept a create call tries, oldest
// first, before making its own.
const candidates = 50

// autoMatch finds a player auto-matching alone a room: the oldest waiting room of their pools
// that takes them (they join it), or else their own room (a seed), which shows the pool's wait
// estimate. One ticket per call (cmd.ID) makes a retry land in the same room.
func (h *Handlers) autoMatch(ctx context.Context, cmd room.Create, now time.Time) (*room.Room, error) {
	seeker := seating.Seeker{Player: cmd.Creator, Criteria: *cmd.AutoMatching, Variant: cmd.Variant}
	waiting, err := h.svc.Store.SeekingRooms(ctx, seating.Pools(cmd.ApplicationID, cmd.Variant, *cmd.AutoMatching), candidates)
	if err != nil {
		return nil, err
	}
	for _, c := range waiting {
		if c.Expire(now); c.CanPlace(cmd.ApplicationID, seeker) != nil {
			continue
		}
		placed, err := h.svc.Store.PlaceInRoom(ctx, cmd.ID, c.ID, now, func(rm *room.Room) ([]notification.Notification, error) {
			expired := rm.Expire(now)
			n, err := rm.Place(cmd.ApplicationID, seeker, cmd.Client, false, now)
			return append(expired, n...), err
		})
		if errs.Is(err, errs.Conflict) {
			continue // someone took the slot first
		}
		if err != nil {
			return nil, err
		}
		return h.settled(ctx, placed, now)
	}
	if cmd.WaitEstimateSeconds, err = h.svc.Store.RoomWaitEstimate(ctx, seating.Pool(cmd.ApplicationID, cmd.Variant, 1+int(cmd.AutoMatching.Max))); err != nil {
		return nil, err
	}
	placed, err := h.svc.Store.SeedRoom(ctx, cmd.ID, now, func() (*room.Room, []notification.Notification, error) {
		return room.New(cmd, now)
	})
	if err != nil {
		return nil, err
	}
	return h.settled(ctx, placed, now)
}

// settled delivers what a placement owes and returns the room, which a retried call reads (with
// its lapsed timers applied).
func (h *Handlers) settled(ctx context.Context, p store.Placed[*room.Room], now time.Time) (*room.Room, error) {
	if p.Game == nil {
		g, err := h.svc.Store.Room(ctx, p.GameID)
		if err == nil {
			g.Expire(now)
		}
		return g, err
	}
	h.svc.Deliver(ctx, p.Notes)
	return p.Game, nil
}
