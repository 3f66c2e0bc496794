package store

import (
	"time"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/session"
)

// The MPSD handles as stored: invite and transfer handles in SessionHandles (a transfer's type
// tells them apart; invites store none), activity handles in SessionActivities. The handle
// queries filter on these names (infra/firestore.indexes.json) and expiration is the TTL field
// (infra/firestore.ttl.json), so the names must not change.

// refDoc is a session reference as a handle stores it.
type refDoc struct {
	SCID     string `firestore:"scid"`
	Template string `firestore:"templateName"`
	Name     string `firestore:"name"`
}

type inviteDoc struct {
	ID         string    `firestore:"id"`
	Ref        refDoc    `firestore:"sessionRef"`
	Branch     string    `firestore:"branch"`
	Invited    string    `firestore:"invitedXuid"`
	Sender     string    `firestore:"senderXuid"`
	Attributes string    `firestore:"attributes,omitempty"`
	Protocol   string    `firestore:"inviteProtocol,omitempty"`
	Expiration time.Time `firestore:"expiration"`
}

type transferDoc struct {
	ID           string    `firestore:"id"`
	Type         string    `firestore:"type"`
	Ref          refDoc    `firestore:"sessionRef"`
	Branch       string    `firestore:"branch"`
	Origin       refDoc    `firestore:"originSessionRef"`
	OriginBranch string    `firestore:"originBranch"`
	Sender       string    `firestore:"senderXuid"`
	Expiration   time.Time `firestore:"expiration"`
}

// activityDoc is an activity handle as stored, with when Firestore's TTL deletes it.
type activityDoc struct {
	ID       string    `firestore:"id"`
	Ref      refDoc    `firestore:"sessionRef"`
	Branch   string    `firestore:"branch"`
	Owner    string    `firestore:"ownerXuid"`
	Since    time.Time `firestore:"since"`
	ExpireAt time.Time `firestore:"expireAt"`
}

func toInviteDoc(i *session.Invite) *inviteDoc {
	return &inviteDoc{ID: i.ID, Ref: refDoc(i.Ref), Branch: i.Branch, Invited: i.Invited, Sender: i.Sender,
		Attributes: i.Attributes, Protocol: i.Protocol, Expiration: i.Expiration}
}

func (d *inviteDoc) invite() *session.Invite {
	return &session.Invite{ID: d.ID, Ref: session.Ref(d.Ref), Branch: d.Branch, Invited: d.Invited, Sender: d.Sender,
		Attributes: d.Attributes, Protocol: d.Protocol, Expiration: d.Expiration}
}

func toTransferDoc(t *session.Transfer) *transferDoc {
	return &transferDoc{ID: t.ID, Type: t.Type, Ref: refDoc(t.Ref), Branch: t.Branch, Origin: refDoc(t.Origin),
		OriginBranch: t.OriginBranch, Sender: t.Sender, Expiration: t.Expiration}
}

func (d *transferDoc) transfer() *session.Transfer {
	return &session.Transfer{ID: d.ID, Type: d.Type, Ref: session.Ref(d.Ref), Branch: d.Branch, Origin: session.Ref(d.Origin),
		OriginBranch: d.OriginBranch, Sender: d.Sender, Expiration: d.Expiration}
}

func toActivityDoc(a *session.Activity, expireAt time.Time) *activityDoc {
	return &activityDoc{ID: a.ID, Ref: refDoc(a.Ref), Branch: a.Branch, Owner: a.Owner, Since: a.Since, ExpireAt: expireAt}
}

func (d *activityDoc) activity() *session.Activity {
	return &session.Activity{ID: d.ID, Ref: session.Ref(d.Ref), Branch: d.Branch, Owner: d.Owner, Since: d.Since}
}

// handleOf decodes a stored handle by its type: invite handles store none.
func handleOf(snap *firestore.DocumentSnapshot) (session.Handle, error) {
	if kind, _ := snap.DataAt("type"); kind == "transfer" {
		var d transferDoc
		err := snap.DataTo(&d)
		return d.transfer(), err
	}
	var d inviteDoc
	err := snap.DataTo(&d)
	return d.invite(), err
}
