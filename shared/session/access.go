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
