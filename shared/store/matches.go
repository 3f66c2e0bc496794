package store

import (
	"context"
	"reflect"
	"strings"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
)

// Matches is the collection of turn-based matches.
const Matches = "matches"

func matchNotFound(id string) error { return errs.E(errs.NotFound, "matchId", "no match %q", id) }

// Rematch runs fn on a match and its stored rematch (nil if it has none) in one transaction, and
// stores what fn changed: the match, the new rematch and the notifications. A call that changes
// nothing (a retried rematch) writes nothing.
func (s *Store) Rematch(ctx context.Context, id string, fn func(old, existing *match.Match) (*match.Match, []notification.Notification, error)) (*match.Match, *match.Match, []notification.Notification, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	ref := client.Collection(Matches).Doc(id)
	var old, rematch *match.Match
	var notes []notification.Notification
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{ref}, func(ctx context.Context, tx *firestore.Transaction) error {
		old, rematch, notes = nil, nil, nil
		stored, err := txGet[matchDoc](tx, ref, matchNotFound(id))
		if err != nil {
			return err
		}
		current := stored.match()
		var existing *match.Match
		if current.RematchID != "" {
			storedRematch, err := txGet[matchDoc](tx, client.Collection(Matches).Doc(current.RematchID), matchNotFound(current.RematchID))
			if err != nil {
				return err
			}
			existing = storedRematch.match()
		}
		before := current.Revision
		made, n, err := fn(current, existing)
		if err != nil {
			return err
		}
		old, rematch = current, made
		if current.Revision == before {
			return nil
		}
		notes = n
		if err := tx.Set(ref, toMatchDoc(current)); err != nil {
			return err
		}
		if err := tx.Create(client.Collection(Matches).Doc(made.ID), toMatchDoc(made)); err != nil {
			return err
		}
		return writeOutbox(client, tx, notes)
	}, firestore.MaxAttempts(maxAttempts))
	if err != nil {
		return nil, nil, nil, backendError(err, "rematch "+id)
	}
	return old, rematch, notes, nil
}

// txGet reads and decodes a document in a transaction.
func txGet[T any](tx *firestore.Transaction, ref *firestore.DocumentRef, missing error) (*T, error) {
	snap, err := tx.Get(ref)
	if status.Code(err) == codes.NotFound {
		return nil, missing
	}
	if err != nil {
		return nil, err
	}
	v := new(T)
	return v, snap.DataTo(v)
}

// matchListQuery finds the matches a player has not dismissed, open ones or finished ones,
// newest first.
var matchListQuery = Query{
	Collection: Matches,
	Filters:    []Filter{{Field: "listed", Op: "array-contains"}, {Field: "open", Op: "=="}},
	Orders:     []Order{{Field: "created.at", Dir: firestore.Desc}, {Field: firestore.DocumentID, Dir: firestore.Desc}},
}

// matchSyncQuery finds every match a player may see, least recent change first.
var matchSyncQuery = Query{
	Collection: Matches,
	Filters:    []Filter{{Field: "players", Op: "array-contains"}},
	Orders:     []Order{{Field: "syncAt", Dir: firestore.Asc}, {Field: firestore.DocumentID, Dir: firestore.Asc}},
}

// ListedMatches reads up to limit of the matches playerID has not dismissed, the open ones
// (open) or the finished ones, newest first, after the position of after (nil: from the newest),
// fewer once they take pageBytes; without withData, without their game state. It returns the
// position after the last match read (zero for none) and whether more follow. The matches page by
// creation time, which never changes, so a position stays correct while matches change.
func (s *Store) ListedMatches(ctx context.Context, playerID string, open bool, after *Cursor, limit int, withData bool) ([]*match.Match, Cursor, bool, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, Cursor{}, false, err
	}
	return s.matchPage(ctx, gameState(matchListQuery.build(client, playerID, open), withData), after, limit,
		func(d *matchDoc) time.Time { return d.Created.At })
}

// matchPage reads up to limit matches of q after cur's position (fewer once they take
// pageBytes), the position after the last one read (zero for none: at is the stored time q
// orders by), and whether more follow.
func (s *Store) matchPage(ctx context.Context, q firestore.Query, cur *Cursor, limit int, at func(*matchDoc) time.Time) ([]*match.Match, Cursor, bool, error) {
	if cur.positioned() {
		q = q.StartAfter(cur.At, cur.ID)
	}
	docs, more, err := readPage[matchDoc](ctx, q, limit)
	if err != nil || len(docs) == 0 {
		return nil, Cursor{}, false, err
	}
	last := docs[len(docs)-1]
	return convert(docs, (*matchDoc).match), Cursor{At: at(last), ID: last.ID}, more, nil
}

// gameState leaves the game state (data, previousData) out of what q reads, unless withData:
// listings that do not show it, and auto-matching, read matches without it.
func gameState(q firestore.Query, withData bool) firestore.Query {
	if withData {
		return q
	}
	return q.Select(matchFieldsWithoutState...)
}

// matchFieldsWithoutState are the stored fields of a match but its game state.
var matchFieldsWithoutState = func() []string {
	var out []string
	t := reflect.TypeFor[matchDoc]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("firestore"), ",")
		if name != "" && name != "-" && name != "data" && name != "previousData" {
			out = append(out, name)
		}
	}
	return out
}()

// ChangedMatches reads up to limit of the matches playerID may see that changed after the
// position of after (nil: from the start), least recent change first, fewer once they take
// pageBytes; without withData, without their game state. It returns the position after the last
// match read (zero for none) and whether more changes are waiting. The position is the commit
// time Firestore stamped on each change, so a client that keeps reading from the position it was
// given sees every change once, in order.
func (s *Store) ChangedMatches(ctx context.Context, playerID string, after *Cursor, limit int, withData bool) ([]*match.Match, Cursor, bool, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, Cursor{}, false, err
	}
	return s.matchPage(ctx, gameState(matchSyncQuery.build(client, playerID), withData), after, limit,
		func(d *matchDoc) time.Time { return d.SyncAt })
}
