package rooms

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
)

// Dismiss serves rooms.dismiss: POST /games/v1/rooms/{roomId}/dismiss. The invitation leaves the
// caller's list without being answered. The method has no response body: 204.
func (h *Handlers) Dismiss(w http.ResponseWriter, r *http.Request) {
	_, err := change(h, r, noBody, func(rm *room.Room, me player.Profile, _ struct{}, now time.Time) error {
		return rm.Dismiss(me.ID, now)
	})
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.NoContent(w)
}
