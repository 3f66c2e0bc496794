package session

import (
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// InviteLifetime is how long an invite handle is valid (MPSD does not document it; inferred).
const InviteLifetime = 24 * time.Hour

// Invite is an invite handle: Sender invites Invited to the session Ref.
type Invite struct {
	ID         string         `json:"id" firestore:"id"`
	Ref        Ref            `json:"sessionRef" firestore:"sessionRef"`
	Invited    string         `json:"invitedXuid" firestore:"invitedXuid"`
	Sender     string         `json:"senderXuid" firestore:"senderXuid"`
	Attributes map[string]any `json:"inviteAttributes,omitempty" firestore:"inviteAttributes,omitempty"`
	Protocol   string         `json:"inviteProtocol,omitempty" firestore:"inviteProtocol,omitempty"`
	// Expiration is also the Firestore TTL field of stored handles (infra/firestore.ttl.json).
	Expiration time.Time `json:"expiration" firestore:"expiration"`
}

// DecodeInvite reads a POST /handles body. Only type invite is supported yet.
func DecodeInvite(body []byte) (*Invite, error) {
	top, err := decodeObject(body)
	if err != nil {
		return nil, err
	}
	inv := &Invite{}
	for _, key := range sortedKeys(top) {
		val := top[key]
		switch key {
		case "type":
			if t, _ := val.(string); !strings.EqualFold(t, "invite") {
				return nil, errs.E(errs.Invalid, "type", "handle type %q is not supported yet (only invite is)", t)
			}
		case "version":
			if n, ok := intValue(val); !ok || n != 1 {
				return nil, errs.E(errs.Invalid, "version", "must be 1")
			}
		case "sessionRef":
			ref, err := object(val, key)
			if err != nil {
				return nil, err
			}
			scid, _ := ref["scid"].(string)
			tpl, _ := ref["templateName"].(string)
			name, _ := ref["name"].(string)
			if inv.Ref, err = ParseRef(scid, tpl, name); err != nil {
				return nil, errs.E(errs.Invalid, "sessionRef", "%v", err)
			}
		case "invitedXuid":
			inv.Invited, _ = val.(string)
		case "inviteAttributes":
			if inv.Attributes, err = object(val, key); err != nil {
				return nil, err
			}
		default:
			return nil, errs.E(errs.Invalid, key, "not allowed in an invite handle")
		}
	}
	if inv.Ref == (Ref{}) {
		return nil, errs.E(errs.Invalid, "sessionRef", "an invite names its session")
	}
	if !player.ValidID(inv.Invited) {
		return nil, errs.E(errs.Invalid, "invitedXuid", "an invite names the player it invites (an OpenPlay player ID)")
	}
	return inv, nil
}

// Invite makes the invite handle inv (given its id) from caller, who must be a member of s (or
// a server principal), and the SESSION_INVITE notification it owes the invited player.
func (s *Session) Invite(inv Invite, id string, c Caller, now time.Time, app string) (*Invite, notification.Notification, error) {
	if !c.Server && s.Member(c.ID) == nil {
		return nil, notification.Notification{}, errs.E(errs.Permission, "sessionRef", "only members of the session may invite to it")
	}
	inv.ID, inv.Ref, inv.Sender, inv.Expiration = id, s.Ref, c.ID, now.Add(InviteLifetime)
	inv.Protocol, _ = s.Constants.System["inviteProtocol"].(string)
	n := notification.Notification{
		ID: "invite~" + id, Topic: notification.TopicInvitations, Type: notification.SessionInvite, Recipient: inv.Invited,
		ApplicationID: app, SessionRef: s.Ref.String(), Branch: s.Branch, Version: s.ChangeNumber, CreatedAt: now,
		Text: "You are invited to join a game session", SenderName: c.Name,
	}
	return &inv, n, nil
}

// Render is the handle as POST /handles answers it.
func (inv *Invite) Render() map[string]any {
	out := map[string]any{
		"id": inv.ID, "version": 1, "type": "invite", "invitedXuid": inv.Invited, "senderXuid": inv.Sender,
		"sessionRef": map[string]any{"scid": inv.Ref.SCID, "templateName": inv.Ref.Template, "name": inv.Ref.Name},
		"expiration": FormatTime(inv.Expiration),
	}
	if inv.Attributes != nil {
		out["inviteAttributes"] = inv.Attributes
	}
	if inv.Protocol != "" {
		out["inviteProtocol"] = inv.Protocol
	}
	return out
}

// ParseHandleID checks a handle ID from a path: a GUID, matched in any case (OpenPlay gives
// them out in lower case, the case they are stored under).
func ParseHandleID(raw string) (string, error) {
	if !guidPattern.MatchString(raw) {
		return "", errs.E(errs.Invalid, "handleId", "%q is not a handle ID (a GUID)", raw)
	}
	return strings.ToLower(raw), nil
}

// HandleNotFound is the answer for a handle that does not exist: never made, deleted, or
// expired (MPSD: 404 for an unknown or stale handle).
func HandleNotFound(id string) error {
	return errs.E(errs.NotFound, "handleId", "no handle %s (it may have expired or been deleted)", id)
}

// Valid reports a handle past its expiration as not found: Firestore's TTL deletes expired
// handles only eventually.
func (inv *Invite) Valid(now time.Time) error {
	if !now.Before(inv.Expiration) {
		return HandleNotFound(inv.ID)
	}
	return nil
}

// Party reports whether c may read the handle without its session being looked at: its sender,
// its invited player, or a server principal.
func (inv *Invite) Party(c Caller) bool {
	return c.Server || c.ID == inv.Sender || c.ID == inv.Invited
}

// CanRead applies the read rule of a handle: its parties and the members of its session s (nil
// when there is none) may read it.
func (inv *Invite) CanRead(c Caller, s *Session) error {
	if inv.Party(c) || (s != nil && s.Member(c.ID) != nil) {
		return nil
	}
	return errs.E(errs.Permission, "handleId", "only the sender, the invited player, members of its session and server principals may read an invite handle")
}

// CanDelete applies the delete rule of a handle: its sender or a server principal.
func (inv *Invite) CanDelete(c Caller) error {
	if c.Server || c.ID == inv.Sender {
		return nil
	}
	return errs.E(errs.Permission, "handleId", "only the sender of an invite handle or a server principal may delete it")
}

// Grant is c presenting the handle: the invited player comes with their invite (Caller.Invited);
// anyone else gains nothing and follows the normal rules.
func (inv *Invite) Grant(c Caller) Caller {
	c.Invited = c.ID == inv.Invited
	return c
}
