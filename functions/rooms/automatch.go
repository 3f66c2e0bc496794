package rooms

import (
	"context"
	"time"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/seating"
	"github.com/openplay-games/openplay/shared/store"
)

// autoMatch finds a player auto-matching alone a room: the oldest waiting room of their pools
// that takes them (they join it), or else their own room (a seed), which shows the pool's wait
// estimate. One ticket per call (cmd.ID) makes a retry land in the same room.
func (h *Handlers) autoMatch(ctx context.Context, cmd room.Create, now time.Time) (*room.Room, error) {
	seeker := seating.Seeker{Player: cmd.Creator, Criteria: *cmd.AutoMatching, Variant: cmd.Variant}
	return games.AutoMatch(ctx, h.svc, games.Rooms(h.svc.Store), games.Ticket[*room.Room]{ID: cmd.ID, Seeker: seeker,
		Join: func(rm *room.Room) ([]notification.Notification, error) {
			return rm.Place(cmd.ApplicationID, seeker, cmd.Client, false, now)
		},
		Seed: func() (store.Placed[*room.Room], error) {
			estimate, err := h.svc.Store.RoomWaitEstimate(ctx, seating.Pool(cmd.ApplicationID, cmd.Variant, 1+int(cmd.AutoMatching.Max)))
			if err != nil {
				return store.Placed[*room.Room]{}, err
			}
			cmd.WaitEstimateSeconds = estimate
			return h.svc.Store.SeedRoom(ctx, cmd.ID, now, func() (*room.Room, []notification.Notification, error) {
				return room.New(cmd, now)
			})
		},
	}, now)
}
