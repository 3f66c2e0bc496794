// Package events serves the Play Games v1 events resource: record (one Firestore transaction
// over the caller's own documents), listByPlayer and listDefinitions. The handlers are in this
// file, what they read from a request in decode.go, and the resources they answer with in
// render.go. The rules live in shared/event; the definitions come from the studio's file through
// functions/cmd/eventdefs.
package events

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/service"
)

// Handlers serves the events methods for one instance.
type Handlers struct {
	svc *service.Service
}

// New returns the events handlers of svc.
func New(svc *service.Service) *Handlers { return &Handlers{svc: svc} }

// Page sizes: maxResults is 1 to 100 as the discovery document says.
const (
	defaultPageSize = 100
	maxPageSize     = 100
)

// Record serves events.record: POST /games/v1/events. The valid part of the request is applied
// and the failures are reported in the answer (batchFailures for the request or a period,
// eventFailures for an update); playerEvents are the new totals of the events it changed.
func (h *Handlers) Record(w http.ResponseWriter, r *http.Request) error {
	me := httpapi.Player(r.Context())
	rec, err := httpapi.DecodeBody(r, decodeRecord)
	if err != nil {
		return err
	}
	if rec.TooLarge(h.svc.Config.Events) { // refused before reading anything
		httpapi.WriteJSON(w, r, http.StatusOK, renderPlan(event.PlanRecord(rec, nil, event.State{}, h.svc.Config.Events, h.svc.Time()), me.ID))
		return nil
	}
	defs, err := h.svc.Definitions(r.Context(), rec.DefinitionIDs())
	if err != nil {
		return err
	}
	plan, err := h.svc.Store.RecordEvents(r.Context(), me.ID, rec, defs, h.svc.Config.Events, h.svc.Time())
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, renderPlan(plan, me.ID))
	return nil
}

// ListByPlayer serves events.listByPlayer: GET /games/v1/events. The caller's counters of the
// events they recorded, in event ID order, a page at a time.
func (h *Handlers) ListByPlayer(w http.ResponseWriter, r *http.Request) error {
	me := httpapi.Player(r.Context())
	limit, err := httpapi.QueryInt(r, "maxResults", 1, maxPageSize, defaultPageSize)
	if err != nil {
		return err
	}
	counters, next, err := h.svc.Store.CountersPage(r.Context(), me.ID, limit, r.URL.Query().Get("pageToken"))
	if err != nil {
		return err
	}
	out := gamesv1.PlayerEventListResponse{Kind: gamesv1.KindPlayerEventListResponse, NextPageToken: next}
	for _, c := range counters {
		out.Items = append(out.Items, playerEvent(c.DefinitionID, me.ID, c.NumEvents))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
	return nil
}

// ListDefinitions serves events.listDefinitions: GET /games/v1/eventDefinitions. The game's
// event definitions in ID order; a HIDDEN one is left out until the caller has recorded it (a
// page may then hold fewer than maxResults).
func (h *Handlers) ListDefinitions(w http.ResponseWriter, r *http.Request) error {
	me := httpapi.Player(r.Context())
	limit, err := httpapi.QueryInt(r, "maxResults", 1, maxPageSize, defaultPageSize)
	if err != nil {
		return err
	}
	defs, next, err := h.svc.Store.DefinitionsPage(r.Context(), limit, r.URL.Query().Get("pageToken"))
	if err != nil {
		return err
	}
	var hidden []string
	for _, d := range defs {
		if d.Visibility == event.Hidden {
			hidden = append(hidden, d.ID)
		}
	}
	recorded, err := h.svc.Store.Counters(r.Context(), me.ID, hidden)
	if err != nil {
		return err
	}
	out := gamesv1.EventDefinitionListResponse{Kind: gamesv1.KindEventDefinitionListResponse, NextPageToken: next}
	for _, d := range defs {
		if _, seen := recorded[d.ID]; d.Visibility == event.Hidden && !seen {
			continue
		}
		out.Items = append(out.Items, renderDefinition(d))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
	return nil
}
