package notifications

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/service"
)

// Relay serves the NotificationsRelay entry point (Cloud Scheduler calls it every minute; the
// dev server runs it on a timer): one pass of service.Relay.
func (h *Handlers) Relay(w http.ResponseWriter, r *http.Request) {
	res, err := h.svc.Relay(r.Context(), service.RelayGrace)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, res)
}
