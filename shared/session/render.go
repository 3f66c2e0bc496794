package session

import (
	"maps"
	"strconv"
	"time"
)

// TimeFormat renders timestamps as MPSD does: UTC with 7 fractional digits.
const TimeFormat = "2006-01-02T15:04:05.0000000Z"

// FormatTime renders t in TimeFormat.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeFormat) }

// Render is the session document at contract 107 as viewer sees it: members keyed by index
// with their next links, constants.system.index and turn flags; membersInfo; properties with
// system.turn (rendered even when empty); nextTimer when a timer is pending. On a large session
// the member list shows only the viewer, keyed "me".
func (s *Session) Render(viewer string) map[string]any {
	doc := map[string]any{}
	for k, v := range s.Extra {
		doc[k] = v
	}
	props := renderBag(s.Properties)
	system := props["system"].(map[string]any)
	if _, ok := system["turn"]; !ok {
		system["turn"] = []any{}
	}
	doc["contractVersion"] = ContractVersion
	doc["branch"] = s.Branch
	doc["changeNumber"] = s.ChangeNumber
	doc["correlationId"] = s.CorrelationID
	doc["startTime"] = FormatTime(s.StartTime)
	if at, ok := s.NextTimer(); ok {
		doc["nextTimer"] = FormatTime(at)
	}
	s.renderInitialization(doc)
	if s.Search != nil {
		doc["searchHandle"] = s.Search.ID
	}
	doc["constants"] = renderBag(s.Constants)
	doc["properties"] = props
	if s.RoleTypes != nil {
		doc["roleTypes"] = s.renderRoleTypes(viewer)
	}
	servers := map[string]any{}
	for k, v := range s.Servers {
		servers[k] = v
	}
	doc["servers"] = servers
	turn := map[int]bool{}
	for _, i := range s.Turn() {
		turn[i] = true
	}
	members := map[string]any{}
	info := map[string]any{"next": s.MembersNext, "count": len(s.Members), "accepted": 0, "active": 0}
	accepted, active := 0, 0
	for i, m := range s.Members {
		next := s.MembersNext
		if i+1 < len(s.Members) {
			next = s.Members[i+1].Index
		}
		if !m.Reserved {
			accepted++
		}
		if m.Status() == Active {
			active++
		}
		key := strconv.Itoa(m.Index)
		if s.large() {
			if m.Player != viewer {
				continue
			}
			key = "me"
		}
		out := m.render(next, turn[m.Index])
		m.renderInitialization(out, s)
		members[key] = out
	}
	if len(s.Members) > 0 {
		info["first"] = s.Members[0].Index
	}
	info["accepted"], info["active"] = accepted, active
	doc["members"] = members
	doc["membersInfo"] = info
	return doc
}

func (m *Member) render(next int, turn bool) map[string]any {
	out := map[string]any{}
	for k, v := range m.Extra {
		out[k] = v
	}
	constants := renderBag(m.Constants)
	constants["system"].(map[string]any)["index"] = m.Index
	out["constants"] = constants
	out["properties"] = renderBag(m.Properties)
	out["next"] = next
	out["joinTime"] = FormatTime(m.JoinTime)
	if t := m.DeviceToken(); t != "" {
		out["deviceToken"] = t
	}
	if m.Reserved {
		out["reserved"] = true
	} else if m.Name != "" {
		out["gamertag"] = m.Name
	}
	if turn {
		out["turn"] = true
	}
	if m.Roles != nil {
		out["roles"] = m.Roles
	}
	return out
}

// renderBag renders a bag with both parts present ({} when empty). The system part is a copy of
// its top level, to which callers may add derived fields; nothing is deep-copied, so rendering
// costs little beyond the answer itself.
func renderBag(b Bag) map[string]any {
	system := maps.Clone(b.System)
	if system == nil {
		system = map[string]any{}
	}
	var custom any = map[string]any{}
	if b.Custom != nil {
		custom = b.Custom
	}
	return map[string]any{"system": system, "custom": custom}
}
