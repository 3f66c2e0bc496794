package store

import (
	"cmp"
	"context"
	"errors"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/notification"
)

// Auto-matching in Firestore. Each create call that auto-matches alone has a ticket, at the ID
// its seed would have (derived from the requestId, so a retry finds it): the game the player
// ended up in. Placing the player in a waiting game, or making their seed, is one transaction
// that first reads the ticket and the document at the ticket's ID (a game an earlier create
// with that requestId made), so one request never puts a player in two games; the matcher
// moving a seed's players rewrites their tickets in the same transaction.
//
// Placing a player in a waiting game, and the matcher's moving players from one game into another,
// are tried once, and never wait for another instance's call: the transaction reads the games
// outside its locks and writes them on condition that they are unchanged since (their update
// times). Two calls that read a game in their transactions and then both write it lock each other
// until Firestore's lock timeout ends one (the emulator waits 2 s); with the condition, the one
// that commits second fails at once. When another call changed or holds the game, the player
// goes on to the next candidate, and the matcher to its next move, at once instead of backing off
// and retrying for the same slot. (Calls of one instance still take turns on the game: docLocks.)

// Tickets is the collection of auto-match tickets.
const Tickets = "autoMatchTickets"

// TicketRetention is how long a ticket answers retries before TTL deletes it.
const TicketRetention = 30 * 24 * time.Hour

type ticket struct {
	GameID string `firestore:"gameId"`
	// PlayerID is the player the ticket placed: the matcher moves a player alone with their
	// ticket. A seed's creator's ticket, at the seed's ID, names them only once they are moved.
	PlayerID string    `firestore:"playerId,omitempty"`
	ExpireAt time.Time `firestore:"expireAt"`
}

// Placed is the result of an auto-matching transaction: the game the ticket names and its
// document (nil when the ticket named a game already: a retry, whose game the caller reads).
type Placed[P any] struct {
	GameID string
	Game   P
	Notes  []notification.Notification
}

// errTicketTaken ends a transaction whose ticket already names a game.
var errTicketTaken = errors.New("ticket taken")

// ticketed runs fn in one transaction after reading ticketID's ticket and the collection's
// document at ticketID. If the ticket names a game, or that document exists (a retried create),
// nothing is written and that game is returned. Otherwise fn does its reads and writes of the
// game at gameID and names it; the ticket (naming playerID, unless empty) and the outbox records
// are written with them.
func ticketed[P any](ctx context.Context, s *Store, collection, ticketID, playerID, gameID string, now time.Time, attempts int,
	fn func(*firestore.Client, *firestore.Transaction) (Placed[P], error)) (Placed[P], error) {
	client, err := s.Client(ctx)
	if err != nil {
		return Placed[P]{}, err
	}
	ticketRef := client.Collection(Tickets).Doc(ticketID)
	var result Placed[P]
	locked := []*firestore.DocumentRef{ticketRef, client.Collection(collection).Doc(gameID)}
	err = s.runTransaction(ctx, client, locked, func(ctx context.Context, tx *firestore.Transaction) error {
		result = Placed[P]{}
		snap, err := tx.Get(ticketRef)
		switch {
		case err == nil:
			var t ticket
			if err := snap.DataTo(&t); err != nil {
				return err
			}
			result.GameID = t.GameID
			return errTicketTaken
		case status.Code(err) != codes.NotFound:
			return err
		}
		switch _, err := tx.Get(client.Collection(collection).Doc(ticketID)); {
		case err == nil:
			result.GameID = ticketID
			return errTicketTaken
		case status.Code(err) != codes.NotFound:
			return err
		}
		if result, err = fn(client, tx); err != nil {
			return err
		}
		if err := tx.Set(ticketRef, ticket{GameID: result.GameID, PlayerID: playerID, ExpireAt: now.Add(TicketRetention)}); err != nil {
			return err
		}
		return writeOutbox(client, tx, result.Notes)
	}, firestore.MaxAttempts(attempts))
	if errors.Is(err, errTicketTaken) {
		return result, nil
	}
	if contended(err) && attempts == 1 {
		return Placed[P]{}, errs.Wrap(errs.Conflict, err, "another call holds the game %s", gameID)
	}
	if err != nil {
		return Placed[P]{}, backendError(err, "auto-match ticket "+ticketID)
	}
	return result, nil
}

// PlaceIn puts the ticket's player, playerID, in the game at gameID with fn, which returns a
// coded error when the game cannot take them (any more), and names playerID on the ticket, in
// one attempt: contention, or a change to the game since it was read, is a coded conflict too.
// The game is read outside the transaction and written on condition that it is unchanged (see
// the top of this file).
func (g Games[G]) PlaceIn(ctx context.Context, ticketID, playerID, gameID string, now time.Time, fn func(G) ([]notification.Notification, error)) (Placed[G], error) {
	return ticketed(ctx, g.s, g.collection, ticketID, playerID, gameID, now, 1, func(client *firestore.Client, tx *firestore.Transaction) (Placed[G], error) {
		ref := g.ref(gameID)(client)
		waiting, read, err := g.readUnlocked(ctx, ref, errs.E(errs.Conflict, "autoMatchingCriteria", "the game is gone"))
		if err != nil {
			return Placed[G]{}, err
		}
		notes, err := fn(waiting)
		if err != nil {
			return Placed[G]{}, err
		}
		return Placed[G]{GameID: gameID, Game: waiting, Notes: notes}, g.writeUnchanged(tx, ref, waiting, read)
	})
}

// readUnlocked reads the game at ref outside any transaction, for writeUnchanged; gone when it
// does not exist.
func (g Games[G]) readUnlocked(ctx context.Context, ref *firestore.DocumentRef, gone error) (G, time.Time, error) {
	var none G
	snap, err := snapshot(ctx, ref)
	if err != nil || snap == nil {
		return none, time.Time{}, cmp.Or(err, gone)
	}
	v, err := g.codec.decode(snap)
	if err != nil {
		return none, time.Time{}, backendError(err, "decode "+ref.Path)
	}
	return v, snap.UpdateTime, nil
}

// writeUnchanged writes v, read by readUnlocked with the update time read, in tx on condition
// that the document is unchanged since: otherwise the commit fails, at once (contended).
func (g Games[G]) writeUnchanged(tx *firestore.Transaction, ref *firestore.DocumentRef, v G, read time.Time) error {
	return writeIfUnchanged(tx, ref, g.codec.encode(v), read)
}

// Seed stores the game build makes at the ticket's own ID: the player found no game to join.
func (g Games[G]) Seed(ctx context.Context, ticketID string, now time.Time, build func() (G, []notification.Notification, error)) (Placed[G], error) {
	return ticketed(ctx, g.s, g.collection, ticketID, "", ticketID, now, maxAttempts, func(client *firestore.Client, tx *firestore.Transaction) (Placed[G], error) {
		seed, notes, err := build()
		if err != nil {
			return Placed[G]{}, err
		}
		return Placed[G]{GameID: ticketID, Game: seed, Notes: notes}, tx.Create(g.ref(ticketID)(client), g.codec.encode(seed))
	})
}

// Merge moves players of a seed into another game, in one attempt of one transaction that writes
// both, each on condition that it is unchanged since it was read (see the top of this file): fn
// moves them (or returns a coded error when either game cannot take the move), and the ticket of
// each moved player (one per create call that put a player in the seed) then names the game they
// are in. When fn moved all of them, that is every ticket that named the seed; when only some,
// the tickets that name those players, and a coded conflict if one has none (a ticket from before
// tickets named their players), so that nobody is moved without their ticket. A ticket names the
// seed only through a write of the seed, so the seed's condition holds the tickets read too.
// Another call's change to either game, or its transaction on one, is a coded conflict.
func (g Games[G]) Merge(ctx context.Context, seedID, intoID string, now time.Time, fn func(seed, into G) (game.Moved, error)) ([]notification.Notification, error) {
	client, err := g.s.Client(ctx)
	if err != nil {
		return nil, err
	}
	seedRef, intoRef := g.ref(seedID)(client), g.ref(intoID)(client)
	gone := errs.E(errs.Conflict, "id", "the game is gone")
	var moved game.Moved
	err = g.s.runTransaction(ctx, client, []*firestore.DocumentRef{seedRef, intoRef}, func(ctx context.Context, tx *firestore.Transaction) error {
		seedGame, seedRead, err := g.readUnlocked(ctx, seedRef, gone)
		if err != nil {
			return err
		}
		into, intoRead, err := g.readUnlocked(ctx, intoRef, gone)
		if err != nil {
			return err
		}
		snaps, err := ticketsQuery.build(client, seedID).Documents(ctx).GetAll()
		if err != nil {
			return backendError(err, "tickets of "+seedID)
		}
		if moved, err = fn(seedGame, into); err != nil {
			return err
		}
		tickets, err := movedTickets(snaps, seedID, moved)
		if err != nil {
			return err
		}
		if err := g.writeUnchanged(tx, seedRef, seedGame, seedRead); err != nil {
			return err
		}
		if err := g.writeUnchanged(tx, intoRef, into, intoRead); err != nil {
			return err
		}
		for ref, playerID := range tickets {
			if err := tx.Set(ref, ticket{GameID: intoID, PlayerID: playerID, ExpireAt: now.Add(TicketRetention)}); err != nil {
				return err
			}
		}
		return writeOutbox(client, tx, moved.Notes)
	}, firestore.MaxAttempts(1))
	if contended(err) {
		return nil, errs.Wrap(errs.Conflict, err, "another call changed or holds %s or %s", seedID, intoID)
	}
	if err != nil {
		return nil, backendError(err, "merge "+seedRef.Path+" into "+intoID)
	}
	return moved.Notes, nil
}

// movedTickets picks, of the tickets that name the seed, those of the moved players, with the
// player each names: the seed's creator's, at the seed's ID, names them from now on.
func movedTickets(snaps []*firestore.DocumentSnapshot, seedID string, m game.Moved) (map[*firestore.DocumentRef]string, error) {
	out := map[*firestore.DocumentRef]string{}
	byPlayer := map[string]*firestore.DocumentRef{}
	for _, snap := range snaps {
		var t ticket
		if err := snap.DataTo(&t); err != nil {
			return nil, err
		}
		if t.PlayerID == "" && snap.Ref.ID == seedID && len(m.Players) > 0 && m.Whole {
			t.PlayerID = m.Players[0]
		}
		if m.Whole {
			out[snap.Ref] = t.PlayerID
		}
		if t.PlayerID != "" {
			byPlayer[t.PlayerID] = snap.Ref
		}
	}
	if m.Whole {
		return out, nil
	}
	for _, id := range m.Players {
		ref := byPlayer[id]
		if ref == nil {
			return nil, errs.E(errs.Conflict, "id", "no ticket names player %s: the game moves only whole", id)
		}
		out[ref] = id
	}
	return out, nil
}

// ticketsQuery finds the tickets that name a game: one per create call that placed a player in
// it, at most as many as the game has players. One equality filter: Firestore's automatic
// single-field index serves it.
var ticketsQuery = Query{Collection: Tickets, Filters: []Filter{{Field: "gameId", Op: "=="}},
	Orders: []Order{{Field: firestore.DocumentID, Dir: firestore.Asc}}}

// seekingQuery finds the games of some pools waiting for a player, oldest first.
func seekingQuery(collection string) Query {
	return Query{Collection: collection, Filters: []Filter{{Field: "pool", Op: "in"}, {Field: "seeking", Op: "=="}},
		Orders: []Order{{Field: "created.at", Dir: firestore.Asc}, {Field: firestore.DocumentID, Dir: firestore.Asc}}}
}

// waitingQuery finds an application's games waiting for players that changed at or after a
// time, the most recently changed first: those the matcher may move (seeds whose players have
// only joined) and those it may move them into.
func waitingQuery(collection string) Query {
	return Query{Collection: collection,
		Filters: []Filter{{Field: "applicationId", Op: "=="}, {Field: "seeking", Op: "=="}, {Field: "lastUpdate.at", Op: ">="}},
		Orders:  []Order{{Field: "lastUpdate.at", Dir: firestore.Desc}, {Field: firestore.DocumentID, Dir: firestore.Desc}}}
}

// Seeking reads up to limit games of the pools waiting for a player, oldest first.
func (g Games[G]) Seeking(ctx context.Context, pools []string, limit int) ([]G, error) {
	if len(pools) == 0 {
		return nil, nil
	}
	client, err := g.s.Client(ctx)
	if err != nil {
		return nil, err
	}
	return g.codec.readAll(ctx, withoutState(g.collection, seekingQuery(g.collection).build(client, pools, true)).Limit(limit))
}

// Waiting reads up to limit of the application's games waiting for players that changed at or
// after since, the most recently changed first: what the matcher considers moving.
func (g Games[G]) Waiting(ctx context.Context, applicationID string, since time.Time, limit int) ([]G, error) {
	client, err := g.s.Client(ctx)
	if err != nil {
		return nil, err
	}
	return g.codec.readAll(ctx, withoutState(g.collection, waitingQuery(g.collection).build(client, applicationID, true, since)).Limit(limit))
}

// withoutState reads games to choose from without a match's game state: the transaction that
// then changes one reads it whole.
func withoutState(collection string, q firestore.Query) firestore.Query {
	if collection == Matches {
		return gameState(q, false)
	}
	return q
}
