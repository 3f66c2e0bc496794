package session

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// InviteLifetime is how long an invite handle is valid (MPSD does not document it; inferred).
const InviteLifetime = 24 * time.Hour

// Bounds of an invite's inviteAttributes, far above MPSD's own (a title ID and three short
// strings, docs/mpsd.md §11). The depth counts inviteAttributes itself.
const (
	MaxInviteAttributesBytes = 4 << 10
	MaxInviteAttributesDepth = 8
)

// Invite is an invite handle: Sender invites Invited to the session Ref, the one whose branch is
// Branch (a session made anew under the same name gets a new branch, though it keeps its
// correlationId, as MPSD does).
type Invite struct {
	ID      string `json:"id"`
	Ref     Ref    `json:"sessionRef"`
	Branch  string `json:"-"`
	Invited string `json:"invitedXuid"`
	Sender  string `json:"senderXuid"`
	// Attributes is inviteAttributes as compact JSON text (empty when none): stored as text, as
	// sessions are, Firestore is never handed client JSON it may refuse at commit (arrays in
	// arrays, empty or reserved keys, deep nesting), and numbers keep their digits.
	Attributes string `json:"-"`
	Protocol   string `json:"inviteProtocol,omitempty"`
	// Expiration is also the Firestore TTL field of stored handles (infra/firestore.ttl.json).
	Expiration time.Time `json:"expiration"`
}

// Handle is a stored handle of any type (*Invite, *Transfer) as the handle routes serve it: the
// session it reaches (Target), expiry, binding to that session, who reads it without a session
// looked at, who deletes it, and how it renders.
type Handle interface {
	Target() Ref
	Valid(now time.Time) error
	Bound(s *Session) error
	Party(c Caller) bool
	CanDelete(c Caller) error
	Render() map[string]any
}

// HandleType is the type a POST /handles body names, in lower case: it picks the decoder. A
// body that names none, or is no JSON object, is the invite decoder's to refuse.
func HandleType(body []byte) string {
	var head struct {
		Type any `json:"type"`
	}
	_ = json.Unmarshal(body, &head)
	t, _ := head.Type.(string)
	return strings.ToLower(t)
}

// DecodeInvite reads a POST /handles body of type invite (HandleType picks the decoder).
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
				return nil, errs.E(errs.Invalid, "type", "handle type %q is not supported yet (only invite, transfer, activity and search are)", t)
			}
		case "version":
			if n, ok := intValue(val); !ok || n != 1 {
				return nil, errs.E(errs.Invalid, "version", "must be 1")
			}
		case "sessionRef":
			if inv.Ref, err = decodeRef(val, key); err != nil {
				return nil, err
			}
		case "invitedXuid":
			inv.Invited, _ = val.(string)
		case "inviteAttributes":
			if inv.Attributes, err = inviteAttributes(val); err != nil {
				return nil, err
			}
		default:
			return nil, errs.E(errs.Invalid, keyField(key), "not allowed in an invite handle")
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

// inviteAttributes checks an invite's attributes against their bounds and returns them as
// compact JSON text.
func inviteAttributes(v any) (string, error) {
	attrs, err := asObject(v, "inviteAttributes")
	if err != nil {
		return "", err
	}
	if nestingDepth(attrs) > MaxInviteAttributesDepth {
		return "", errs.E(errs.Invalid, "inviteAttributes", "nested more than %d levels deep", MaxInviteAttributesDepth)
	}
	raw, _ := json.Marshal(attrs) // decoded JSON always encodes
	if len(raw) > MaxInviteAttributesBytes {
		return "", errs.E(errs.TooLarge, "inviteAttributes", "%d bytes of JSON; at most %d", len(raw), MaxInviteAttributesBytes)
	}
	return string(raw), nil
}

// nestingDepth is how deeply a JSON value nests objects and arrays: 0 for a scalar, 1 for {} or [].
func nestingDepth(v any) int {
	inner := 0
	switch t := v.(type) {
	case map[string]any:
		for _, x := range t {
			inner = max(inner, nestingDepth(x))
		}
	case []any:
		for _, x := range t {
			inner = max(inner, nestingDepth(x))
		}
	default:
		return 0
	}
	return inner + 1
}

// Invite makes the invite handle inv (given its id) from caller, who must be a member of s (or
// a server principal), and the SESSION_INVITE notification it owes the invited player.
func (s *Session) Invite(inv Invite, id string, c Caller, now time.Time, app string) (*Invite, notification.Notification, error) {
	if !c.Server && s.Member(c.ID) == nil {
		return nil, notification.Notification{}, errs.E(errs.Permission, "sessionRef", "only members of the session may invite to it")
	}
	inv.ID, inv.Ref, inv.Branch, inv.Sender, inv.Expiration = id, s.Ref, s.Branch, c.ID, now.Add(InviteLifetime)
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
	if inv.Attributes != "" {
		out["inviteAttributes"] = json.RawMessage(inv.Attributes)
	}
	if inv.Protocol != "" {
		out["inviteProtocol"] = inv.Protocol
	}
	return out
}

// Target is the session the handle reaches.
func (inv *Invite) Target() Ref { return inv.Ref }

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

// Bound checks that s (nil when there is none) is the session the handle was made for. A handle
// whose session is gone, or was made anew under its name (with a new branch), is stale:
// not found, as MPSD answers (docs/mpsd.md §10.3), so the new session is out of its reach.
func (inv *Invite) Bound(s *Session) error {
	if s == nil || s.Branch != inv.Branch {
		return errs.E(errs.NotFound, "handleId", "handle %s is stale: the session it invites to is gone", inv.ID)
	}
	return nil
}

// Party reports whether c may read the handle without its session being looked at: its sender,
// its invited player, or a server principal.
func (inv *Invite) Party(c Caller) bool {
	return c.Server || c.ID == inv.Sender || c.ID == inv.Invited
}

// CanRead applies the read rule of a handle: its parties and the members of its session may read
// it. s is the session stored under its name (nil when there is none), which counts only if it
// is the handle's own (Bound).
func (inv *Invite) CanRead(c Caller, s *Session) error {
	if inv.Party(c) || (inv.Bound(s) == nil && s.Member(c.ID) != nil) {
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
