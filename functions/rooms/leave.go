package rooms

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/room"
)

// Leave serves rooms.leave: POST /games/v1/rooms/{roomId}/leave. Only a joined participant may
// leave; the request's reason becomes the participant's leaveReason (see room.LeaveReasonFor).
func (h *Handlers) Leave(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	body, err := httpapi.ReadBody(r)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	cmd, err := decodeLeave(body)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	now := h.svc.Time()
	rm, err := h.update(r.Context(), r, func(rm *room.Room) error { return rm.Leave(me.ID, cmd, now) })
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, renderRoom(rm, me.ID))
}
