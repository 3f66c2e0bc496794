package store

import (
	"context"
	"strings"
	"time"

	"cloud.google.com/go/firestore"

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

// activityDoc is an activity as stored: the handle and when Firestore's TTL deletes it.
type activityDoc struct {
	session.Activity
	ExpireAt time.Time `firestore:"expireAt"`
}

func activityRef(c *firestore.Client, scid, player string) *firestore.DocumentRef {
	return c.Collection(SessionActivities).Doc(strings.ToLower(scid) + "~" + PlayerDocID(player))
}

// SetActivity makes owner's activity handle for the session ref in one transaction: fn checks
// the session (pure) and makes the handle, which replaces owner's activity in that service
// config. A missing session is NotFound.
func (s *Store) SetActivity(ctx context.Context, ref session.Ref, owner string, fn func(*session.Session) (*session.Activity, error)) (*session.Activity, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	doc, own := sessionRef(client, ref), activityRef(client, ref.SCID, owner)
	var act *session.Activity
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{doc, own}, func(ctx context.Context, tx *firestore.Transaction) error {
		stored, err := txSession(tx, doc, ref)
		if err != nil {
			return err
		}
		if act, err = fn(stored); err != nil {
			return err
		}
		return tx.Set(own, activityDoc{Activity: *act, ExpireAt: act.Since.Add(ActivityRetention)})
	}, firestore.MaxAttempts(maxAttempts))
	if err != nil {
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
		out = append(out, &d.Activity)
	}
	return out, nil
}
