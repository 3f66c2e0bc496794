package rooms

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/room"
)

// Decline serves rooms.decline: POST /games/v1/rooms/{roomId}/decline. Only an invitee with a
// pending invitation may decline.
func (h *Handlers) Decline(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	now := h.svc.Time()
	rm, err := h.update(r.Context(), r, func(rm *room.Room) error { return rm.Decline(me.ID, now) })
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, renderRoom(rm, me.ID))
}
