package notifications

import (
	"context"
	"encoding/json"

	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/store"
)

// PushBody is a Pub/Sub message as a push subscription posts it, and as the CloudEvent of a
// Pub/Sub trigger carries it (MessagePublishedData): the same JSON.
type PushBody struct {
	Message struct {
		Data       []byte            `json:"data"`
		Attributes map[string]string `json:"attributes"`
		MessageID  string            `json:"messageId"`
	} `json:"message"`
	Subscription string `json:"subscription"`
}

// Deliver consumes one published notification: it goes into the recipient's inbox once, however
// often Pub/Sub delivers it, unless it is an invitation past the recipient's limit (held back:
// logged, and counted in their window). Who is told at all is the rules' to decide when they make
// the notification (a match's rules leave out a participant who dismissed it), so the consumer
// reads no game. A message that is not a notification is dropped (logged): retrying it could
// never succeed. Any other error is returned, so Pub/Sub delivers the message again.
func (h *Handlers) Deliver(ctx context.Context, body []byte) error {
	var push PushBody
	var n notification.Notification
	if err := json.Unmarshal(body, &push); err != nil || json.Unmarshal(push.Message.Data, &n) != nil ||
		!store.ValidDocID(n.ID) || !player.ValidID(n.Recipient) ||
		(n.MatchID != "" && !store.ValidDocID(n.MatchID)) {
		logging.From(ctx).Error("dropped a message that is not a notification", "messageId", push.Message.MessageID, "body", string(body))
		return nil
	}
	outcome, err := h.deliver(ctx, n)
	switch {
	case err != nil:
		return err
	case outcome == store.DeliveredBefore:
		logging.From(ctx).Info("notification delivered before; this copy is dropped", "notification", n.ID, "recipient", n.Recipient)
	case outcome == store.HeldBack:
		logging.From(ctx).Warn("invitation held back: the recipient's inbox took its limit of invitations in this window",
			"notification", n.ID, "recipient", n.Recipient, "type", n.Type, "limit", "limits.invitations.perRecipient")
	}
	return nil
}

// deliver puts n into its recipient's inbox; an invitation only while the inbox is under its
// limit of invitations.
func (h *Handlers) deliver(ctx context.Context, n notification.Notification) (store.Delivery, error) {
	if !n.Type.Invitation() {
		delivered, err := h.svc.Store.Deliver(ctx, n, h.svc.Time())
		if err != nil || delivered {
			return store.Delivered, err
		}
		return store.DeliveredBefore, nil
	}
	settings, err := h.svc.Settings(ctx)
	if err != nil {
		return 0, err
	}
	return h.svc.Store.DeliverInvitation(ctx, n, settings.Limits.Invitations, h.svc.Time())
}
