package notifications

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/httpapi"
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

// List serves GET /openplay/v1/notifications: the caller's inbox, newest first, a page at a
// time (maxResults 1 to 100, default 50).
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	limit, err := httpapi.QueryInt(r, "maxResults", 1, 100, 50)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	entries, next, err := h.svc.Store.InboxPage(r.Context(), me.ID, limit, r.URL.Query().Get("pageToken"))
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	out := NotificationList{Kind: "openplay#notificationList", NextPageToken: next}
	for _, e := range entries {
		out.Items = append(out.Items, render(e))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
}

// Ack serves POST /openplay/v1/notifications/{id}/ack: the notification is marked read. No
// response body: 204.
func (h *Handlers) Ack(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	if err := h.svc.Store.Ack(r.Context(), me.ID, r.PathValue("id"), h.svc.Time()); err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.NoContent(w)
}

func render(e *store.InboxEntry) Notification {
	return Notification{Kind: "openplay#notification", ID: e.ID, Type: string(e.Type), ApplicationID: e.ApplicationID,
		RoomID: e.RoomID, MatchID: e.MatchID, SessionRef: e.SessionRef, Branch: e.Branch, ChangeTypes: e.ChangeTypes, Version: e.Version, CreatedAt: e.CreatedAt, DeliveredAt: e.DeliveredAt,
		Text: e.Text, SenderName: e.SenderName, Read: e.Read}
}
