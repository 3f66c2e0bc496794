package store

import (
	"time"

	"github.com/openplay-games/openplay/shared/notification"
)

// notificationDoc is a notification as the outbox and the inbox store it. Its field names are
// what players' clients read from their inbox through a Firestore listener (clients/web), so
// they must not change.
type notificationDoc struct {
	ID            string            `firestore:"id"`
	Topic         string            `firestore:"topic"`
	Type          notification.Type `firestore:"type"`
	Recipient     string            `firestore:"recipient"`
	ApplicationID string            `firestore:"applicationId"`
	RoomID        string            `firestore:"roomId,omitempty"`
	MatchID       string            `firestore:"matchId,omitempty"`
	SessionRef    string            `firestore:"sessionRef,omitempty"`
	Branch        string            `firestore:"branch,omitempty"`
	ChangeTypes   []string          `firestore:"changeTypes,omitempty"`
	Version       int64             `firestore:"version"`
	CreatedAt     time.Time         `firestore:"createdAt"`
	Text          string            `firestore:"text,omitempty"`
	SenderName    string            `firestore:"senderName,omitempty"`
}

func toNotificationDoc(n notification.Notification) notificationDoc {
	return notificationDoc{ID: n.ID, Topic: n.Topic, Type: n.Type, Recipient: n.Recipient, ApplicationID: n.ApplicationID,
		RoomID: n.RoomID, MatchID: n.MatchID, SessionRef: n.SessionRef, Branch: n.Branch, ChangeTypes: n.ChangeTypes,
		Version: n.Version, CreatedAt: n.CreatedAt, Text: n.Text, SenderName: n.SenderName}
}

func (d notificationDoc) notification() notification.Notification {
	return notification.Notification{ID: d.ID, Topic: d.Topic, Type: d.Type, Recipient: d.Recipient, ApplicationID: d.ApplicationID,
		RoomID: d.RoomID, MatchID: d.MatchID, SessionRef: d.SessionRef, Branch: d.Branch, ChangeTypes: d.ChangeTypes,
		Version: d.Version, CreatedAt: d.CreatedAt, Text: d.Text, SenderName: d.SenderName}
}
