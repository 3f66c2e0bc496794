package store

import (
	"time"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/game"
)

// codec turns a game (a room or a match) into the document type that stores it and back, for
// the transactions and queries rooms and matches share (mutate.go, automatch.go).
type codec[P, D any] struct {
	toDoc   func(P) *D
	fromDoc func(*D) P
}

// decode reads the game a document stores.
func (c codec[P, D]) decode(snap *firestore.DocumentSnapshot) (P, error) {
	var d D
	if err := snap.DataTo(&d); err != nil {
		var zero P
		return zero, err
	}
	return c.fromDoc(&d), nil
}

// autoMatchDoc is a game's auto-matching criteria as stored.
type autoMatchDoc struct {
	Min              int32 `firestore:"min"`
	Max              int32 `firestore:"max"`
	ExclusiveBitmask int64 `firestore:"exclusiveBitmask"`
}

func toAutoMatchDoc(a *game.AutoMatch) *autoMatchDoc { return (*autoMatchDoc)(a) }

func (d *autoMatchDoc) autoMatch() *game.AutoMatch { return (*game.AutoMatch)(d) }

// modificationDoc is who changed a game and when: the invitation and listing queries order by
// created.at.
type modificationDoc struct {
	ParticipantID string    `firestore:"participantId"`
	At            time.Time `firestore:"at"`
}

// convert maps every element of in with f, keeping a nil slice nil (stored as null, as before).
func convert[A, B any](in []A, f func(A) B) []B {
	if in == nil {
		return nil
	}
	out := make([]B, len(in))
	for i, a := range in {
		out[i] = f(a)
	}
	return out
}

// convertValues maps every value of in with f, keeping a nil map nil.
func convertValues[K comparable, A, B any](in map[K]A, f func(A) B) map[K]B {
	if in == nil {
		return nil
	}
	out := make(map[K]B, len(in))
	for k, a := range in {
		out[k] = f(a)
	}
	return out
}
