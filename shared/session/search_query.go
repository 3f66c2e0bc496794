package session

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
)

// SearchQuery is a POST /handles/query of type search: the search handles of one template,
// filtered and ordered, each with what Include names (SearchIncludes). Global (MPSD: search beyond the caller's own title) changes nothing:
// an OpenPlay deployment serves one game, whose handles every query searches.
type SearchQuery struct {
	SCID     string
	Template string
	Filter   Filter
	Order    []SortKey
	Global   bool
	Include  []string
}

// SortKey is one key of orderBy: what it reads, and whether descending.
type SortKey struct {
	operand operand
	Desc    bool
}

// MaxSearchResults is the most a search query answers (MPSD: "only the first 100 results").
// A query reads the newest MaxSearchScan handles, and at most MaxSearchBytes of stored sessions,
// and answers from those: it renders each match, custom properties included, so it holds about
// as much as it read (half a session query's MaxQueryBytes; a browsed session is usually a few
// KiB, so that is hundreds of them).
const (
	MaxSearchResults = 100
	MaxSearchScan    = 1000
	MaxSearchBytes   = MaxQueryBytes / 2
)

// DecodeSearchQuery reads {"type":"search","scid","templateName","filter","orderBy","global"}
// and its ?include= (comma-separated: SearchIncludes). sessionMembers (search among a social
// group's sessions) needs a social graph OpenPlay does not have: 400 naming it.
func DecodeSearchQuery(body []byte, include string) (*SearchQuery, error) {
	q := &SearchQuery{}
	var err error
	if q.Include, err = decodeInclude(include, SearchIncludes); err != nil {
		return nil, err
	}
	top, err := decodeObject(body)
	if err != nil {
		return nil, err
	}
	for _, key := range sortedKeys(top) {
		val := top[key]
		str, isString := val.(string)
		switch key {
		case "type":
			if !strings.EqualFold(str, "search") {
				return nil, errs.E(errs.Invalid, "type", "must be search")
			}
		case "scid":
			if err := CheckSCID(str); err != nil {
				return nil, err
			}
			q.SCID = str
		case "templateName":
			if err := CheckName(str, "templateName"); err != nil {
				return nil, err
			}
			q.Template = str
		case "filter":
			if !isString {
				return nil, errs.E(errs.Invalid, "filter", "must be a string")
			}
			if q.Filter, err = ParseFilter(str); err != nil {
				return nil, err
			}
		case "orderBy":
			if !isString {
				return nil, errs.E(errs.Invalid, "orderBy", "must be a string")
			}
			if q.Order, err = ParseOrderBy(str); err != nil {
				return nil, err
			}
		case "global":
			b, ok := val.(bool)
			if !ok {
				return nil, errs.E(errs.Invalid, "global", "must be true or false")
			}
			q.Global = b
		case "sessionMembers":
			field := "sessionMembers"
			if path(val, "people") != nil {
				field = "sessionMembers.people"
			}
			return nil, errs.E(errs.Invalid, field, "searching the sessions of a social group needs a social graph (friends, favorites), which OpenPlay does not have")
		default:
			return nil, errs.E(errs.Invalid, keyField(key), "not allowed in a search query")
		}
	}
	if q.SCID == "" {
		return nil, errs.E(errs.Invalid, "scid", "a search query names its service config")
	}
	if q.Template == "" {
		return nil, errs.E(errs.Invalid, "templateName", "a search query names its session template")
	}
	return q, nil
}

// ParseOrderBy reads orderBy: keys separated by commas, each something a filter compares
// (numbers/<name>, strings/<name>, session/postedTime, session/membersCount, …) and asc
// (the default) or desc. Handles that lack a key's attribute come after those that have it;
// ties, and an empty orderBy, go newest first.
func ParseOrderBy(src string) ([]SortKey, error) {
	if len(src) > MaxFilterBytes {
		return nil, errs.E(errs.Invalid, "orderBy", "%d bytes; at most %d", len(src), MaxFilterBytes)
	}
	p := &filterParser{src: src, field: "orderBy"}
	var keys []SortKey
	err := p.tokenize()
	for err == nil && p.pos < len(p.toks) {
		if len(keys) == 4 {
			err = p.fail("at most 4 keys")
			break
		}
		var k SortKey
		if k.operand, err = p.operand(); err != nil {
			break
		}
		if p.peekWord("asc") || p.peekWord("desc") {
			k.Desc = p.peekWord("desc")
			p.pos++
		}
		keys = append(keys, k)
		if p.pos < len(p.toks) {
			err = p.expect(",")
		}
	}
	return keys, err
}

// Match checks a stored session against the query at now, its timers brought up to date: the
// session, when it still exists and its search handle passes the filter.
func (q *SearchQuery) Match(stored *Session, now time.Time) (*Session, bool) {
	s := stored.Clone()
	if _, gone := s.evaluate(now); gone || s.Search == nil {
		return nil, false
	}
	return s, q.Filter.Matches(s)
}

// SearchResults gathers a query's matches as they are read, rendered at once (each is held as
// JSON, not as a session), and keeps the first MaxSearchResults in the query's order.
type SearchResults struct {
	q      *SearchQuery
	viewer string
	items  []searchItem
}

type searchItem struct {
	keys    []any // one per sort key: nil when the handle lacks it
	created time.Time
	id      string
	raw     json.RawMessage
}

// Results starts gathering q's matches as viewer sees them.
func (q *SearchQuery) Results(viewer string) *SearchResults {
	return &SearchResults{q: q, viewer: viewer}
}

// Add renders a matching session's handle into the results.
func (r *SearchResults) Add(s *Session) {
	raw, _ := json.Marshal(s.RenderSearch(r.viewer, r.q.Include)) // decoded JSON always encodes
	item := searchItem{created: s.Search.Created, id: s.Search.ID, raw: raw}
	for _, k := range r.q.Order {
		v, _ := k.operand.value(s)
		item.keys = append(item.keys, v)
	}
	r.items = append(r.items, item)
	if len(r.items) >= 2*MaxSearchResults {
		r.sort()
	}
}

// List is the results in order, at most MaxSearchResults.
func (r *SearchResults) List() []json.RawMessage {
	r.sort()
	out := make([]json.RawMessage, len(r.items))
	for i, item := range r.items {
		out[i] = item.raw
	}
	return out
}

func (r *SearchResults) sort() {
	slices.SortFunc(r.items, func(a, b searchItem) int {
		for i, k := range r.q.Order {
			if c := compareKey(a.keys[i], b.keys[i], k.Desc); c != 0 {
				return c
			}
		}
		if c := b.created.Compare(a.created); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	if len(r.items) > MaxSearchResults {
		r.items = r.items[:MaxSearchResults]
	}
}

// compareKey orders two values of one sort key: missing ones last, whatever the direction.
func compareKey(a, b any, desc bool) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	c := 0
	switch a := a.(type) {
	case string:
		c = strings.Compare(a, b.(string))
	case float64:
		switch bf := b.(float64); {
		case a < bf:
			c = -1
		case a > bf:
			c = 1
		}
	}
	if desc {
		return -c
	}
	return c
}
