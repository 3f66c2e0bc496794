package session

import (
	"strconv"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
)

// derived are the rendered fields Render computes; parseDocument drops them.
var derived = map[string]bool{"contractVersion": true, "nextTimer": true, "membersInfo": true}

// parseDocument reads a rendered session document (such as the official client's fixtures) back
// into a Session: the inverse of Render up to what Render derives (next links, turn flags,
// membersInfo counts, constants.system.index, nextTimer) and to enum case, which it
// canonicalises. Fields it does not model are kept and rendered again unchanged.
func parseDocument(raw []byte) (*Session, error) {
	top, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	s := &Session{}
	for _, key := range sortedKeys(top) {
		val := top[key]
		switch key {
		case "branch":
			s.Branch, _ = val.(string)
		case "correlationId":
			s.CorrelationID, _ = val.(string)
		case "changeNumber":
			n, _ := intValue(val)
			s.ChangeNumber = int64(n)
		case "startTime":
			if s.StartTime, err = parseTime(val, key); err != nil {
				return nil, err
			}
		case "constants":
			if s.Constants, err = parseBag(val, key, sessionConstants); err != nil {
				return nil, err
			}
		case "properties":
			if s.Properties, err = parseBag(val, key, sessionProperties); err != nil {
				return nil, err
			}
			if list, ok := s.Properties.System["turn"].([]any); ok && len(list) == 0 {
				delete(s.Properties.System, "turn") // rendered by default
			}
		case "roleTypes":
			s.RoleTypes, _ = val.(map[string]any)
		case "servers":
			if m, _ := val.(map[string]any); len(m) > 0 {
				s.Servers = m
			}
		case "members":
			if err := s.parseMembers(val); err != nil {
				return nil, err
			}
		default:
			if derived[key] {
				if info, ok := val.(map[string]any); ok && key == "membersInfo" {
					n, _ := intValue(info["next"])
					s.MembersNext = max(s.MembersNext, n)
				}
				continue
			}
			if s.Extra == nil {
				s.Extra = map[string]any{}
			}
			s.Extra[key] = val
		}
	}
	return s, nil
}

func (s *Session) parseMembers(v any) error {
	members, err := asObject(v, "members")
	if err != nil {
		return err
	}
	for _, key := range sortedKeys(members) {
		field := "members." + key
		raw, err := asObject(members[key], field)
		if err != nil {
			return err
		}
		if key == "me" { // a large session shows only the reader, keyed me, with its index inside
			if sys, ok := path(raw, "constants", "system").(map[string]any); ok {
				n, _ := intValue(sys["index"])
				key = strconv.Itoa(n)
			}
		}
		i, err := strconv.Atoi(key)
		if err != nil || i < 0 {
			return errs.E(errs.Invalid, field, "not a member index")
		}
		m := &Member{Index: i}
		for _, k := range sortedKeys(raw) {
			val := raw[k]
			switch k {
			case "constants":
				if c, ok := val.(map[string]any); ok {
					if sys, ok := c["system"].(map[string]any); ok {
						delete(sys, "index")
					}
				}
				if m.Constants, err = parseBag(val, field+".constants", memberConstants); err != nil {
					return err
				}
				m.Player, _ = m.Constants.System["xuid"].(string)
			case "properties":
				if m.Properties, err = parseBag(val, field+".properties", memberProperties); err != nil {
					return err
				}
			case "roles":
				m.Roles, _ = val.(map[string]any)
			case "reserved":
				m.Reserved = val == true
			case "gamertag":
				m.Name, _ = val.(string)
			case "joinTime":
				if m.JoinTime, err = parseTime(val, field+".joinTime"); err != nil {
					return err
				}
			case "next", "turn":
			default:
				if m.Extra == nil {
					m.Extra = map[string]any{}
				}
				m.Extra[k] = val
			}
		}
		m.StatusSince = m.JoinTime
		s.Members = append(s.Members, m)
		s.MembersNext = max(s.MembersNext, i+1)
	}
	return nil
}

func parseBag(v any, field string, sc scope) (Bag, error) {
	b, err := decodeBag(v, field, sc)
	if err != nil {
		return Bag{}, err
	}
	custom := b.Custom
	if m, ok := custom.(map[string]any); ok && len(m) == 0 {
		custom = nil
	}
	return Bag{System: b.System, Custom: custom}, nil
}

func parseTime(v any, field string) (time.Time, error) {
	s, _ := v.(string)
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, errs.E(errs.Invalid, field, "not an ISO 8601 UTC time")
	}
	return t.UTC(), nil
}
