package budget

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/testenv"
)

// Search handles: the largest handle has every attribute at its bounds; the worst query reads
// session.MaxSearchBytes of the largest sessions, each with a search handle that matches, and
// answers them all (their custom properties rendered).

func init() {
	sessionCases["SessionHandlesQuery"] = func(f *fixture) []call {
		owner, _, _, _ := f.sessionCast()
		names := f.sessions()
		f.parallel(len(names), func(i int) { f.do(f.searchHandle(owner, names[i]), nil) })
		query := body(f.t, map[string]any{"type": "search", "scid": f.scid(), "templateName": "budget",
			"filter": "session/membersCount ge 0 and tags/any(d:tolower(d) ne 'none')", "orderBy": "numbers/n0" + strings.Repeat("x", 90) + " desc, strings/s0" + strings.Repeat("x", 90)})
		return calls(concurrency, func(int) call { return call{http.MethodPost, "/handles/query", owner.Token, query} })
	}
}

// searchHandle is the largest search handle of session name, made by its owner.
func (f *fixture) searchHandle(owner testenv.Player, name string) call {
	tags := make([]string, session.MaxSearchTags)
	strs, numbers := map[string]any{}, map[string]any{}
	for i := range tags {
		tags[i] = fmt.Sprintf("t%02d", i) + strings.Repeat("x", 96)
	}
	for i := range session.MaxSearchStrings {
		strs[fmt.Sprintf("s%d", i)+strings.Repeat("x", 90)] = text(session.MaxSearchStringBytes)
	}
	for i := range session.MaxSearchNumbers {
		numbers[fmt.Sprintf("n%d", i)+strings.Repeat("x", 90)] = 1.2345678901234567e300
	}
	return call{http.MethodPost, "/handles", owner.Token, body(f.t, map[string]any{"type": "search", "version": 1,
		"sessionRef":       map[string]any{"scid": f.scid(), "templateName": "budget", "name": name},
		"searchAttributes": map[string]any{"tags": tags, "strings": strs, "numbers": numbers}})}
}
