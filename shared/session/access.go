package session

import "github.com/openplay-games/openplay/shared/errs"

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
