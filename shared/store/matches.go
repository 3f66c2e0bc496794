package store

import (
	"context"
	"reflect"
	"strings"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/ratelimit"
)

// Matches is the collection of turn-based matches.
const Matches = "matches"

func matchRef(id string) func(*firestore.Client) *firestore.DocumentRef {
	return func(c *firestore.Client) *firestore.DocumentRef { return c.Collection(Matches).Doc(id) }
}

func matchNotFound(id string) error { return errs.E(errs.NotFound, "matchId", "no match %q", id) }

// CreateMatch stores the match build makes at id, its invitations charged to the creator's
// invitation window as inv says (nil: not charged), unless a match exists there (a retried
// create): then it is returned with created false.
func (s *Store) CreateMatch(ctx context.Context, id string, inv *ratelimit.Invitations, build func() (*match.Match, []notification.Notification, error)) (*match.Match, bool, []notification.Notification, error) {
	return create(ctx, s, matchRef(id), inv, build)
}

// UpdateMatch applies fn to the match in one transaction (see mutate).
func (s *Store) UpdateMatch(ctx context.Context, id string, fn func(*match.Match) ([]notification.Notification, error)) (*match.Match, []notification.Notification, error) {
	return mutate(ctx, s, matchRef(id), matchNotFound(id), fn)
}

// Match reads a match.
func (s *Store) Match(ctx context.Context, id string) (*match.Match, error) {
	return get[match.Match](ctx, s, matchRef(id), matchNotFound(id))
}

// Rematch runs fn on a match and its stored rematch (nil if it has none) in one transaction, and
// stores what fn changed: the match, the new rematch and the notifications. A call that changes
// nothing (a retried rematch) writes nothing.
func (s *Store) Rematch(ctx context.Context, id string, fn func(old, existing *match.Match) (*match.Match, []notification.Notification, error)) (*match.Match, *match.Match, []notification.Notification, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	var old, rematch *match.Match
	var notes []notification.Notification
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{matchRef(id)(client)}, func(ctx context.Context, tx *firestore.Transaction) error {
		old, rematch, notes = nil, nil, nil
		current, err := txGet[match.Match](tx, matchRef(id)(client), matchNotFound(id))
		if err != nil {
			return err
		}
		var existing *match.Match
		if current.RematchID != "" {
			if existing, err = txGet[match.Match](tx, matchRef(current.RematchID)(client), matchNotFound(current.RematchID)); err != nil {
				return err
			}
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
		if err := tx.Set(matchRef(id)(client), current); err != nil {
			return err
		}
		if err := tx.Create(matchRef(made.ID)(client), made); err != nil {
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

// List phases: open matches first, then finished ones.
const (
	phaseOpen = ""
	phaseDone = "done"
)

// NoCap is the maxCompleted of a listing that does not limit finished matches.
const NoCap = -1

// ListMatches returns a page of up to limit of playerID's matches (fewer once they take
// pageBytes): the open ones, newest first, then at most maxCompleted finished ones (over all
// pages; NoCap for no limit), newest first. Both parts page by creation time, which never
// changes, so a token stays correct while matches change (a match that finishes between two
// pages may show in both parts). Without withData the matches come without their game state.
func (s *Store) ListMatches(ctx context.Context, playerID string, limit, maxCompleted int, pageToken string, withData bool) ([]*match.Match, string, error) {
	cur, err := parseCursor(pageToken)
	if err != nil {
		return nil, "", err
	}
	if cur == nil {
		cur = &cursor{}
	}
	if cur.Phase != phaseOpen && cur.Phase != phaseDone {
		return nil, "", errs.E(errs.Invalid, "pageToken", "not a page token this API returned")
	}
	client, err := s.Client(ctx)
	if err != nil {
		return nil, "", err
	}
	var out []*match.Match
	if cur.Phase == phaseOpen {
		page, more, err := s.matchPage(ctx, gameState(matchListQuery.build(client, playerID, true), withData), cur, limit)
		if err != nil {
			return nil, "", err
		}
		out = page
		if more {
			last := page[len(page)-1]
			return out, cursor{At: last.Created.At, ID: last.ID}.token(), nil
		}
		cur, limit = &cursor{Phase: phaseDone}, limit-len(page)
	}
	take := limit
	if maxCompleted != NoCap {
		take = min(take, maxCompleted-cur.Count)
	}
	if take <= 0 {
		if maxCompleted != NoCap && cur.Count >= maxCompleted {
			return out, "", nil
		}
		return out, cur.token(), nil
	}
	page, more, err := s.matchPage(ctx, gameState(matchListQuery.build(client, playerID, false), withData), cur, take)
	if err != nil {
		return nil, "", err
	}
	out = append(out, page...)
	count := cur.Count + len(page)
	if !more || (maxCompleted != NoCap && count >= maxCompleted) {
		return out, "", nil
	}
	last := page[len(page)-1]
	return out, cursor{Phase: phaseDone, At: last.Created.At, ID: last.ID, Count: count}.token(), nil
}

// matchPage reads up to limit matches of q after cur's position (fewer once they take
// pageBytes), and whether more follow.
func (s *Store) matchPage(ctx context.Context, q firestore.Query, cur *cursor, limit int) ([]*match.Match, bool, error) {
	if cur.positioned() {
		q = q.StartAfter(cur.At, cur.ID)
	}
	return readPage[match.Match](ctx, q, limit)
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
	t := reflect.TypeFor[match.Match]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("firestore"), ",")
		if name != "" && name != "-" && name != "data" && name != "previousData" {
			out = append(out, name)
		}
	}
	return out
}()

// SyncMatches returns up to limit of the matches playerID may see that changed after the
// position in pageToken (fewer once they take pageBytes; without withData, without their game
// state), least recent change first; the token of the new position (the same
// token when nothing changed, so a client can keep calling with it); and whether more changes
// are waiting. Finished matches beyond maxCompleted in this page are passed over (NoCap: none).
// The position is the commit time Firestore stamped on each change, so a client that keeps
// syncing from the token it was given sees every change once, in order.
func (s *Store) SyncMatches(ctx context.Context, playerID string, limit, maxCompleted int, pageToken string, withData bool) ([]*match.Match, string, bool, error) {
	cur, err := parseCursor(pageToken)
	if err != nil {
		return nil, "", false, err
	}
	if cur == nil {
		cur = &cursor{}
	}
	if cur.Phase != "" {
		return nil, "", false, errs.E(errs.Invalid, "pageToken", "not a sync token: use the nextPageToken of a sync response")
	}
	client, err := s.Client(ctx)
	if err != nil {
		return nil, "", false, err
	}
	q := gameState(matchSyncQuery.build(client, playerID), withData)
	if cur.positioned() {
		q = q.StartAfter(cur.At, cur.ID)
	}
	page, more, err := readPage[match.Match](ctx, q, limit)
	if err != nil {
		return nil, "", false, err
	}
	if len(page) == 0 {
		return nil, pageToken, false, nil
	}
	last := page[len(page)-1]
	next := cursor{At: last.SyncAt, ID: last.ID}.token()
	var out []*match.Match
	completed := 0
	for _, m := range page {
		if !m.Open {
			if maxCompleted != NoCap && completed >= maxCompleted {
				continue
			}
			completed++
		}
		out = append(out, m)
	}
	return out, next, more, nil
}
