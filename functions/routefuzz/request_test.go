package routefuzz_test

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/ids"
)

// input is one fuzz input. Placeholders ({{ben}}, {{room1}}, {{now}}: see world) in the
// parameters, query, headers and body are replaced by their values before the request is sent.
type input struct {
	route   string // a route's name; any other text picks a route by its hash, so that mutations still reach one
	caller  uint8  // an index into the world's callers, modulo their number
	params  string // the path parameters' values in path order, separated by "/"; the ones left out get their default
	query   string // the raw query string
	headers string // lines "Name: value", sent after the defaults; an empty value removes the header
	body    []byte
}

// request is an input made into the request to send.
type request struct {
	route  functions.Route
	caller caller
	path   string
	query  string
	header http.Header
	body   []byte
	// addressed are the world's resources the path names; named adds those the rest names.
	addressed, named map[string]bool
}

// defaults are the path parameters' values when an input leaves them out: real resources, so that
// a mutated body or query reaches the rules behind the lookups. A parameter not listed here (a new
// route's) gets "x".
var defaults = map[string]string{
	"roomId": "{{room0}}", "matchId": "{{match0}}", "scid": "{{scid}}", "template": "{{template0}}", "name": "{{session0}}",
	"index": "1", "server": "server", "handleId": "{{handle0}}", "id": "{{note0}}",
}

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

// request makes in into a request: the route and caller it picks, the path with the parameters
// filled in (each escaped as one path segment), the query with what may not travel in a request
// line escaped, and the headers a client may send.
func (w *world) request(in input) request {
	req := request{route: w.pick(in.route), caller: w.callers[int(in.caller)%len(w.callers)],
		addressed: map[string]bool{}, named: map[string]bool{}}
	req.header = headerFor(req.caller)
	var values []string
	if in.params != "" {
		values = strings.Split(in.params, "/")
	}
	i := 0
	req.path = pathParam.ReplaceAllStringFunc(req.route.Path, func(p string) string {
		name := strings.Trim(p, "{}")
		v, ok := defaults[name]
		if !ok {
			v = "x"
		}
		if i < len(values) {
			v = values[i]
		}
		i++
		return url.PathEscape(w.expand(v, req.addressed))
	})
	req.query = escapeQuery(w.expand(in.query, req.named))
	for _, line := range strings.Split(w.expand(in.headers, req.named), "\n") {
		name, value, ok := strings.Cut(line, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || !validHeader(name, value) {
			continue
		}
		if value == "" {
			req.header.Del(name)
		} else {
			req.header.Set(name, value)
		}
	}
	req.body = []byte(w.expand(string(in.body), req.named))
	for r := range req.addressed {
		req.named[r] = true
	}
	return req
}

// pick is the route named name, or else one chosen by its hash.
func (w *world) pick(name string) functions.Route {
	for _, rt := range w.routes {
		if rt.Name == name {
			return rt
		}
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	return w.routes[int(h.Sum32()%uint32(len(w.routes)))]
}

// escapeQuery escapes the bytes a request line cannot carry (controls, spaces, non-ASCII) and
// '#', which would end the URL's query; everything else, malformed escapes included, goes as is.
func escapeQuery(q string) string {
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		if c := q[i]; c <= ' ' || c >= 0x7f || c == '#' {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// validHeader reports whether a client can send the header at all: a name of token characters
// and a value without control characters (Go's client refuses the request otherwise).
func validHeader(name, value string) bool {
	if name == "" {
		return false
	}
	for _, c := range []byte(name) {
		if c <= ' ' || c >= 0x7f || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, rune(c)) {
			return false
		}
	}
	for _, c := range []byte(value) {
		if c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// expand replaces the placeholders in s with their values, and records in used the resources it
// named. Besides the world's values and resources, {{now}} and {{hourAgo}} are times in Unix
// milliseconds and {{unique}} is new each time (a name no session has yet).
func (w *world) expand(s string, used map[string]bool) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	now := time.Now()
	pairs := []string{"{{now}}", fmt.Sprint(now.UnixMilli()), "{{hourAgo}}", fmt.Sprint(now.Add(-time.Hour).UnixMilli()),
		"{{unique}}", ids.Random()[:12]}
	for k, v := range w.values {
		pairs = append(pairs, "{{"+k+"}}", v)
	}
	for k, r := range w.res {
		if strings.Contains(s, "{{"+k+"}}") && used != nil {
			used[k] = true
		}
		pairs = append(pairs, "{{"+k+"}}", r.id)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}
