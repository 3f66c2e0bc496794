package session

import (
	"errors"

	"github.com/openplay-games/openplay/shared/errs"
)

// CanRead applies the read rules: a private session (or one with a readRestriction OpenPlay
// cannot check) is readable only by its members, reserved players included, by the player an
// invite handle to it names (through the handle), and by server principals.
func (s *Session) CanRead(c Caller) error {
	if c.Server || c.Invited || s.Member(c.ID) != nil {
		return nil
	}
	if s.Visibility() == "private" {
		return errs.E(errs.Permission, "constants.system.visibility", "private sessions can only be read by members of the session")
	}
	if r := s.restriction("readRestriction"); r != "none" {
		return errs.E(errs.Permission, "properties.system.readRestriction", "the session's readRestriction is %s: only members may read it", r)
	}
	return nil
}

// Shown is what the answer to a write shows c of the session it leaves (res.Session; nil when
// none): the session, unless c neither was nor became a member of it and may not read it (a
// non-member's leave changes nothing, but may run the session's due timers): then the read
// rule's refusal, and nothing of the session.
func (res *Result) Shown(c Caller) (*Session, error) {
	s := res.Session
	if s != nil && !res.WasMember && s.Member(c.ID) == nil {
		if err := s.CanRead(c); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// FailedPrecondition is how a write refused with err is answered to c: when err is a failed
// precondition that carries the current session (StaleSession), that session goes with the 412
// if c may read it; if c may not (a non-member of a private session), the 412 names the failed
// header without it. Any other err is answered as it is, with no session.
func FailedPrecondition(err error, c Caller) (*Session, error) {
	s := StaleSession(err)
	if s == nil {
		return nil, err
	}
	if s.CanRead(c) == nil {
		return s, err
	}
	failed := &errs.Error{Message: "a precondition failed"}
	errors.As(err, &failed)
	return nil, errs.E(errs.Precondition, failed.Field, "%s (the current session is not attached: the caller may not read it)", failed.Message)
}

// strictness orders the restriction values: local (the same device as a member) is stricter
// than followed (followed by a member), which is stricter than none.
var strictness = map[string]int{"none": 0, "followed": 1, "local": 2}

// checkRestrictions refuses a readRestriction stricter than the joinRestriction (docs/mpsd.md
// §6: who may join must be able to read) when the request sets either and the session sets
// both. A default does not count: the official client sets readRestriction alone, which MPSD
// accepts, so only an explicit contradiction is refused.
func checkRestrictions(s *Session, req *BagDelta) error {
	if req == nil {
		return nil
	}
	_, setRead := req.System["readRestriction"]
	_, setJoin := req.System["joinRestriction"]
	read, okRead := s.Properties.System["readRestriction"].(string)
	join, okJoin := s.Properties.System["joinRestriction"].(string)
	if (setRead || setJoin) && okRead && okJoin && strictness[read] > strictness[join] {
		return errs.E(errs.Invalid, "properties.system.readRestriction", "%s is stricter than the joinRestriction %s: who may join must be able to read", read, join)
	}
	return nil
}
