package store

import (
	"time"

	"github.com/openplay-games/openplay/shared/notification"
)

// InboxEntry is a notification in a player's inbox.
type InboxEntry struct {
	notification.Notification
	DeliveredAt time.Time
	Read        bool
	ReadAt      time.Time
	ExpireAt    time.Time
}

// inboxDoc is an inbox entry as stored. Players' clients listen to these documents
// (clients/web orders them by deliveredAt) and Firestore's TTL reads expireAt, so the names
// must not change.
type inboxDoc struct {
	notificationDoc
	DeliveredAt time.Time `firestore:"deliveredAt"`
	Read        bool      `firestore:"read"`
	ReadAt      time.Time `firestore:"readAt,omitempty"`
	ExpireAt    time.Time `firestore:"expireAt"`
}

func toInboxDoc(e InboxEntry) inboxDoc {
	return inboxDoc{notificationDoc: toNotificationDoc(e.Notification), DeliveredAt: e.DeliveredAt, Read: e.Read, ReadAt: e.ReadAt, ExpireAt: e.ExpireAt}
}

func (d inboxDoc) entry() InboxEntry {
	return InboxEntry{Notification: d.notification(), DeliveredAt: d.DeliveredAt, Read: d.Read, ReadAt: d.ReadAt, ExpireAt: d.ExpireAt}
}
