package events

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
)

// ListDefinitions serves events.listDefinitions: GET /games/v1/eventDefinitions. The game's
// event definitions in ID order; a HIDDEN one is left out until the caller has recorded it (a
// page may then hold fewer than maxResults).
func (h *Handlers) ListDefinitions(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	limit, err := httpapi.QueryInt(r, "maxResults", 1, maxPageSize, defaultPageSize)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	defs, next, err := h.svc.Store.DefinitionsPage(r.Context(), limit, r.URL.Query().Get("pageToken"))
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	var hidden []string
	for _, d := range defs {
		if d.Visibility == event.Hidden {
			hidden = append(hidden, d.ID)
		}
	}
	recorded, err := h.svc.Store.Counters(r.Context(), me.ID, hidden)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	out := gamesv1.EventDefinitionListResponse{Kind: gamesv1.KindEventDefinitionListResponse, NextPageToken: next}
	for _, d := range defs {
		if _, seen := recorded[d.ID]; d.Visibility == event.Hidden && !seen {
			continue
		}
		out.Items = append(out.Items, renderDefinition(d))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
}

func renderDefinition(d *event.Definition) gamesv1.EventDefinition {
	out := gamesv1.EventDefinition{Kind: gamesv1.KindEventDefinition, ID: d.ID, DisplayName: d.DisplayName, Description: d.Description,
		ImageURL: d.ImageURL, IsDefaultImageURL: d.IsDefaultImageURL, Visibility: string(d.Visibility)}
	for _, c := range d.ChildEvents {
		out.ChildEvents = append(out.ChildEvents, gamesv1.EventChild{Kind: gamesv1.KindEventChild, ChildID: c})
	}
	return out
}
