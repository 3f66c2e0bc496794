package session

import (
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
)

// TransferLifetime is how long a transfer handle is valid. MPSD documents none; a day, as an
// invite's, outlasts the game a lobby advertises it for.
const TransferLifetime = 24 * time.Hour

// Transfer is a transfer handle: the members of the session Origin may read and join the session
// Ref through it (docs/mpsd.md §9.2 rule 8), as a lobby hands its players on to the game it
// started. It is bound to both sessions by their branches, as an invite is to its session:
// once either is gone or made anew under its name, the handle is stale.
type Transfer struct {
	ID string
	// Type tells a transfer handle from an invite handle in storage (invites store no type).
	Type         string
	Ref          Ref
	Branch       string
	Origin       Ref
	OriginBranch string
	Sender       string
	Expiration   time.Time // also the Firestore TTL field
}

// DecodeTransfer reads a POST /handles body of type transfer: its sessionRef (the target) and
// originSessionRef, which must name two different sessions.
func DecodeTransfer(body []byte) (*Transfer, error) {
	top, err := decodeObject(body)
	if err != nil {
		return nil, err
	}
	t := &Transfer{Type: "transfer"}
	for _, key := range sortedKeys(top) {
		val := top[key]
		switch key {
		case "type":
			if s, _ := val.(string); !strings.EqualFold(s, "transfer") {
				return nil, errs.E(errs.Invalid, "type", "must be transfer")
			}
		case "version":
			if n, ok := intValue(val); !ok || n != 1 {
				return nil, errs.E(errs.Invalid, "version", "must be 1")
			}
		case "sessionRef":
			if t.Ref, err = decodeRef(val, key); err != nil {
				return nil, err
			}
		case "originSessionRef":
			if t.Origin, err = decodeRef(val, key); err != nil {
				return nil, err
			}
		default:
			return nil, errs.E(errs.Invalid, keyField(key), "not allowed in a transfer handle")
		}
	}
	switch {
	case t.Ref == (Ref{}):
		return nil, errs.E(errs.Invalid, "sessionRef", "a transfer handle names the session it transfers to")
	case t.Origin == (Ref{}):
		return nil, errs.E(errs.Invalid, "originSessionRef", "a transfer handle names the session it transfers from")
	case t.Ref.Key() == t.Origin.Key():
		return nil, errs.E(errs.Invalid, "originSessionRef", "the origin is the target session: a transfer joins two sessions")
	}
	return t, nil
}

// decodeRef reads a session reference {scid, templateName, name}; field names it in errors.
func decodeRef(v any, field string) (Ref, error) {
	m, err := asObject(v, field)
	if err != nil {
		return Ref{}, err
	}
	scid, _ := m["scid"].(string)
	tpl, _ := m["templateName"].(string)
	name, _ := m["name"].(string)
	ref, err := ParseRef(scid, tpl, name)
	if err != nil {
		return Ref{}, errs.E(errs.Invalid, field, "%v", err)
	}
	return ref, nil
}

// BindTarget checks, for a transfer handle c makes, its target session s as stored (nil when
// there is none) and binds the handle to it. BindOrigin does the same for its origin; with both
// bound, Make completes the handle. c must be a member of both sessions (or a server principal):
// the official client's lobby host, who is in the lobby and the game it advertises, makes it.
// MPSD answers 403 when the target does not exist, and so does OpenPlay for either session.
func (t *Transfer) BindTarget(s *Session, c Caller, now time.Time) error {
	return bind(s, c, now, "sessionRef", "target", &t.Ref, &t.Branch)
}

// BindOrigin is BindTarget for the origin session.
func (t *Transfer) BindOrigin(s *Session, c Caller, now time.Time) error {
	return bind(s, c, now, "originSessionRef", "origin", &t.Origin, &t.OriginBranch)
}

// bind checks that s exists and has c as a member once its lapsed timers are applied, and sets
// ref and branch to its own (the reference spelt as its creator did).
func bind(s *Session, c Caller, now time.Time, field, role string, ref *Ref, branch *string) error {
	s = Refresh(s, now, "").Session
	if s == nil {
		return errs.E(errs.Permission, field, "the %s session of a transfer handle must exist", role)
	}
	if !c.Server && s.Member(c.ID) == nil {
		return errs.E(errs.Permission, field, "only members of the %s session may make a transfer handle", role)
	}
	*ref, *branch = s.Ref, s.Branch
	return nil
}

// Make completes a bound transfer handle: its ID, its sender c and its expiration.
func (t *Transfer) Make(id string, c Caller, now time.Time) *Transfer {
	made := *t
	made.ID, made.Type, made.Sender, made.Expiration = id, "transfer", c.ID, now.Add(TransferLifetime)
	return &made
}

// Render is the handle as POST /handles and GET /handles/{id} answer it: the official client's
// transferHandleResponseJson, no more.
func (t *Transfer) Render() map[string]any {
	ref := func(r Ref) map[string]any {
		return map[string]any{"scid": r.SCID, "templateName": r.Template, "name": r.Name}
	}
	return map[string]any{"id": t.ID, "version": 1, "type": "transfer", "sessionRef": ref(t.Ref), "originSessionRef": ref(t.Origin)}
}

// Target is the session the handle reaches.
func (t *Transfer) Target() Ref { return t.Ref }

// Valid reports a handle past its expiration as not found, as Invite.Valid does.
func (t *Transfer) Valid(now time.Time) error {
	if !now.Before(t.Expiration) {
		return HandleNotFound(t.ID)
	}
	return nil
}

// Bound checks that s (nil when there is none) is the target session the handle was made for;
// otherwise the handle is stale (404), as an invite is (Invite.Bound).
func (t *Transfer) Bound(s *Session) error {
	if s == nil || s.Branch != t.Branch {
		return errs.E(errs.NotFound, "handleId", "handle %s is stale: the session it transfers to is gone", t.ID)
	}
	return nil
}

// Admit is c presenting the handle to reach its target: origin is the origin session as stored
// (nil when there is none). A handle whose origin is gone (its lapsed timers applied) or made anew
// is stale (404); a caller who is not a member of it gets 403 (MPSD checks that the joiner is a
// member of the origin, docs/mpsd.md §9.2 rule 8). A member comes in as an invited player does
// (Caller.Invited): they may read the target and join it whatever its visibility and
// joinRestriction, within maxMembersCount, but a closed or locked one stays read-only.
func (t *Transfer) Admit(c Caller, origin *Session, now time.Time) (Caller, error) {
	origin = Refresh(origin, now, "").Session
	if origin == nil || origin.Branch != t.OriginBranch {
		return c, errs.E(errs.NotFound, "handleId", "handle %s is stale: the session it transfers from is gone", t.ID)
	}
	if !c.Server && origin.Member(c.ID) == nil {
		return c, errs.E(errs.Permission, "handleId", "only members of the origin session may use a transfer handle")
	}
	c.Invited = true
	return c, nil
}

// Party reports whether c may read the handle without its sessions being looked at: its sender
// or a server principal.
func (t *Transfer) Party(c Caller) bool { return c.Server || c.ID == t.Sender }

// CanRead applies the read rule of a transfer handle: its parties and the members of either of
// its sessions may read it. s is one session as stored (nil when there is none), its lapsed
// timers applied, which counts only if it is one of the handle's own (by branch): a
// caller refused for the origin may be let in by the target, so that one session at a time is
// held to decide.
func (t *Transfer) CanRead(c Caller, s *Session, now time.Time) error {
	s = Refresh(s, now, "").Session
	if t.Party(c) || (s != nil && (s.Branch == t.OriginBranch || s.Branch == t.Branch) && s.Member(c.ID) != nil) {
		return nil
	}
	return errs.E(errs.Permission, "handleId", "only the sender, members of its sessions and server principals may read a transfer handle")
}

// CanDelete applies the delete rule of a handle: its sender or a server principal.
func (t *Transfer) CanDelete(c Caller) error {
	if t.Party(c) {
		return nil
	}
	return errs.E(errs.Permission, "handleId", "only the sender of a transfer handle or a server principal may delete it")
}
