package notifications

import (
	"time"

	"github.com/openplay-games/openplay/shared/store"
)

// Notification is an inbox entry as the inbox API shows it.
type Notification struct {
	Kind          string    `json:"kind"`
	ID            string    `json:"id"`
	Type          string    `json:"type"`
	ApplicationID string    `json:"applicationId"`
	RoomID        string    `json:"roomId,omitempty"`
	MatchID       string    `json:"matchId,omitempty"`
	SessionRef    string    `json:"sessionRef,omitempty"`
	Branch        string    `json:"branch,omitempty"`
	ChangeTypes   []string  `json:"changeTypes,omitempty"`
	Version       int64     `json:"version,string"`
	CreatedAt     time.Time `json:"createdAt"`
	DeliveredAt   time.Time `json:"deliveredAt"`
	Text          string    `json:"text,omitempty"`
	SenderName    string    `json:"senderName,omitempty"`
	Read          bool      `json:"read"`
}

// NotificationList is a page of the inbox.
type NotificationList struct {
	Kind          string         `json:"kind"`
	Items         []Notification `json:"items,omitempty"`
	NextPageToken string         `json:"nextPageToken,omitempty"`
}

func render(e *store.InboxEntry) Notification {
	return Notification{Kind: "openplay#notification", ID: e.ID, Type: string(e.Type), ApplicationID: e.ApplicationID,
		RoomID: e.RoomID, MatchID: e.MatchID, SessionRef: e.SessionRef, Branch: e.Branch, ChangeTypes: e.ChangeTypes, Version: e.Version, CreatedAt: e.CreatedAt, DeliveredAt: e.DeliveredAt,
		Text: e.Text, SenderName: e.SenderName, Read: e.Read}
}
