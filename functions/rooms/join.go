package rooms

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
)

// Join serves rooms.join: POST /games/v1/rooms/{roomId}/join. Only an invitee with a pending
// invitation may join.
func (h *Handlers) Join(w http.ResponseWriter, r *http.Request) {
	rm, err := change(h, r, decodeJoin, func(rm *room.Room, me player.Profile, client room.Client, now time.Time) error {
		return rm.Join(me, client, now)
	})
	answerRoom(w, r, rm, err)
}
