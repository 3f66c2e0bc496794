package session

import (
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
)

// Search handles (session browse, docs/mpsd.md §11): a session advertises itself with search
// attributes (tags, strings and numbers) that POST /handles/query filters and orders. OpenPlay
// keeps a session's search handle in the session itself (Session.Search): a session has at
// most one, it goes when the session goes, and a query answers from the live session (its
// relatedInfo, customProperties and roleInfo are never stale).

// Bounds of search attributes. MPSD documents only that a tag or an attribute name starts with a
// letter, has no spaces and is less than 100 characters; the counts and the string length are
// OpenPlay's (inferred), far above what a browse screen shows.
const (
	MaxSearchTags        = 64
	MaxSearchStrings     = 64
	MaxSearchNumbers     = 64
	MaxSearchStringBytes = 256
)

var (
	// searchTagPattern: a letter, then no spaces, under 100 characters (MPSD's rule for tags).
	searchTagPattern = regexp.MustCompile(`^[A-Za-z][^\s]{0,98}$`)
	// searchNamePattern: MPSD's rule for attribute names, narrowed to characters that cannot
	// end a path in a filter (strings/<name>, numbers/<name>): letters, digits, '_', '-', '.'.
	searchNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,98}$`)
)

// Search is a session's search handle: its ID (a GUID), when it was made, and its attributes.
// Strings and numbers keep the names as written; filters look names up in any case.
type Search struct {
	ID      string             `json:"id"`
	Created time.Time          `json:"created"`
	Tags    []string           `json:"tags"`
	Strings map[string]string  `json:"strings"`
	Numbers map[string]float64 `json:"numbers"`
}

// SearchHandle is a decoded POST /handles body of type search.
type SearchHandle struct {
	Ref    Ref
	Search Search
}

// DecodeSearchHandle reads a POST /handles body of type search:
// {"type":"search","version":1,"sessionRef":{...},"searchAttributes":{"tags","strings","numbers"}}.
func DecodeSearchHandle(body []byte) (*SearchHandle, error) {
	top, err := decodeObject(body)
	if err != nil {
		return nil, err
	}
	h := &SearchHandle{Search: Search{Tags: []string{}, Strings: map[string]string{}, Numbers: map[string]float64{}}}
	for _, key := range sortedKeys(top) {
		val := top[key]
		switch key {
		case "type":
			if t, _ := val.(string); !strings.EqualFold(t, "search") {
				return nil, errs.E(errs.Invalid, "type", "must be search")
			}
		case "version":
			if n, ok := intValue(val); !ok || n != 1 {
				return nil, errs.E(errs.Invalid, "version", "must be 1")
			}
		case "sessionRef":
			ref, err := asObject(val, key)
			if err != nil {
				return nil, err
			}
			scid, _ := ref["scid"].(string)
			tpl, _ := ref["templateName"].(string)
			name, _ := ref["name"].(string)
			if h.Ref, err = ParseRef(scid, tpl, name); err != nil {
				return nil, errs.E(errs.Invalid, "sessionRef", "%v", err)
			}
		case "searchAttributes":
			if err := h.Search.decodeAttributes(val); err != nil {
				return nil, err
			}
		default:
			return nil, errs.E(errs.Invalid, keyField(key), "not allowed in a search handle")
		}
	}
	if h.Ref == (Ref{}) {
		return nil, errs.E(errs.Invalid, "sessionRef", "a search handle names its session")
	}
	return h, nil
}

func (s *Search) decodeAttributes(v any) error {
	attrs, err := asObject(v, "searchAttributes")
	if err != nil {
		return err
	}
	for _, key := range sortedKeys(attrs) {
		field := "searchAttributes." + keyField(key)
		switch key {
		case "tags":
			list, ok := attrs[key].([]any)
			if !ok && attrs[key] != nil {
				return errs.E(errs.Invalid, field, "must be an array of tags")
			}
			if len(list) > MaxSearchTags {
				return errs.E(errs.Invalid, field, "%d tags; at most %d", len(list), MaxSearchTags)
			}
			for i, t := range list {
				tag, _ := t.(string)
				if !searchTagPattern.MatchString(tag) {
					return errs.E(errs.Invalid, field+"["+strconv.Itoa(i)+"]", "a tag starts with a letter, has no spaces and is less than 100 characters")
				}
				if !slices.Contains(s.Tags, tag) {
					s.Tags = append(s.Tags, tag)
				}
			}
		case "strings":
			m, err := searchMap(attrs[key], field, MaxSearchStrings)
			if err != nil {
				return err
			}
			for _, name := range sortedKeys(m) {
				str, ok := m[name].(string)
				if !ok || len(str) > MaxSearchStringBytes {
					return errs.E(errs.Invalid, field+"."+keyField(name), "must be a string of at most %d bytes", MaxSearchStringBytes)
				}
				s.Strings[name] = str
			}
		case "numbers":
			m, err := searchMap(attrs[key], field, MaxSearchNumbers)
			if err != nil {
				return err
			}
			for _, name := range sortedKeys(m) {
				n, ok := m[name].(json.Number)
				f, err := n.Float64()
				if !ok || err != nil || math.IsInf(f, 0) {
					return errs.E(errs.Invalid, field+"."+keyField(name), "must be a number (a double)")
				}
				s.Numbers[name] = f
			}
		default:
			return errs.E(errs.Invalid, field, "search attributes are tags, strings and numbers")
		}
	}
	return nil
}

// searchMap reads the strings or numbers of search attributes: an object of at most limit
// entries whose names follow searchNamePattern, no two the same in any case (filters look names
// up in any case).
func searchMap(v any, field string, limit int) (map[string]any, error) {
	if v == nil {
		return nil, nil
	}
	m, err := asObject(v, field)
	if err != nil {
		return nil, err
	}
	if len(m) > limit {
		return nil, errs.E(errs.Invalid, field, "%d entries; at most %d", len(m), limit)
	}
	seen := map[string]bool{}
	for _, name := range sortedKeys(m) {
		if !searchNamePattern.MatchString(name) {
			return nil, errs.E(errs.Invalid, field+"."+keyField(name), "a name starts with a letter and has only letters, digits, '_', '-' and '.', less than 100 characters")
		}
		if seen[strings.ToLower(name)] {
			return nil, errs.E(errs.Invalid, field+"."+keyField(name), "names differ in more than case")
		}
		seen[strings.ToLower(name)] = true
	}
	return m, nil
}

// SetSearch makes sh the session's search handle (given its id), replacing the one it had:
// a session has one search handle at a time (MPSD), and XSAPI sets it rather than adds one.
// The session must have capabilities.searchable (and hasOwners with userAuthorizationStyle, as
// MPSD requires); the caller must be a member who has accepted (an owner, once the session has
// owners) or a server principal. stored is the session as stored: its timers are brought up to
// date first, so the result may owe shoulder taps; the handle itself is no change of the
// session's document (its changeNumber stays).
func SetSearch(stored *Session, sh SearchHandle, id string, c Caller, now time.Time, app string) (*Result, error) {
	res := Refresh(stored, now, app)
	if res.Session == nil {
		return nil, errs.E(errs.NotFound, "sessionRef", "no session %s", sh.Ref)
	}
	s := res.Session
	if !s.capability("searchable") {
		return nil, errs.E(errs.Invalid, "sessionRef", "the session does not have capabilities.searchable")
	}
	if s.capability("userAuthorizationStyle") && !s.capability("hasOwners") {
		return nil, errs.E(errs.Invalid, "sessionRef", "a searchable session with capabilities.userAuthorizationStyle also needs capabilities.hasOwners")
	}
	if err := s.manageSearch(c, "sessionRef", "make"); err != nil {
		return nil, err
	}
	if !res.Changed {
		s = s.Clone()
	}
	search := sh.Search
	search.ID, search.Created = id, now
	s.Search = &search
	// the handle is stored in the session's document: it must not take it over the session's
	// bounds, or every later write to the session would be refused
	raw, err := s.Marshal()
	if err != nil {
		return nil, err
	}
	if err := s.checkSize(raw); err != nil {
		return nil, errs.E(errs.TooLarge, "searchAttributes", "the session with this search handle would be too large: %v", err)
	}
	res.Session, res.Changed = s, true
	return res, nil
}

// manageSearch applies the rule of who may make or delete (verb) the session's search handle: a
// member who has accepted (an owner, once the session has owners) or a server principal. field
// is what a refusal names.
func (s *Session) manageSearch(c Caller, field, verb string) error {
	if c.Server {
		return nil
	}
	me := s.Member(c.ID)
	if me == nil || me.Reserved {
		return errs.E(errs.Permission, field, "only members of the session may %s its search handle", verb)
	}
	if owners := s.owners(); len(owners) > 0 && !slices.Contains(owners, me.Index) {
		return errs.E(errs.Permission, field, "the session has owners (capabilities.hasOwners): only an owner may %s its search handle", verb)
	}
	return nil
}

// FindSearch is the session holding the search handle id, as GET /handles/{id} reads it: stored
// is the session the store found with that handle (nil when none), brought up to date at now
// (in memory, as a search query reads it). A handle whose session ended, or that another
// replaced, is gone: 404. Anyone may read it, as anyone may query it: a search handle is how a
// session advertises itself.
func FindSearch(stored *Session, id string, now time.Time) (*Session, error) {
	if stored == nil {
		return nil, HandleNotFound(id)
	}
	s := stored.Clone()
	if _, gone := s.evaluate(now); gone || s.Search == nil || s.Search.ID != id {
		return nil, HandleNotFound(id)
	}
	return s, nil
}

// ClearSearch deletes the session's search handle id (DELETE /handles/{id}, XSAPI's
// ClearSearchHandle): who may is who may make it (SetSearch). stored is the session as stored,
// whose timers are brought up to date first, as SetSearch does; a handle its session no longer
// holds (the session ended, or another handle replaced it) is 404. Like making one, deleting
// it is no change of the session's document (its changeNumber stays).
func ClearSearch(stored *Session, id string, c Caller, now time.Time, app string) (*Result, error) {
	res := Refresh(stored, now, app)
	s := res.Session
	if s == nil || s.Search == nil || s.Search.ID != id {
		return nil, HandleNotFound(id)
	}
	if err := s.manageSearch(c, "handleId", "delete"); err != nil {
		return nil, err
	}
	if !res.Changed {
		s = s.Clone()
	}
	s.Search = nil
	res.Session, res.Changed = s, true
	return res, nil
}

// SearchKey is what the store indexes a session's search handle under (the case-folded
// scid~template; "" when the session has none): a query reads one template's handles.
func (s *Session) SearchKey() string {
	if s.Search == nil {
		return ""
	}
	return TemplateKey(s.Ref.SCID, s.Ref.Template)
}

// RenderSearch is the session's search handle as POST /handles/query answers it (the shape of
// the official client's searchHandlesResponseJson): the handle with its attributes and
// createTime, and what include names of the session (SearchIncludes): its relatedInfo, its
// custom properties and its roles as viewer sees them (roleInfo only when it has roles). GET
// /handles/{id} answers the handle alone, POST /handles with everything.
func (s *Session) RenderSearch(viewer string, include []string) map[string]any {
	h := s.Search
	numbers := map[string]any{}
	for k, v := range h.Numbers {
		numbers[k] = v
	}
	out := map[string]any{
		"id": h.ID, "version": 1, "type": "search", "createTime": FormatTime(h.Created),
		"sessionRef":       map[string]any{"scid": s.Ref.SCID, "templateName": s.Ref.Template, "name": s.Ref.Name},
		"searchAttributes": map[string]any{"tags": h.Tags, "strings": h.Strings, "numbers": numbers},
	}
	if slices.Contains(include, "relatedInfo") {
		out["relatedInfo"] = s.relatedInfo()
	}
	if slices.Contains(include, "customProperties") {
		if custom, ok := s.Properties.Custom.(map[string]any); ok {
			out["customProperties"] = custom
		} else {
			out["customProperties"] = map[string]any{}
		}
	}
	if slices.Contains(include, "roleInfo") && s.RoleTypes != nil {
		out["roleInfo"] = map[string]any{"roleTypes": s.renderRoleTypes(viewer)}
	}
	return out
}

// relatedInfo is what a browse screen shows of the session without reading it: visibility,
// joinRestriction, closed, maxMembersCount, membersCount, and sessionOwners (the owners' player
// IDs) and inviteProtocol when it has them.
func (s *Session) relatedInfo() map[string]any {
	info := map[string]any{
		"visibility": s.Visibility(), "joinRestriction": s.restriction("joinRestriction"), "closed": s.flag("closed"),
		"maxMembersCount": s.MaxMembers(), "membersCount": len(s.Members), "postedTime": FormatTime(s.Search.Created),
	}
	if owners := s.ownerPlayers(); len(owners) > 0 {
		info["sessionOwners"] = owners
	}
	if p, ok := s.Constants.System["inviteProtocol"].(string); ok {
		info["inviteProtocol"] = p
	}
	return info
}

// ownerPlayers are the player IDs of the session's owners, in index order.
func (s *Session) ownerPlayers() []string {
	var out []string
	for _, m := range s.Members {
		if slices.Contains(s.owners(), m.Index) {
			out = append(out, m.Player)
		}
	}
	return out
}
