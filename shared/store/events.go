package store

import (
	"context"
	"strconv"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/api/iterator"

	"github.com/openplay-games/openplay/shared/event"
)

// Collections of events: the definitions, and under players/{playerId} the player's counters
// (events), the requestIds and periods already applied, and the record rate window (state).
const (
	EventDefinitions = "eventDefinitions"
	Players          = "players"
	playerEvents     = "events"
	playerRequests   = "eventRequests"
	playerPeriods    = "eventPeriods"
	playerState      = "state"
)

func (s *Store) player(client *firestore.Client, playerID string) *firestore.DocumentRef {
	return client.Collection(Players).Doc(playerID)
}

// AllDefinitions reads every stored event definition (for the admin loader).
func (s *Store) AllDefinitions(ctx context.Context) ([]event.Definition, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	found, err := readAll[event.Definition](ctx, client.Collection(EventDefinitions).OrderBy(firestore.DocumentID, firestore.Asc))
	out := make([]event.Definition, len(found))
	for i, d := range found {
		out[i] = *d
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
		job, err := bw.Set(client.Collection(EventDefinitions).Doc(d.ID), d)
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
		var d event.Definition
		if err := snap.DataTo(&d); err != nil {
			return nil, backendError(err, "decode "+snap.Ref.Path)
		}
		out[d.ID] = d
	}
	return out, nil
}

// DefinitionsPage reads up to limit definitions in ID order after the position in pageToken.
func (s *Store) DefinitionsPage(ctx context.Context, limit int, pageToken string) ([]*event.Definition, string, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, "", err
	}
	return idPage[event.Definition](ctx, client.Collection(EventDefinitions).Query, limit, pageToken, func(d *event.Definition) string { return d.ID })
}

// Counters reads playerID's counters of these events; events never recorded are absent.
func (s *Store) Counters(ctx context.Context, playerID string, ids []string) (map[string]event.Counter, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]event.Counter{}
	if len(ids) == 0 {
		return out, nil
	}
	refs := make([]*firestore.DocumentRef, len(ids))
	for i, id := range ids {
		refs[i] = s.player(client, playerID).Collection(playerEvents).Doc(id)
	}
	snaps, err := client.GetAll(ctx, refs)
	if err != nil {
		return nil, backendError(err, "read counters")
	}
	for _, snap := range snaps {
		if snap.Exists() {
			var c event.Counter
			if err := snap.DataTo(&c); err != nil {
				return nil, backendError(err, "decode "+snap.Ref.Path)
			}
			out[c.DefinitionID] = c
		}
	}
	return out, nil
}

// CountersPage reads up to limit of playerID's counters in event ID order after pageToken.
func (s *Store) CountersPage(ctx context.Context, playerID string, limit int, pageToken string) ([]*event.Counter, string, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, "", err
	}
	q := s.player(client, playerID).Collection(playerEvents).Query
	return idPage[event.Counter](ctx, q, limit, pageToken, func(c *event.Counter) string { return c.DefinitionID })
}

// RecordEvents runs an events.record for playerID in one transaction: it reads the player's
// state (requestId seen, periods applied, rate window, the counters the record touches), plans
// the record with the pure rules, and writes the new counters and what to remember. Concurrent
// records of one player serialize on these documents, so no increment is lost and a requestId
// is applied once even when retries race; other players' records touch none of them.
func (s *Store) RecordEvents(ctx context.Context, playerID string, rec event.Record, defs map[string]event.Definition,
	lim event.Limits, now time.Time) (event.Plan, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return event.Plan{}, err
	}
	me := s.player(client, playerID)
	rateRef := me.Collection(playerState).Doc("eventRate")
	touched := event.Touched(rec, defs)
	var plan event.Plan
	err = client.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
		st := event.State{SeenPeriods: map[string]bool{}, Totals: map[string]int64{}}
		refs := []*firestore.DocumentRef{rateRef}
		var requestRef *firestore.DocumentRef
		if rec.RequestID != nil {
			requestRef = me.Collection(playerRequests).Doc(strconv.FormatInt(*rec.RequestID, 10))
			refs = append(refs, requestRef)
		}
		for _, p := range rec.Periods {
			refs = append(refs, me.Collection(playerPeriods).Doc(p.Period.Key()))
		}
		for _, id := range touched {
			refs = append(refs, me.Collection(playerEvents).Doc(id))
		}
		snaps, err := tx.GetAll(refs)
		if err != nil {
			return err
		}
		for _, snap := range snaps {
			if !snap.Exists() {
				continue
			}
			switch parent := snap.Ref.Parent.ID; {
			case snap.Ref.Path == rateRef.Path:
				if err := snap.DataTo(&st.Rate); err != nil {
					return err
				}
			case parent == playerRequests:
				st.RequestSeen = true
			case parent == playerPeriods:
				st.SeenPeriods[snap.Ref.ID] = true
			case parent == playerEvents:
				var c event.Counter
				if err := snap.DataTo(&c); err != nil {
					return err
				}
				st.Totals[c.DefinitionID] = c.NumEvents
			}
		}
		plan = event.PlanRecord(rec, defs, st, lim, now)
		if !plan.Changes() {
			return nil
		}
		if err := tx.Set(rateRef, plan.Rate); err != nil {
			return err
		}
		for id, n := range plan.Totals {
			counter := event.Counter{DefinitionID: id, PlayerID: playerID, NumEvents: n, UpdatedAt: now}
			if err := tx.Set(me.Collection(playerEvents).Doc(id), counter); err != nil {
				return err
			}
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
	after, err := parseCursor(pageToken)
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
	return items, cursor{ID: idOf(items[limit-1])}.token(), nil
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
