// Package notifications makes delivery complete: the relay that publishes what requests left in
// the outbox, the consumers that put each published notification into its recipient's inbox
// exactly once (deliver.go), and the inbox API players read it through. The entry points are in
// this file and the inbox's resources in render.go.
package notifications

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/outbox"
	"github.com/openplay-games/openplay/shared/service"
)

// Handlers serves the notifications entry points for one instance.
type Handlers struct {
	svc *service.Service
}

// New returns the notifications handlers of svc.
func New(svc *service.Service) *Handlers { return &Handlers{svc: svc} }

// List serves GET /openplay/v1/notifications: the caller's inbox, newest first, a page at a
// time (maxResults 1 to 100, default 50).
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) error {
	me := httpapi.Player(r.Context())
	limit, err := httpapi.QueryInt(r, "maxResults", 1, 100, 50)
	if err != nil {
		return err
	}
	entries, next, err := h.svc.Store.InboxPage(r.Context(), me.ID, limit, r.URL.Query().Get("pageToken"))
	if err != nil {
		return err
	}
	out := NotificationList{Kind: "openplay#notificationList", NextPageToken: next}
	for _, e := range entries {
		out.Items = append(out.Items, render(e))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
	return nil
}

// Ack serves POST /openplay/v1/notifications/{id}/ack: the notification is marked read. No
// response body: 204.
func (h *Handlers) Ack(w http.ResponseWriter, r *http.Request) error {
	me := httpapi.Player(r.Context())
	if err := h.svc.Store.Ack(r.Context(), me.ID, r.PathValue("id"), h.svc.Time()); err != nil {
		return err
	}
	httpapi.NoContent(w)
	return nil
}

// Relay serves the NotificationsRelay entry point (Cloud Scheduler calls it every minute; the
// dev server runs it on a timer): one pass of the outbox's Relay.
func (h *Handlers) Relay(w http.ResponseWriter, r *http.Request) error {
	res, err := h.svc.Outbox.Relay(r.Context(), outbox.RelayGrace)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, res)
	return nil
}
