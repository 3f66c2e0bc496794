package store

import (
	"time"

	"github.com/openplay-games/openplay/shared/signal"
)

// signalDoc is a signal as stored. Its recipient's client listens to these documents, the
// signals query filters on roomId and orders by sentAt (infra/firestore.indexes.json) and
// Firestore's TTL reads expireAt, so the names must not change. SentAt is left zero on write so
// that Firestore stamps the commit time.
type signalDoc struct {
	ID       string      `firestore:"id"`
	RoomID   string      `firestore:"roomId"`
	From     string      `firestore:"from"`
	To       string      `firestore:"to"`
	Type     signal.Type `firestore:"type"`
	Seq      int64       `firestore:"seq"`
	Payload  string      `firestore:"payload"`
	SentAt   time.Time   `firestore:"sentAt,serverTimestamp"`
	ExpireAt time.Time   `firestore:"expireAt"`
}

// toSignalDoc is the document that stores sig; its SentAt is the commit's, never sig's.
func toSignalDoc(sig signal.Signal) signalDoc {
	return signalDoc{ID: sig.ID, RoomID: sig.RoomID, From: sig.From, To: sig.To, Type: sig.Type, Seq: sig.Seq, Payload: sig.Payload,
		ExpireAt: sig.ExpireAt}
}

func (d signalDoc) signal() signal.Signal {
	return signal.Signal{ID: d.ID, RoomID: d.RoomID, From: d.From, To: d.To, Type: d.Type, Seq: d.Seq, Payload: d.Payload,
		SentAt: d.SentAt, ExpireAt: d.ExpireAt}
}
