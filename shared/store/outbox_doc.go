package store

import (
	"time"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/notification"
)

// OutboxRecord is a notification waiting to be published, or published (Sent). The relay looks
// for records still unsent after a grace period and publishes them again; consumers dedupe by ID.
// ClaimedUntil keeps two relays off one record; ExpireAt (set once sent) lets Firestore's TTL
// delete it.
type OutboxRecord struct {
	notification.Notification
	Sent         bool
	SentAt       time.Time
	ClaimedUntil time.Time
	ExpireAt     time.Time
}

// outboxDoc is an outbox record as stored: the notification's fields and, beside them, its
// delivery state. MarkSent and ClaimPending update the delivery fields by these names.
type outboxDoc struct {
	notificationDoc
	Sent         bool      `firestore:"sent"`
	SentAt       time.Time `firestore:"sentAt,omitempty"`
	ClaimedUntil time.Time `firestore:"claimedUntil,omitempty"`
	ExpireAt     time.Time `firestore:"expireAt,omitempty"`
}

// OutboxDocument is the document of n's outbox record, pending, as a transaction that owes n
// writes it (for a tool that fills the outbox in bulk, as the memory budget's backlog does).
func OutboxDocument(n notification.Notification) any {
	return outboxDoc{notificationDoc: toNotificationDoc(n)}
}

// DecodeOutboxRecord decodes a document of the outbox.
func DecodeOutboxRecord(snap *firestore.DocumentSnapshot) (OutboxRecord, error) {
	var d outboxDoc
	if err := snap.DataTo(&d); err != nil {
		return OutboxRecord{}, err
	}
	return d.record(), nil
}

func (d outboxDoc) record() OutboxRecord {
	return OutboxRecord{Notification: d.notification(), Sent: d.Sent, SentAt: d.SentAt, ClaimedUntil: d.ClaimedUntil, ExpireAt: d.ExpireAt}
}
