package budget

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/testenv"
)

// Search handles: the worst query reads session.MaxSearchBytes of the largest sessions, each with
// a search handle that matches, and answers them all with everything included (their custom properties rendered). A handle
// is stored in its session's document, within the session's size bounds: the largest sessions
// take a handle of one attribute of each kind, and a session's size is what a query holds,
// however it is split between the session and its handle.

func init() {
	sessionCases["SessionHandlesQuery"] = func(f *fixture) []call {
		owner, _, _, _ := f.sessionCast()
		names := f.sessions()
		f.parallel(len(names), func(i int) { f.do(f.searchHandle(owner, names[i]), nil) })
		query := body(f.t, map[string]any{"type": "search", "scid": f.scid(), "templateName": "budget",
			"filter": "session/membersCount ge 0 and tags/any(d:tolower(d) ne 'none')", "orderBy": "numbers/n0 desc, strings/s0"})
		return calls(concurrency, func(int) call {
			return call{http.MethodPost, "/handles/query?include=relatedInfo,customProperties,roleInfo", owner.Token, query}
		})
	}
}

// searchHandle is a search handle of session name, made by its owner: a tag, a string at its
// longest and a number.
func (f *fixture) searchHandle(owner testenv.Player, name string) call {
	return call{http.MethodPost, "/handles", owner.Token, body(f.t, map[string]any{"type": "search", "version": 1,
		"sessionRef": map[string]any{"scid": f.scid(), "templateName": "budget", "name": name},
		"searchAttributes": map[string]any{"tags": []string{"t0"}, "strings": map[string]any{"s0": text(session.MaxSearchStringBytes)},
			"numbers": map[string]any{"n0": 1.2345678901234567e300}}})}
}
