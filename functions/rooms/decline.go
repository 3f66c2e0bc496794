package rooms

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
)

// Decline serves rooms.decline: POST /games/v1/rooms/{roomId}/decline. Only an invitee with a
// pending invitation may decline.
func (h *Handlers) Decline(w http.ResponseWriter, r *http.Request) {
	rm, err := change(h, r, noBody, func(rm *room.Room, me player.Profile, _ struct{}, now time.Time) error {
		return rm.Decline(me.ID, now)
	})
	answerRoom(w, r, rm, err)
}
