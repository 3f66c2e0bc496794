package session

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"

	"github.com/openplay-games/openplay/shared/errs"
)

// Roles (docs/mpsd.md §7.4): roleTypes.<type>.roles.<role> holds max and target; a member takes
// a role through members.me.roles.<type>. A response adds each role's count and memberXuids,
// which are derived from the members whenever the session is rendered: a request or template
// that sends them has them dropped, so they are never stored.

// derivedRoleFields are the role fields a response adds.
var derivedRoleFields = []string{"count", "memberXuids"}

// withoutDerived drops the derived fields from the roles of roleTypes (a decoded request's or
// template's, changed in place; the role objects are copied) and returns it. Nil entries, which
// remove a role type, stay.
func withoutDerived(roleTypes map[string]any) map[string]any {
	for typ, v := range roleTypes {
		roles, ok := path(v, "roles").(map[string]any)
		if !ok {
			continue
		}
		stripped := maps.Clone(roles)
		changed := false
		for name, role := range roles {
			r, ok := role.(map[string]any)
			if !ok || !slices.ContainsFunc(derivedRoleFields, func(f string) bool { _, has := r[f]; return has }) {
				continue
			}
			r = maps.Clone(r)
			for _, f := range derivedRoleFields {
				delete(r, f)
			}
			stripped[name], changed = r, true
		}
		if changed {
			t := maps.Clone(v.(map[string]any))
			t["roles"] = stripped
			roleTypes[typ] = t
		}
	}
	return roleTypes
}

// renderRoleTypes is roleTypes with each role's count (members holding it, reserved ones
// included, as max counts them) and memberXuids (their players in index order; on a large
// session only the viewer, as its member list shows only them).
func (s *Session) renderRoleTypes(viewer string) map[string]any {
	out := maps.Clone(s.RoleTypes)
	for typ, v := range s.RoleTypes {
		roles, ok := path(v, "roles").(map[string]any)
		if !ok {
			continue
		}
		rendered := maps.Clone(roles)
		for name, role := range roles {
			r, ok := role.(map[string]any)
			if !ok {
				continue
			}
			r = maps.Clone(r)
			count, xuids := 0, []string{}
			for _, m := range s.Members {
				if m.Roles[typ] != name {
					continue
				}
				count++
				if !s.large() || m.Player == viewer {
					xuids = append(xuids, m.Player)
				}
			}
			r["count"], r["memberXuids"] = count, xuids
			rendered[name] = r
		}
		t := maps.Clone(v.(map[string]any))
		t["roles"] = rendered
		out[typ] = t
	}
	return out
}

// checkRoles enforces each role's max (roleTypes.<type>.roles.<role>.max) when a member takes a
// role: no more members may hold it. The status is undocumented; OpenPlay answers 400.
func (s *Session) checkRoles() error {
	for _, typ := range sortedKeys(s.RoleTypes) {
		roles, _ := path(s.RoleTypes[typ], "roles").(map[string]any)
		for _, role := range sortedKeys(roles) {
			limit, ok := intValue(path(roles[role], "max"))
			if !ok {
				continue
			}
			held := 0
			for _, m := range s.Members {
				if m.Roles[typ] == role {
					held++
				}
			}
			if held > limit {
				return errs.E(errs.Invalid, "members.me.roles."+typ, "role %q is full (max %d)", role, limit)
			}
		}
	}
	return nil
}

// Owners (capabilities.hasOwners): properties.system.owners lists the member indices of the
// session's owners. While one of them is a member, only an owner (or a server principal) may
// change roleTypes or the owners list; before anyone is listed, and once every listed owner has
// left (OpenPlay does not migrate ownership), any member may, as without hasOwners.

// owners are the indices in properties.system.owners of current members, with hasOwners.
func (s *Session) owners() []int {
	if !s.capability("hasOwners") {
		return nil
	}
	list, _ := s.Properties.System["owners"].([]any)
	var out []int
	for _, v := range list {
		if i, ok := intValue(v); ok && s.MemberAt(i) != nil {
			out = append(out, i)
		}
	}
	return out
}

// ownerGuard checks, after a merge, that c changed nothing only owners may change; s is the
// session before the merge. It is nil when c may change anything.
func (s *Session) ownerGuard(c Caller) func(after *Session) error {
	owners := s.owners()
	if c.Server || len(owners) == 0 {
		return nil
	}
	if me := s.Member(c.ID); me != nil && slices.Contains(owners, me.Index) {
		return nil
	}
	roleTypes, list := maps.Clone(s.RoleTypes), s.Properties.System["owners"]
	return func(after *Session) error {
		if !sameJSON(roleTypes, after.RoleTypes) {
			return errs.E(errs.Permission, "roleTypes", "the session has owners (capabilities.hasOwners): only an owner may change roleTypes")
		}
		if !sameJSON(list, after.Properties.System["owners"]) {
			return errs.E(errs.Permission, "properties.system.owners", "the session has owners (capabilities.hasOwners): only an owner may change them")
		}
		return nil
	}
}

// sameJSON reports whether a and b encode to the same JSON.
func sameJSON(a, b any) bool {
	ra, errA := json.Marshal(a)
	rb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ra, rb)
}
