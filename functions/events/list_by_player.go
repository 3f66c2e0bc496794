package events

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
)

// ListByPlayer serves events.listByPlayer: GET /games/v1/events. The caller's counters of the
// events they recorded, in event ID order, a page at a time.
func (h *Handlers) ListByPlayer(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	limit, err := httpapi.QueryInt(r, "maxResults", 1, maxPageSize, defaultPageSize)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	counters, next, err := h.svc.Store.CountersPage(r.Context(), me.ID, limit, r.URL.Query().Get("pageToken"))
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	out := gamesv1.PlayerEventListResponse{Kind: gamesv1.KindPlayerEventListResponse, NextPageToken: next}
	for _, c := range counters {
		out.Items = append(out.Items, playerEvent(c.DefinitionID, me.ID, c.NumEvents))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
}
