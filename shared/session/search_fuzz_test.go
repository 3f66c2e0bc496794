package session

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// FuzzParseFilter: any filter either parses into one that evaluates against a handle (the same
// way twice, never panicking) or is a 400 naming filter; the same for orderBy.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{``, `numbers/Skill_I eq 14`, `tolower(strings/Class) ne 'a'`, `tags/any(d:tolower(d) eq 'x') eq true and numbers/a gt -1.5`,
		`(session/membersCount lt 3 or session/memberXuids/any(d:d eq 'ana'))`, `strings/a eq 'it''s'`, `numbers/x eq 1e999`, `((((`, `'`, `numbers/a desc, strings/b`} {
		f.Add(s)
	}
	s := browsed(f)
	f.Fuzz(func(t *testing.T, src string) {
		filter, err := ParseFilter(src)
		if err != nil {
			require.Truef(t, errs.Is(err, errs.Invalid), "%q: %v is not a 400", src, err)
			require.Equalf(t, "filter", errField(err), "%q: %v does not name filter", src, err)
		} else {
			first := filter.Matches(s)
			require.Equalf(t, first, filter.Matches(s), "%q: evaluates two ways", src)
		}
		order, err := ParseOrderBy(src)
		if err != nil {
			require.Truef(t, errs.Is(err, errs.Invalid), "orderBy %q: %v is not a 400", src, err)
			require.Equalf(t, "orderBy", errField(err), "orderBy %q: %v does not name orderBy", src, err)
			return
		}
		r := (&SearchQuery{Order: order}).Results("ana")
		r.Add(s)
		r.Add(s)
		require.Lenf(t, r.List(), 2, "orderBy %q: lost a result", src)
	})
}
