package store

import (
	"context"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/signal"
)

// signals is the subcollection players/{playerId}/signals, next to the inbox: the WebRTC signals
// sent to the player, which Firestore security rules let the player read and listen to. Each is
// named by signal.DocID and deleted by Firestore's TTL after signal.Retention.
const signals = "signals"

// signalsQuery finds a player's signals of one room in the order they were stored.
var signalsQuery = Query{
	Collection: signals,
	Filters:    []Filter{{Field: "roomId", Op: "=="}},
	Orders:     []Order{{Field: "sentAt", Dir: firestore.Asc}, {Field: firestore.DocumentID, Dir: firestore.Asc}},
}

// PutSignal stores sig for the player recipientID, once: a retry (same ID, same content) succeeds
// and changes nothing; another signal with the same ID (a sequence number used twice) is a
// conflict. It writes no other document, so signals never contend with the room.
func (s *Store) PutSignal(ctx context.Context, recipientID string, sig signal.Signal) error {
	client, err := s.Client(ctx)
	if err != nil {
		return err
	}
	ref := s.player(client, recipientID).Collection(signals).Doc(sig.ID)
	_, err = ref.Create(ctx, toSignalDoc(sig))
	if status.Code(err) != codes.AlreadyExists {
		return backendError(err, "store signal "+sig.ID)
	}
	stored, err := get[signalDoc](ctx, s, func(*firestore.Client) *firestore.DocumentRef { return ref },
		errs.E(errs.Unavailable, "seq", "signal %s expired while it was retried; retry", sig.ID))
	if err != nil {
		return err
	}
	if !signal.SameContent(stored.signal(), sig) {
		return errs.E(errs.Conflict, "seq", "sequence number %d was already used for another signal to %s", sig.Seq, sig.To)
	}
	return nil
}

// SignalsPage reads up to limit of playerID's signals in roomID (fewer once they take pageBytes)
// that are not expired at now, in the order they were stored, after the position in pageToken, and the token of the position
// after the last one (pageToken itself when there is nothing new). The position is the commit
// time Firestore stamped on each signal: a read sees every signal committed before it, and any
// signal committed later has a later stamp, so a client that keeps reading from the token it was
// given sees every signal once.
func (s *Store) SignalsPage(ctx context.Context, playerID, roomID string, limit int, pageToken string, now time.Time) ([]*signal.Signal, string, error) {
	after, err := ParseCursor(pageToken)
	if err != nil {
		return nil, "", err
	}
	if after != nil && (after.Phase != "" || !after.positioned()) {
		return nil, "", errs.E(errs.Invalid, "pageToken", "not a signals token: use the nextPageToken of a signals list")
	}
	client, err := s.Client(ctx)
	if err != nil {
		return nil, "", err
	}
	q := signalsQuery.buildIn(s.player(client, playerID).Collection(signals), roomID)
	if after != nil {
		q = q.StartAfter(after.At, after.ID)
	}
	page, _, err := readPage[signalDoc](ctx, q, limit) // bounded by size too: signals carry up to 16 KiB
	if err != nil || len(page) == 0 {
		return nil, pageToken, err
	}
	last := page[len(page)-1]
	next := Cursor{At: last.SentAt, ID: last.ID}.Token()
	var live []*signal.Signal
	for _, d := range page {
		if d.ExpireAt.After(now) { // Firestore's TTL deletes expired documents within a day, not at once
			sig := d.signal()
			live = append(live, &sig)
		}
	}
	return live, next, nil
}
