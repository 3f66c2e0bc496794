package session

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/openplay-games/openplay/shared/errs"
)

// The filter of a search query (POST /handles/query): MPSD's OData-style subset
// (docs/mpsd.md §11.1). Comparisons eq, ne, gt, ge, lt, le of an attribute with a literal,
// joined by and and or (and binds tighter; parentheses group); tolower() of a string; and
// "any" lambdas over lists:
//
//	numbers/skill ge 1.5 and tolower(strings/map) eq 'harbor'
//	tags/any(d:tolower(d) eq 'casual') or session/memberXuids/any(d:d eq 'ana')
//
// What it reads: strings/<name> and numbers/<name> (the handle's attributes, names in any
// case; MPSD's own example also writes string/ and number/), tags, and of the session
// scid, templateName, postedTime, membersCount, maxMembersCount, maxMembersCountRemaining,
// keywords, memberXuids and ownerXuids. An attribute the handle lacks makes eq, gt, ge, lt and
// le false and ne true; x/any(d:d ne 'v') is true when no item is 'v' (MPSD: "sessions that do
// not contain the tag"). Unlike MPSD, which allows one or and only at the top, or may appear
// anywhere.

// Bounds of a filter (OpenPlay's; MPSD documents none).
const (
	MaxFilterBytes = 2048
	MaxFilterDepth = 16
	MaxFilterTerms = 64
)

// Filter is a parsed search filter. The zero Filter matches every handle.
type Filter struct{ root filterNode }

// Matches reports whether the session's search handle passes the filter.
func (f Filter) Matches(s *Session) bool { return f.root == nil || f.root.eval(s) }

type filterNode interface{ eval(*Session) bool }

type (
	orNode  struct{ a, b filterNode }
	andNode struct{ a, b filterNode }
	// compareNode compares a scalar the session has (or lacks) with a literal.
	compareNode struct {
		operand operand
		op      string
		literal any // string or float64
	}
	// anyNode is list/any(d:d op 'v'), with lower when the item is tolower(d); negate inverts
	// it (any(...) eq false).
	anyNode struct {
		list          string
		lower, negate bool
		op            string
		literal       string
	}
)

func (n orNode) eval(s *Session) bool  { return n.a.eval(s) || n.b.eval(s) }
func (n andNode) eval(s *Session) bool { return n.a.eval(s) && n.b.eval(s) }

func (n compareNode) eval(s *Session) bool {
	v, ok := n.operand.value(s)
	if !ok {
		return n.op == "ne"
	}
	var c int
	switch v := v.(type) {
	case string:
		c = strings.Compare(v, n.literal.(string))
	case float64:
		lit := n.literal.(float64)
		switch {
		case v < lit:
			c = -1
		case v > lit:
			c = 1
		}
	}
	switch n.op {
	case "eq":
		return c == 0
	case "ne":
		return c != 0
	case "gt":
		return c > 0
	case "ge":
		return c >= 0
	case "lt":
		return c < 0
	}
	return c <= 0 // le
}

func (n anyNode) eval(s *Session) bool {
	var items []string
	switch n.list {
	case "tags":
		items = s.Search.Tags
	case "session/keywords":
		items = s.Keywords()
	case "session/memberxuids":
		for _, m := range s.Members {
			items = append(items, m.Player)
		}
	case "session/ownerxuids":
		items = s.ownerPlayers()
	}
	found := slices.ContainsFunc(items, func(item string) bool {
		if n.lower {
			item = strings.ToLower(item)
		}
		return item == n.literal
	})
	return found == (n.op == "eq") != n.negate
}

// operand is what a comparison reads: a search attribute or a session field, maybe lowered.
type operand struct {
	path  string // lower-cased: strings/<name>, numbers/<name> or session/<field>
	name  string // the attribute's name, for strings/ and numbers/
	lower bool
}

// sessionNumbers and sessionStrings are the session fields a filter may compare.
var (
	sessionNumbers = []string{"session/memberscount", "session/maxmemberscount", "session/maxmemberscountremaining"}
	sessionStrings = []string{"session/scid", "session/templatename", "session/postedtime"}
	filterLists    = []string{"tags", "session/keywords", "session/memberxuids", "session/ownerxuids"}
)

func (o operand) numeric() bool {
	return strings.HasPrefix(o.path, "numbers/") || slices.Contains(sessionNumbers, o.path)
}

func (o operand) value(s *Session) (any, bool) {
	var v any
	switch {
	case strings.HasPrefix(o.path, "strings/"):
		v = lookup(s.Search.Strings, o.name)
	case strings.HasPrefix(o.path, "numbers/"):
		v = lookup(s.Search.Numbers, o.name)
	case o.path == "session/memberscount":
		v = float64(len(s.Members))
	case o.path == "session/maxmemberscount":
		v = float64(s.MaxMembers())
	case o.path == "session/maxmemberscountremaining":
		v = float64(s.MaxMembers() - len(s.Members))
	case o.path == "session/scid":
		v = s.Ref.SCID
	case o.path == "session/templatename":
		v = s.Ref.Template
	case o.path == "session/postedtime":
		v = FormatTime(s.Search.Created)
	}
	if str, ok := v.(string); ok && o.lower {
		v = strings.ToLower(str)
	}
	return v, v != nil
}

// lookup finds an attribute by name in any case (names differ in more than case: searchMap).
func lookup[V any](m map[string]V, name string) any {
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return nil
}

// ParseFilter parses a search filter; "" is the filter that matches everything. A filter it
// cannot read is a 400 naming filter, where and why.
func ParseFilter(src string) (Filter, error) {
	if len(src) > MaxFilterBytes {
		return Filter{}, errs.E(errs.Invalid, "filter", "%d bytes; at most %d", len(src), MaxFilterBytes)
	}
	p := &filterParser{src: src, field: "filter"}
	if err := p.tokenize(); err != nil {
		return Filter{}, err
	}
	if len(p.toks) == 0 {
		return Filter{}, nil
	}
	root, err := p.or(0)
	if err == nil && p.pos < len(p.toks) {
		err = p.fail("expected and, or or the end of the filter")
	}
	if err != nil {
		return Filter{}, err
	}
	return Filter{root: root}, nil
}

// token is a word (a path, keyword or operator), a literal, or punctuation: ( ) : , (the comma
// separates orderBy's keys).
type token struct {
	at     int // byte offset, for errors
	text   string
	str    bool // a quoted string literal (text is its value)
	number bool
}

// filterParser reads a filter, or orderBy (field names which, in errors).
type filterParser struct {
	field string
	src   string
	toks  []token
	pos   int
	terms int
}

func (p *filterParser) tokenize() error {
	src := p.src
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(' || c == ')' || c == ':' || c == ',':
			p.toks = append(p.toks, token{at: i, text: src[i : i+1]})
			i++
		case c == '\'':
			var b strings.Builder
			j := i + 1
			for ; ; j++ {
				if j >= len(src) {
					return errs.E(errs.Invalid, p.field, "at %d: a string that does not end", i)
				}
				if src[j] == '\'' {
					if j+1 < len(src) && src[j+1] == '\'' { // '' is a quote, as in OData
						b.WriteByte('\'')
						j++
						continue
					}
					break
				}
				b.WriteByte(src[j])
			}
			p.toks = append(p.toks, token{at: i, text: b.String(), str: true})
			i = j + 1
		case isWordByte(c):
			j := i
			for j < len(src) && isWordByte(src[j]) {
				j++
			}
			word := src[i:j]
			tok := token{at: i, text: word}
			if c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') {
				f, err := strconv.ParseFloat(word, 64)
				if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
					return errs.E(errs.Invalid, p.field, "at %d: %q is not a number", i, word)
				}
				tok.number = true
			}
			p.toks = append(p.toks, tok)
			i = j
		default:
			return errs.E(errs.Invalid, p.field, "at %d: unexpected %q", i, string(rune(c)))
		}
	}
	return nil
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '/' || c == '.' || c == '-' || c == '+'
}

func (p *filterParser) fail(format string, args ...any) error {
	at := len(p.src)
	if p.pos < len(p.toks) {
		at = p.toks[p.pos].at
	}
	return errs.E(errs.Invalid, p.field, "at %d: %s", at, fmt.Sprintf(format, args...))
}

// peekWord reports whether the next token is the word w (keywords match in any case).
func (p *filterParser) peekWord(w string) bool {
	return p.pos < len(p.toks) && !p.toks[p.pos].str && strings.EqualFold(p.toks[p.pos].text, w)
}

func (p *filterParser) expect(text string) error {
	if !p.peekWord(text) {
		return p.fail("expected %q", text)
	}
	p.pos++
	return nil
}

func (p *filterParser) or(depth int) (filterNode, error) {
	left, err := p.and(depth)
	for err == nil && p.peekWord("or") {
		p.pos++
		var right filterNode
		if right, err = p.and(depth); err == nil {
			left = orNode{left, right}
		}
	}
	return left, err
}

func (p *filterParser) and(depth int) (filterNode, error) {
	left, err := p.term(depth)
	for err == nil && p.peekWord("and") {
		p.pos++
		var right filterNode
		if right, err = p.term(depth); err == nil {
			left = andNode{left, right}
		}
	}
	return left, err
}

// term is a parenthesized filter, an any lambda, or a comparison.
func (p *filterParser) term(depth int) (filterNode, error) {
	if p.terms++; p.terms > MaxFilterTerms {
		return nil, p.fail("more than %d terms", MaxFilterTerms)
	}
	if p.peekWord("(") {
		if depth >= MaxFilterDepth {
			return nil, p.fail("parentheses nest more than %d deep", MaxFilterDepth)
		}
		p.pos++
		inner, err := p.or(depth + 1)
		if err == nil {
			err = p.expect(")")
		}
		return inner, err
	}
	if p.pos >= len(p.toks) {
		return nil, p.fail("expected a comparison")
	}
	if tok := p.toks[p.pos]; !tok.str && !tok.number && strings.HasSuffix(strings.ToLower(tok.text), "/any") {
		return p.lambda()
	}
	o, err := p.operand()
	if err != nil {
		return nil, err
	}
	op, err := p.operator(false)
	if err != nil {
		return nil, err
	}
	if p.pos >= len(p.toks) {
		return nil, p.fail("expected a value to compare with")
	}
	lit := p.toks[p.pos]
	n := compareNode{operand: o, op: op}
	switch {
	case o.numeric() && lit.number:
		n.literal, _ = strconv.ParseFloat(lit.text, 64)
	case !o.numeric() && lit.str:
		n.literal = lit.text
	case o.numeric():
		return nil, p.fail("%s is a number: compare it with a number", o.path)
	default:
		return nil, p.fail("%s is a string: compare it with a quoted string", o.path)
	}
	p.pos++
	return n, nil
}

// operand reads a path, or tolower(path) of a string.
func (p *filterParser) operand() (operand, error) {
	lower := p.peekWord("tolower")
	if lower {
		p.pos++
		if err := p.expect("("); err != nil {
			return operand{}, err
		}
	}
	if p.pos >= len(p.toks) || p.toks[p.pos].str || p.toks[p.pos].number {
		return operand{}, p.fail("expected strings/<name>, numbers/<name> or a session field")
	}
	raw := p.toks[p.pos].text
	path := strings.ToLower(raw)
	o := operand{path: path, lower: lower}
	for prefix, kind := range map[string]string{"strings/": "strings/", "string/": "strings/", "numbers/": "numbers/", "number/": "numbers/"} {
		if name, ok := strings.CutPrefix(path, prefix); ok {
			o.name, o.path = raw[len(prefix):], kind+name
			if !searchNamePattern.MatchString(o.name) {
				return operand{}, p.fail("%q is not an attribute name", o.name)
			}
		}
	}
	if o.name == "" && !slices.Contains(sessionNumbers, path) && !slices.Contains(sessionStrings, path) {
		return operand{}, p.fail("%q is not something a filter can compare (strings/<name>, numbers/<name>, session/membersCount, …)", raw)
	}
	p.pos++
	if lower {
		if o.numeric() {
			return operand{}, p.fail("tolower takes a string, not %s", raw)
		}
		if err := p.expect(")"); err != nil {
			return operand{}, err
		}
	}
	return o, nil
}

// operator reads a comparison operator: eq or ne only when onlyEquality.
func (p *filterParser) operator(onlyEquality bool) (string, error) {
	if p.pos < len(p.toks) && !p.toks[p.pos].str {
		op := strings.ToLower(p.toks[p.pos].text)
		if op == "eq" || op == "ne" || !onlyEquality && slices.Contains([]string{"gt", "ge", "lt", "le"}, op) {
			p.pos++
			return op, nil
		}
	}
	if onlyEquality {
		return "", p.fail("expected eq or ne")
	}
	return "", p.fail("expected eq, ne, gt, ge, lt or le")
}

// lambda reads list/any(d:d op 'v') or list/any(d:tolower(d) op 'v'), then maybe eq|ne true|false.
func (p *filterParser) lambda() (filterNode, error) {
	raw := p.toks[p.pos].text
	list := strings.TrimSuffix(strings.ToLower(raw), "/any")
	if !slices.Contains(filterLists, list) {
		return nil, p.fail("%q is not a list a filter can search (tags, session/keywords, session/memberXuids, session/ownerXuids)", raw)
	}
	p.pos++
	if err := p.expect("("); err != nil {
		return nil, err
	}
	if p.pos >= len(p.toks) || p.toks[p.pos].str || p.toks[p.pos].number || !searchNamePattern.MatchString(p.toks[p.pos].text) {
		return nil, p.fail("expected the lambda's variable")
	}
	v := p.toks[p.pos].text
	p.pos++
	if err := p.expect(":"); err != nil {
		return nil, err
	}
	n := anyNode{list: list, lower: p.peekWord("tolower")}
	if n.lower {
		p.pos++
		if err := p.expect("("); err != nil {
			return nil, err
		}
	}
	if !p.peekWord(v) {
		return nil, p.fail("expected the lambda's variable %s", v)
	}
	p.pos++
	if n.lower {
		if err := p.expect(")"); err != nil {
			return nil, err
		}
	}
	op, err := p.operator(true)
	if err != nil {
		return nil, err
	}
	n.op = op
	if p.pos >= len(p.toks) || !p.toks[p.pos].str {
		return nil, p.fail("expected a quoted string")
	}
	n.literal = p.toks[p.pos].text
	p.pos++
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	if p.peekWord("eq") || p.peekWord("ne") { // any(...) eq true, as MPSD's examples write it
		ne := p.peekWord("ne")
		p.pos++
		switch {
		case p.peekWord("true"):
			n.negate = ne
		case p.peekWord("false"):
			n.negate = !ne
		default:
			return nil, p.fail("expected true or false")
		}
		p.pos++
	}
	return n, nil
}
