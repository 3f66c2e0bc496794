package events

import (
	"fmt"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
)

// decodeRecord validates an events.record body. The shape is checked here (a malformed body is a
// 400); what the API reports per item (unknown events, bad counts) and per period (too short,
// too old, already applied) is left to the planner.
func decodeRecord(body []byte) (event.Record, error) {
	var req gamesv1.EventRecordRequest
	if err := httpapi.DecodeBytes(body, &req); err != nil {
		return event.Record{}, err
	}
	if err := httpapi.CheckKind("kind", req.Kind, gamesv1.KindEventRecordRequest); err != nil {
		return event.Record{}, err
	}
	rec := event.Record{RequestID: (*int64)(req.RequestID), ClientNowMillis: (*int64)(req.CurrentTimeMillis)}
	for i, p := range req.TimePeriods {
		field := fmt.Sprintf("timePeriods[%d]", i)
		if err := httpapi.CheckKind(field+".kind", p.Kind, gamesv1.KindEventPeriodUpdate); err != nil {
			return event.Record{}, err
		}
		r := p.TimePeriod
		if r == nil {
			return event.Record{}, errs.E(errs.Invalid, field+".timePeriod", "required: the period the updates cover")
		}
		if err := httpapi.CheckKind(field+".timePeriod.kind", r.Kind, gamesv1.KindEventPeriodRange); err != nil {
			return event.Record{}, err
		}
		// An absent bound is 0: generated clients leave zero values out.
		pu := event.PeriodUpdates{Period: event.Period{StartMillis: millis(r.PeriodStartMillis), EndMillis: millis(r.PeriodEndMillis)}}
		for j, u := range p.Updates {
			if err := httpapi.CheckKind(fmt.Sprintf("%s.updates[%d].kind", field, j), u.Kind, gamesv1.KindEventUpdateRequest); err != nil {
				return event.Record{}, err
			}
			count, ok := u.UpdateCount.Value()
			if u.UpdateCount == "" {
				count, ok = 0, true // the generated client leaves a zero count out
			}
			pu.Updates = append(pu.Updates, event.Update{DefinitionID: u.DefinitionID, Count: count, CountOK: ok})
		}
		rec.Periods = append(rec.Periods, pu)
	}
	return rec, nil
}

func millis(v *gamesv1.Int64) int64 {
	if v == nil {
		return 0
	}
	return int64(*v)
}
