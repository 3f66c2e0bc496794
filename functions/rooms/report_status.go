package rooms

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
)

// ReportStatus serves rooms.reportStatus: POST /games/v1/rooms/{roomId}/reportstatus. A joined
// participant reports its connections to peers of the room; the answer is the room's status.
func (h *Handlers) ReportStatus(w http.ResponseWriter, r *http.Request) {
	rm, err := change(h, r, decodeReportStatus, func(rm *room.Room, me player.Profile, updates []room.PeerUpdate, now time.Time) error {
		return rm.ReportStatus(me.ID, updates, now)
	})
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, renderStatus(rm, httpapi.Player(r.Context()).ID))
}
