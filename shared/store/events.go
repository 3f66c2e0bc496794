package store

import (
	"context"
	"strconv"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/api/iterator"

	"github.com/openplay-games/openplay/shared/event"
)

// Collections of events: the definitions, and under players/{playerId} the requestIds and
// periods already applied and the state collection, which holds the player's events document
// (event_counters.go).
const (
	EventDefinitions = "eventDefinitions"
	Players          = "players"
	playerRequests   = "eventRequests"
	playerPeriods    = "eventPeriods"
	playerState      = "state"
)

// player is a player's document, under which their inbox and events live (PlayerDocID).
func (s *Store) player(client *firestore.Client, playerID string) *firestore.DocumentRef {
	return client.Collection(Players).Doc(PlayerDocID(playerID))
}

// AllDefinitions reads every stored event definition (for the admin loader).
func (s *Store) AllDefinitions(ctx context.Context) ([]event.Definition, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	found, err := readAll[definitionDoc](ctx, client.Collection(EventDefinitions).OrderBy(firestore.DocumentID, firestore.Asc))
	out := make([]event.Definition, len(found))
	for i, d := range found {
		out[i] = d.definition()
	}
	return out, err
}

// WriteDefinitions stores definitions (created or changed) and deletes the ones named in remove.
func (s *Store) WriteDefinitions(ctx context.Context, put []event.Definition, remove []string) error {
	client, err := s.Client(ctx)
	if err != nil {
		return err
	}
	bw := client.BulkWriter(ctx)
	var jobs []*firestore.BulkWriterJob
	for _, d := range put {
		job, err := bw.Set(client.Collection(EventDefinitions).Doc(d.ID), toDefinitionDoc(d))
		if err != nil {
			bw.End()
			return backendError(err, "write definition "+d.ID)
		}
		jobs = append(jobs, job)
	}
	for _, id := range remove {
		job, err := bw.Delete(client.Collection(EventDefinitions).Doc(id))
		if err != nil {
			bw.End()
			return backendError(err, "delete definition "+id)
		}
		jobs = append(jobs, job)
	}
	bw.End()
	for _, job := range jobs {
		if _, err := job.Results(); err != nil {
			return backendError(err, "write definitions")
		}
	}
	return nil
}

// Definitions reads the definitions with these IDs; missing ones are absent from the map.
func (s *Store) Definitions(ctx context.Context, ids []string) (map[string]event.Definition, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	refs := make([]*firestore.DocumentRef, len(ids))
	for i, id := range ids {
		refs[i] = client.Collection(EventDefinitions).Doc(id)
	}
	out := map[string]event.Definition{}
	if len(refs) == 0 {
		return out, nil
	}
	snaps, err := client.GetAll(ctx, refs)
	if err != nil {
		return nil, backendError(err, "read definitions")
	}
	for _, snap := range snaps {
		if !snap.Exists() {
			continue
		}
		var d definitionDoc
		if err := snap.DataTo(&d); err != nil {
			return nil, backendError(err, "decode "+snap.Ref.Path)
		}
		out[d.ID] = d.definition()
	}
	return out, nil
}

// DefinitionsPage reads up to limit definitions in ID order after the position in pageToken.
func (s *Store) DefinitionsPage(ctx context.Context, limit int, pageToken string) ([]*event.Definition, string, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, "", err
	}
	docs, next, err := idPage[definitionDoc](ctx, client.Collection(EventDefinitions).Query, limit, pageToken, func(d *definitionDoc) string { return d.ID })
	if err != nil {
		return nil, "", err
	}
	out := make([]*event.Definition, len(docs))
	for i, d := range docs {
		def := d.definition()
		out[i] = &def
	}
	return out, next, nil
}

// RecordEvents runs an events.record for playerID in one transaction: it reads the player's
// events document (counters and rate window) and what it must remember (the requestId, the
// periods applied), plans the record with the pure rules, and writes the new counters and what to
// remember. Concurrent records of one player serialize on the events document, so no increment is
// lost and a requestId is applied once even when retries race; other players' records touch none
// of these documents.
func (s *Store) RecordEvents(ctx context.Context, playerID string, rec event.Record, defs map[string]event.Definition,
	lim event.Limits, now time.Time) (event.Plan, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return event.Plan{}, err
	}
	me := s.player(client, playerID)
	eventsRef := s.playerEventsRef(client, playerID)
	var requestRef *firestore.DocumentRef
	if rec.RequestID != nil {
		requestRef = me.Collection(playerRequests).Doc(strconv.FormatInt(*rec.RequestID, 10))
	}
	var plan event.Plan
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{eventsRef}, func(ctx context.Context, tx *firestore.Transaction) error {
		refs := []*firestore.DocumentRef{eventsRef}
		if requestRef != nil {
			refs = append(refs, requestRef)
		}
		for _, p := range rec.Periods {
			refs = append(refs, me.Collection(playerPeriods).Doc(p.Period.Key()))
		}
		snaps, err := tx.GetAll(refs)
		if err != nil {
			return err
		}
		pe, err := readPlayerEvents(snaps[0], nil)
		if err != nil {
			return err
		}
		st := event.State{SeenPeriods: map[string]bool{}, Totals: map[string]int64{}, Rate: pe.Rate.window()}
		for _, id := range event.Touched(rec, defs) {
			if v, ok := pe.Counters[id]; ok {
				st.Totals[id] = v.NumEvents
			}
		}
		for _, snap := range snaps[1:] {
			switch {
			case !snap.Exists():
			case snap.Ref.Parent.ID == playerRequests:
				st.RequestSeen = true
			default:
				st.SeenPeriods[snap.Ref.ID] = true
			}
		}
		plan = event.PlanRecord(rec, defs, st, lim, now)
		if !plan.Changes() {
			return nil
		}
		if pe.Counters == nil {
			pe.Counters = map[string]counterValue{}
		}
		for id, n := range plan.Totals {
			pe.Counters[id] = counterValue{NumEvents: n, UpdatedAt: now}
		}
		pe.Rate = toWindowDoc(*plan.Rate)
		if err := tx.Set(eventsRef, pe); err != nil {
			return err
		}
		// Periods older than MaxAge are refused anyway; Firestore's TTL (infra/firestore.ttl.json)
		// deletes the bookkeeping a day after that.
		applied := map[string]any{"appliedAt": now, "expireAt": now.Add(lim.MaxAge + 24*time.Hour)}
		for _, p := range plan.Periods {
			if err := tx.Set(me.Collection(playerPeriods).Doc(p.Key()), applied); err != nil {
				return err
			}
		}
		if plan.RememberRequest {
			if err := tx.Set(requestRef, applied); err != nil {
				return err
			}
		}
		return nil
	}, firestore.MaxAttempts(maxAttempts))
	if err != nil {
		return event.Plan{}, backendError(err, "record events")
	}
	return plan, nil
}

// idPage reads up to limit documents of q in document ID order after the ID in pageToken.
func idPage[T any](ctx context.Context, q firestore.Query, limit int, pageToken string, idOf func(*T) string) ([]*T, string, error) {
	after, err := ParseCursor(pageToken)
	if err != nil {
		return nil, "", err
	}
	q = q.OrderBy(firestore.DocumentID, firestore.Asc).Limit(limit + 1)
	if after.positioned() {
		q = q.StartAfter(after.ID)
	}
	items, err := readAll[T](ctx, q)
	if err != nil {
		return nil, "", err
	}
	if len(items) <= limit {
		return items, "", nil
	}
	items = items[:limit]
	return items, Cursor{ID: idOf(items[limit-1])}.Token(), nil
}

// readAll reads and decodes every document q returns.
func readAll[T any](ctx context.Context, q firestore.Query) ([]*T, error) {
	it := q.Documents(ctx)
	defer it.Stop()
	var out []*T
	for {
		snap, err := it.Next()
		if err == iterator.Done {
			return out, nil
		}
		if err != nil {
			return nil, backendError(err, "query")
		}
		v := new(T)
		if err := snap.DataTo(v); err != nil {
			return nil, backendError(err, "decode "+snap.Ref.Path)
		}
		out = append(out, v)
	}
}
