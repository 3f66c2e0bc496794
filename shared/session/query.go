package session

import (
	"slices"
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
)

// Query is a SessionsQuery (GET /serviceconfigs/{scid}/sessions): sessions with Player as a
// member, or with Keyword, at least one of them. By default only active members match and
// private sessions are left out; Inactive adds accepted members who are not active (ready ones
// included), Reservations adds reserved ones, Private adds private sessions (and needs the
// caller to be Player, or a server principal). Take is 0 to 100.
type Query struct {
	Player       string
	Keyword      string
	Private      bool
	Reservations bool
	Inactive     bool
	Visibility   string // "open" or "private": only sessions of that visibility; empty: any it may see
	Take         int
}

// MaxTake is the largest (and default) take. MaxQueryBytes bounds the stored sessions a query
// reads (newest first): it answers from those, so that a query over large sessions stays cheap.
const (
	MaxTake       = 100
	MaxQueryBytes = 2 << 20
)

// Authorize applies the query's access rule for caller.
func (q Query) Authorize(c Caller) error {
	if q.Player == "" && q.Keyword == "" {
		return errs.E(errs.Invalid, "xuid", "a query needs xuid or keyword")
	}
	if (q.Private || q.Reservations) && !c.Server && q.Player != c.ID {
		return errs.E(errs.Permission, "private", "private=true and reservations=true need xuid to be your own player ID (or a server principal)")
	}
	return nil
}

// indexKey is how the store indexes a member for queries: "<status>|<privacy>|<player>".
func indexKey(st Status, private bool, player string) string {
	scope := "public"
	if private {
		scope = "private"
	}
	if st == Ready {
		st = Inactive
	}
	return string(st) + "|" + scope + "|" + player
}

// MemberKeys are the session's member index entries (stored for queries).
func (s *Session) MemberKeys() []string {
	out := []string{}
	for _, m := range s.Members {
		out = append(out, indexKey(m.Status(), s.Visibility() == "private", m.Player))
	}
	return out
}

// KeywordKeys are the session's keyword index entries (private sessions have none).
func (s *Session) KeywordKeys() []string {
	if s.Visibility() == "private" {
		return []string{}
	}
	return append([]string{}, s.Keywords()...)
}

// PlayerKeys are the member index entries a player query looks for.
func (q Query) PlayerKeys() []string {
	statuses := []Status{Active}
	if q.Inactive {
		statuses = append(statuses, Inactive)
	}
	if q.Reservations {
		statuses = append(statuses, Reserved)
	}
	var out []string
	for _, st := range statuses {
		out = append(out, indexKey(st, false, q.Player))
		if q.Private {
			out = append(out, indexKey(st, true, q.Player))
		}
	}
	return out
}

// Matches re-checks a stored session against the query after its timers are brought up to
// date at now (a member whose reservation ran out no longer matches).
func (q Query) Matches(s *Session, now time.Time) (*Session, bool) {
	s, ok := current(s, now)
	if !ok || !q.matches(s) {
		return nil, false
	}
	return s, true
}

// current is a copy of a stored session with its timers brought up to date at now; false when
// they end it.
func current(s *Session, now time.Time) (*Session, bool) {
	s = s.Clone()
	if _, gone := s.evaluate(now); gone {
		return nil, false
	}
	return s, true
}

// matches checks a session whose timers are up to date against the query.
func (q Query) matches(s *Session) bool {
	if s.Visibility() == "private" && !q.Private || q.Visibility != "" && s.Visibility() != q.Visibility {
		return false
	}
	if q.Keyword != "" && !slices.Contains(s.Keywords(), strings.ToLower(q.Keyword)) {
		return false
	}
	if q.Player != "" {
		m := s.Member(q.Player)
		if m == nil || !slices.Contains(q.PlayerKeys(), indexKey(m.Status(), s.Visibility() == "private", m.Player)) {
			return false
		}
	}
	return true
}

// Result is one query result item as MPSD renders it.
func (q Query) Result(s *Session) map[string]any {
	vis := s.Visibility()
	if s.full() && vis != "private" {
		vis = "full"
	}
	accepted := 0
	for _, m := range s.Members {
		if !m.Reserved {
			accepted++
		}
	}
	out := map[string]any{
		"startTime":  FormatTime(s.StartTime),
		"sessionRef": map[string]any{"scid": s.Ref.SCID, "templateName": s.Ref.Template, "name": s.Ref.Name},
		"accepted":   accepted, "visibility": vis, "keywords": s.Keywords(),
	}
	if jr := s.restriction("joinRestriction"); jr != "none" && (vis == "open" || vis == "full") {
		out["joinRestriction"] = jr
	}
	if q.Player != "" {
		out["xuid"] = q.Player
		if m := s.Member(q.Player); m != nil {
			out["status"] = string(m.Status())
			if m.Status() == Ready {
				out["status"] = string(Inactive)
			}
			out["myTurn"] = slices.Contains(s.Turn(), m.Index)
		}
	}
	return out
}
