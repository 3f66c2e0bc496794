package rooms

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/room"
)

// Join serves rooms.join: POST /games/v1/rooms/{roomId}/join. Only an invitee with a pending
// invitation may join.
func (h *Handlers) Join(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	body, err := httpapi.ReadBody(r)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	client, err := decodeJoin(body)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	now := h.svc.Time()
	rm, err := h.update(r.Context(), r, func(rm *room.Room) error { return rm.Join(me, client, now) })
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, renderRoom(rm, me.ID))
}
