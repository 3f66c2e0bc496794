package rooms

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
)

// Leave serves rooms.leave: POST /games/v1/rooms/{roomId}/leave. Only a joined participant may
// leave; the request's reason becomes the participant's leaveReason (see room.LeaveReasonFor).
func (h *Handlers) Leave(w http.ResponseWriter, r *http.Request) {
	rm, err := change(h, r, decodeLeave, func(rm *room.Room, me player.Profile, cmd room.Leave, now time.Time) error {
		return rm.Leave(me.ID, cmd, now)
	})
	answerRoom(w, r, rm, err)
}
