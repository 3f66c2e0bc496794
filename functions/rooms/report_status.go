package rooms

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/room"
)

// ReportStatus serves rooms.reportStatus: POST /games/v1/rooms/{roomId}/reportstatus. A joined
// participant reports its connections to peers of the room; the answer is the room's status.
func (h *Handlers) ReportStatus(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	body, err := httpapi.ReadBody(r)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	updates, err := decodeReportStatus(body)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	now := h.svc.Time()
	rm, err := h.update(r.Context(), r, func(rm *room.Room) error { return rm.ReportStatus(me.ID, updates, now) })
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, renderStatus(rm))
}
