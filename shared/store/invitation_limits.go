package store

import (
	"context"
	"maps"
	"slices"
	"time"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/ratelimit"
)

// A player's invitation windows (shared/ratelimit) are two documents of their state collection
// ({player} is PlayerDocID): players/{player}/state/invitationsSent, which each call that
// invites players reads and writes in its own transaction, and
// players/{player}/state/invitationsReceived, which the invitations consumer reads and writes
// as it fills the player's inbox. Two documents, so that
// a player's own calls and the invitations reaching them never contend. Each carries its
// window's end as expireAt, a TTL field (infra/firestore.ttl.json): once Firestore deletes it,
// the next call opens a new window, as it would have anyway.
const (
	invitationsSent     = "invitationsSent"
	invitationsReceived = "invitationsReceived"
)

// sentDoc is a sender's window as stored. The invited players are a list, not a map: a player
// ID need not be a valid Firestore field name (__x__ is a valid uid). PerSender bounds its length.
type sentDoc struct {
	Window   windowDoc `firestore:"window"`
	To       []sentTo  `firestore:"to"`
	ExpireAt time.Time `firestore:"expireAt"`
}

type sentTo struct {
	Player string `firestore:"player"`
	Count  int    `firestore:"count"`
}

func (s *Store) invitationWindow(client *firestore.Client, playerID, which string) *firestore.DocumentRef {
	return s.player(client, playerID).Collection(playerState).Doc(which)
}

// sentWindow is the window a call's invitations are charged to, for the call's transaction to
// read with its state document; nil when the call invites nobody.
func (s *Store) sentWindow(client *firestore.Client, inv *ratelimit.Invitations) *firestore.DocumentRef {
	if inv == nil {
		return nil
	}
	return s.invitationWindow(client, inv.Sender, invitationsSent)
}

// chargeSent counts inv in its sender's window, which the transaction read as snap, and writes
// the new window. A refusal (a coded Rate error) writes nothing.
func chargeSent(tx *firestore.Transaction, snap *firestore.DocumentSnapshot, inv ratelimit.Invitations) error {
	var stored sentDoc
	if snap.Exists() {
		if err := snap.DataTo(&stored); err != nil {
			return err
		}
	}
	sent := ratelimit.Sent{Window: stored.Window.window(), To: map[string]int{}}
	for _, t := range stored.To {
		sent.To[t.Player] = t.Count
	}
	next, err := inv.Charge(sent)
	if err != nil {
		return err
	}
	out := sentDoc{Window: toWindowDoc(next.Window), ExpireAt: next.Window.End(inv.Limits.Window)}
	for _, id := range slices.Sorted(maps.Keys(next.To)) {
		out.To = append(out.To, sentTo{Player: id, Count: next.To[id]})
	}
	return tx.Set(snap.Ref, out)
}

// Delivery is what became of an invitation the consumer took.
type Delivery int

const (
	Delivered       Delivery = iota // it is in the recipient's inbox now
	DeliveredBefore                 // a copy delivered again: the inbox had it, nothing changed
	HeldBack                        // the inbox took its limit of invitations in this window
)

// DeliverInvitation puts invitation n into its recipient's inbox once, as Deliver does, unless
// the inbox already took lim.PerRecipient invitations in the current window: then it is held
// back, counted in the recipient's window (heldBack), and not delivered. One transaction reads
// the inbox entry and the window and writes them.
func (s *Store) DeliverInvitation(ctx context.Context, n notification.Notification, lim application.InvitationLimits, now time.Time) (Delivery, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return 0, err
	}
	entryRef, entry := s.inboxEntry(client, n, now)
	windowRef := s.invitationWindow(client, n.Recipient, invitationsReceived)
	var outcome Delivery
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{entryRef, windowRef}, func(ctx context.Context, tx *firestore.Transaction) error {
		snaps, err := tx.GetAll([]*firestore.DocumentRef{entryRef, windowRef})
		if err != nil {
			return err
		}
		if snaps[0].Exists() {
			outcome = DeliveredBefore
			return nil
		}
		var stored receivedDoc
		if snaps[1].Exists() {
			if err := snaps[1].DataTo(&stored); err != nil {
				return err
			}
		}
		next, ok := stored.received().Receive(lim, now)
		if err := tx.Set(windowRef, toReceivedDoc(next, next.Window.End(lim.Window))); err != nil {
			return err
		}
		if !ok {
			outcome = HeldBack
			return nil
		}
		outcome = Delivered
		return tx.Create(entryRef, entry)
	}, firestore.MaxAttempts(maxAttempts))
	if err != nil {
		return 0, backendError(err, "deliver "+n.ID)
	}
	return outcome, nil
}
