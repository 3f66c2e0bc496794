package events

import (
	"sort"

	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/gamesv1"
)

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

func renderDefinition(d *event.Definition) gamesv1.EventDefinition {
	out := gamesv1.EventDefinition{Kind: gamesv1.KindEventDefinition, ID: d.ID, DisplayName: d.DisplayName, Description: d.Description,
		ImageURL: d.ImageURL, IsDefaultImageURL: d.IsDefaultImageURL, Visibility: string(d.Visibility)}
	for _, c := range d.ChildEvents {
		out.ChildEvents = append(out.ChildEvents, gamesv1.EventChild{Kind: gamesv1.KindEventChild, ChildID: c})
	}
	return out
}
