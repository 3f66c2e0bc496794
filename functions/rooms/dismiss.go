package rooms

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/room"
)

// Dismiss serves rooms.dismiss: POST /games/v1/rooms/{roomId}/dismiss. The invitation leaves the
// caller's list without being answered. The method has no response body: 204.
func (h *Handlers) Dismiss(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	now := h.svc.Time()
	if _, err := h.update(r.Context(), r, func(rm *room.Room) error { return rm.Dismiss(me.ID, now) }); err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.NoContent(w)
}
