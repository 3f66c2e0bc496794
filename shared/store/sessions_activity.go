package store

import (
	"context"
	"strings"
	"time"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/session"
)

// SessionActivities holds activity handles, one document per player per service config: its ID
// is the case-folded scid, "~" and the player's document ID (PlayerDocID), so a new activity
// replaces the old one and a query reads each player's by ID, with no index.
const SessionActivities = "sessionActivities"

// ActivityRetention is how long after it was set Firestore's TTL deletes an activity document
// (its expireAt, infra/firestore.ttl.json). An activity is checked when it is read, so the
// document only has to outlive the activity itself: one holds only while its owner stays active
// in its session, and 30 days is far beyond any game session and any lobby a player stays active
// in without setting their activity again (XSAPI's multiplayer manager sets it on every join).
// Without it, the activity of a player who never plays again would stay forever.
const ActivityRetention = 30 * 24 * time.Hour

func activityRef(c *firestore.Client, scid, player string) *firestore.DocumentRef {
	return c.Collection(SessionActivities).Doc(strings.ToLower(scid) + "~" + PlayerDocID(player))
}

// SetActivity makes owner's activity handle for the session ref: fn checks the session (pure),
// read with Session, and makes the handle, which replaces owner's activity in that service
// config with one write. A missing session is NotFound. An activity counts only while its owner
// stays an active member, checked when it is read, so one set by a member who left meanwhile
// never counts.
func (s *Store) SetActivity(ctx context.Context, ref session.Ref, owner string, fn func(*session.Session) (*session.Activity, error)) (*session.Activity, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	stored, err := s.Session(ctx, ref)
	if err != nil {
		return nil, err
	}
	act, err := fn(stored)
	if err != nil {
		return nil, err
	}
	if _, err := activityRef(client, ref.SCID, owner).Set(ctx, toActivityDoc(act, act.Since.Add(ActivityRetention))); err != nil {
		return nil, backendError(err, "set activity in "+ref.String())
	}
	return act, nil
}

// Activities reads the activity handles of players in the service config scid, in their order;
// a player without one has none in the answer.
func (s *Store) Activities(ctx context.Context, scid string, players []string) ([]*session.Activity, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	refs := make([]*firestore.DocumentRef, len(players))
	for i, p := range players {
		refs[i] = activityRef(client, scid, p)
	}
	snaps, err := client.GetAll(ctx, refs)
	if err != nil {
		return nil, backendError(err, "read activities")
	}
	var out []*session.Activity
	for _, snap := range snaps {
		if !snap.Exists() {
			continue
		}
		var d activityDoc
		if err := snap.DataTo(&d); err != nil {
			return nil, backendError(err, "decode "+snap.Ref.Path)
		}
		out = append(out, d.activity())
	}
	return out, nil
}

// activityByIDQuery finds an activity by its handle ID: one equality, which Firestore's
// automatic single-field index serves.
var activityByIDQuery = Query{
	Collection: SessionActivities,
	Filters:    []Filter{{Field: "id", Op: "=="}},
	Orders:     []Order{{Field: firestore.DocumentID, Dir: firestore.Asc}},
}

// ActivityByID reads the activity handle id (as session.ParseHandleID returns it) with one
// indexed query; none is the handle's NotFound.
func (s *Store) ActivityByID(ctx context.Context, id string) (*session.Activity, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	snap, err := findActivity(ctx, client, id)
	if err != nil {
		return nil, err
	}
	return activityOf(snap)
}

// findActivity reads the document of the activity handle id with activityByIDQuery; none is
// the handle's NotFound.
func findActivity(ctx context.Context, client *firestore.Client, id string) (*firestore.DocumentSnapshot, error) {
	var found *firestore.DocumentSnapshot
	err := scan(ctx, activityByIDQuery.build(client, id), 1, func(snap *firestore.DocumentSnapshot) (bool, error) {
		found = snap
		return false, nil
	})
	if err == nil && found == nil {
		err = session.HandleNotFound(id)
	}
	return found, err
}

// DeleteActivity deletes the activity handle id, if check (pure) allows it given the activity
// and its session as stored (nil when there is none): ActivityByID's query finds the activity,
// Session reads its session, and the activity is deleted on condition that it is unchanged since
// the query read it. An activity replaced meanwhile is not deleted: the condition fails, and the
// query, run again, finds no activity of that ID (NotFound), as it does when there is none.
// Neither read is in a transaction: the query, run in one, locked what it read, and the deletes
// contended with other players' activities (3 of 33 took 3 s, with retries, in a benchmark run
// on the emulator); the session's read would hold its members' writes back (see Session).
func (s *Store) DeleteActivity(ctx context.Context, id string, check func(*session.Activity, *session.Session) error) error {
	client, err := s.Client(ctx)
	if err != nil {
		return err
	}
	err = untilUncontended("delete activity "+id, func() error {
		found, err := findActivity(ctx, client, id)
		if err != nil {
			return err
		}
		a, err := activityOf(found)
		if err != nil {
			return err
		}
		stored, err := s.Session(ctx, a.Ref)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		if err := check(a, stored); err != nil {
			return err
		}
		_, err = found.Ref.Delete(ctx, firestore.LastUpdateTime(found.UpdateTime))
		return err
	})
	return backendError(err, "delete activity "+id)
}

func activityOf(snap *firestore.DocumentSnapshot) (*session.Activity, error) {
	var d activityDoc
	if err := snap.DataTo(&d); err != nil {
		return nil, backendError(err, "decode "+snap.Ref.Path)
	}
	return d.activity(), nil
}
