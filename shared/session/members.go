package session

import (
	"fmt"
	"slices"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
)

// applyMembers applies me, reserve_N and indexed member entries. Any PUT by a player who is not
// a member is a join attempt (MPSD: "any PUT … adds the user if necessary"), except "me": null.
func (p Put) applyMembers(s *Session, creating bool) error {
	req, now := p.Request, p.Now
	added := false
	me := s.Member(p.Caller.ID)
	switch {
	case req.Leave:
		if me != nil {
			s.remove(me.Index, now)
		}
		me = nil
	case !p.Caller.Server || req.Me != nil:
		joining := me == nil || me.Reserved
		if me == nil {
			if err := s.admit(p.Caller, creating); err != nil {
				return err
			}
			me = s.add(p.Caller.ID, now)
			added = true
		}
		if joining {
			me.Reserved, me.JoinTime = false, now
		}
		if me.Name == "" {
			me.Name = p.Caller.Name
		}
		if req.Me != nil {
			if err := applyMember(me, req.Me, joining, "members.me", p.Caller.ID); err != nil {
				return err
			}
			if err := s.checkMemberSystem(me, req.Me, "members.me.properties.system"); err != nil {
				return err
			}
		}
	}
	if len(req.Reserve) > 0 {
		if me == nil && !p.Caller.Server {
			return errs.E(errs.Permission, "members", "only a member of the session may reserve places in it")
		}
		if s.large() {
			return errs.E(errs.Conflict, "members", "a large session takes no reservations")
		}
	}
	for _, r := range req.Reserve {
		field := fmt.Sprintf("members.reserve_%d", r.N)
		if s.Member(r.Player) != nil {
			continue // already in the session: reserving again changes nothing
		}
		if r.Delta.Properties != nil {
			return errs.E(errs.Invalid, field+".properties", "member properties can only be set by the member, through me")
		}
		m := s.add(r.Player, now)
		m.Reserved, added = true, true
		if err := applyMember(m, &r.Delta, true, field, r.Player); err != nil {
			return err
		}
	}
	if len(req.Indexed) > 0 && !p.Caller.Server {
		return errs.E(errs.Permission, "members", "the request body can't contain existing member references unless the caller is a server principal")
	}
	if len(req.Indexed) > 0 && s.large() {
		return errs.E(errs.Conflict, "members", "members of a large session cannot be referenced by index")
	}
	for _, i := range sortedInts(req.Indexed) {
		field := fmt.Sprintf("members.%d", i)
		m := s.MemberAt(i)
		switch {
		case req.Indexed[i] == nil && m != nil:
			s.remove(i, now)
		case req.Indexed[i] == nil:
		case m == nil:
			return errs.E(errs.NotFound, field, "no member with this index")
		default:
			if err := applyMember(m, req.Indexed[i], false, field, m.Player); err != nil {
				return err
			}
		}
	}
	if added && len(s.Members) > s.MaxMembers() {
		return errs.E(errs.Invalid, "constants.system.maxMembersCount", "the session is full (%d members, reservations included)", s.MaxMembers())
	}
	return nil
}

// admit applies the join rules to a player who is neither a member nor reserved. The creator of
// a session passes (subject to initiators); server principals are exempt; an invited caller
// passes visibility and joinRestriction as a reservation would. Locked is stricter than closed,
// so it holds invited callers back too.
func (s *Session) admit(c Caller, creating bool) error {
	if creating || c.Server {
		return nil
	}
	if v := s.Visibility(); v != "open" && !c.Invited {
		return errs.E(errs.Permission, "constants.system.visibility", "the session is %s: joining it needs a reservation or an invite", v)
	}
	if s.flag("closed") {
		return errs.E(errs.Permission, "properties.system.closed", "the session is closed: joining it needs a reservation (an invite only lets its player read it)")
	}
	if s.flag("locked") && !slices.Contains(s.Former, c.ID) {
		return errs.E(errs.Permission, "properties.system.locked", "the session is locked: only former members and reserved players may join")
	}
	if r := s.restriction("joinRestriction"); r != "none" && !c.Invited {
		return errs.E(errs.Permission, "properties.system.joinRestriction",
			"the session's joinRestriction is %s, which OpenPlay cannot check (no device or follower graph): joining it needs a reservation or an invite", r)
	}
	return nil
}

// add appends a new member for player.
func (s *Session) add(player string, now time.Time) *Member {
	m := &Member{Index: s.MembersNext, Player: player, JoinTime: now, StatusSince: now,
		Constants: Bag{System: map[string]any{"xuid": player}}}
	s.MembersNext++
	s.Members = append(s.Members, m)
	return m
}

// applyMember merges a member entry. Constants are added only while the member is created (a
// reservation or a first join); xuid, when sent, must name the member.
func applyMember(m *Member, d *MemberDelta, creating bool, field, player string) error {
	if d.Constants != nil {
		if x, ok := d.Constants.System["xuid"]; ok && x != player {
			return errs.E(errs.Permission, field+".constants.system.xuid", "does not name the member (the caller's player ID for me)")
		}
	}
	if err := addConstants(&m.Constants, d.Constants, creating, field+".constants"); err != nil {
		return err
	}
	mergeProperties(&m.Properties, d.Properties)
	if m.Properties.System["ready"] == true && m.Properties.System["active"] == true {
		return errs.E(errs.Invalid, field+".properties.system", "ready and active cannot both be true")
	}
	if _, ok := m.Properties.System["secureDeviceAddress"]; ok && d.Properties != nil {
		if _, sent := d.Properties.System["secureDeviceAddress"]; sent && m.Properties.System["secureDeviceAddress"] == "" {
			delete(m.Properties.System, "secureDeviceAddress") // "" means not present
		}
	}
	// encounters are a point-in-time report for recent players, consumed at once and never
	// shown (docs/mpsd.md §4); OpenPlay keeps no recent-players list, so they are dropped
	delete(m.Properties.System, "encounters")
	m.Roles = mergeKeys(m.Roles, d.Roles, replace)
	return nil
}

func sortedInts[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// checkMemberSystem applies the rules on the system properties a member wrote that involve the
// session: a secure device address needs capabilities.connectivity, measurements are of other
// devices, and initializationGroup names member indices already given out.
func (s *Session) checkMemberSystem(m *Member, d *MemberDelta, field string) error {
	if d.Properties == nil {
		return nil
	}
	if addr, _ := d.Properties.System["secureDeviceAddress"].(string); addr != "" && !s.capability("connectivity") {
		return errs.E(errs.Invalid, field+".secureDeviceAddress", "needs constants.system.capabilities.connectivity")
	}
	if err := checkMeasurements(m, field); err != nil {
		return err
	}
	group, _ := m.Properties.System["initializationGroup"].([]any)
	for _, v := range group {
		if i, _ := intValue(v); i >= s.MembersNext {
			return errs.E(errs.Invalid, field+".initializationGroup", "%d is not a member index of this session", i)
		}
	}
	return nil
}
