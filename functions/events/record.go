package events

import (
	"net/http"
	"sort"

	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
)

// Record serves events.record: POST /games/v1/events. The valid part of the request is applied
// and the failures are reported in the answer (batchFailures for the request or a period,
// eventFailures for an update); playerEvents are the new totals of the events it changed.
func (h *Handlers) Record(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	body, err := httpapi.ReadBody(r)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	rec, err := decodeRecord(body)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	if rec.TooLarge(h.svc.Config.Events) { // refused before reading anything
		httpapi.WriteJSON(w, r, http.StatusOK, renderPlan(event.PlanRecord(rec, nil, event.State{}, h.svc.Config.Events, h.svc.Time()), me.ID))
		return
	}
	defs, err := h.svc.Definitions(r.Context(), rec.DefinitionIDs())
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	plan, err := h.svc.Store.RecordEvents(r.Context(), me.ID, rec, defs, h.svc.Config.Events, h.svc.Time())
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, renderPlan(plan, me.ID))
}

func renderPlan(plan event.Plan, playerID string) gamesv1.EventUpdateResponse {
	out := gamesv1.EventUpdateResponse{Kind: gamesv1.KindEventUpdateResponse}
	for _, f := range plan.BatchFailures {
		failure := gamesv1.EventBatchRecordFailure{Kind: gamesv1.KindEventBatchRecordFailure, FailureCause: f.Cause}
		if f.Period != nil {
			start, end := gamesv1.Int64(f.Period.StartMillis), gamesv1.Int64(f.Period.EndMillis)
			failure.Range = &gamesv1.EventPeriodRange{Kind: gamesv1.KindEventPeriodRange, PeriodStartMillis: &start, PeriodEndMillis: &end}
		}
		out.BatchFailures = append(out.BatchFailures, failure)
	}
	for _, f := range plan.EventFailures {
		out.EventFailures = append(out.EventFailures, gamesv1.EventRecordFailure{Kind: gamesv1.KindEventRecordFailure, EventID: f.EventID, FailureCause: f.Cause})
	}
	ids := make([]string, 0, len(plan.Shown))
	for id := range plan.Shown {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		out.PlayerEvents = append(out.PlayerEvents, playerEvent(id, playerID, plan.Shown[id]))
	}
	return out
}

func playerEvent(definitionID, playerID string, n int64) gamesv1.PlayerEvent {
	return gamesv1.PlayerEvent{Kind: gamesv1.KindPlayerEvent, DefinitionID: definitionID, PlayerID: playerID,
		NumEvents: gamesv1.Int64(n), FormattedNumEvents: event.Format(n)}
}
