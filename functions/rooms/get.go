package rooms

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
)

// Get serves rooms.get: GET /games/v1/rooms/{roomId}. Only the room's participants and invitees
// see it; anyone else is told it does not exist.
func (h *Handlers) Get(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	id, err := roomID(r)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	rm, err := h.svc.Store.Room(r.Context(), id)
	if err == nil {
		rm.Expire(h.svc.Time()) // a lapsed room is not shown as live, even before the sweeper runs
	}
	if err == nil && !rm.VisibleTo(me.ID) {
		err = errs.E(errs.NotFound, "roomId", "no room %q", id)
	}
	answerRoom(w, r, rm, err)
}
