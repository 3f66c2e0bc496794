package session

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// browsed is a searchable session of ana (an owner) and ben with the official client's search
// attributes (tags micsrequired and girlsonly, strings Class A, numbers Skill_D 10.145 and
// Skill_I 14) and the keyword Level2.
func browsed(t testing.TB) *Session {
	t.Helper()
	tpl := template(t, `{"constants":{"system":{"maxMembersCount":6,"inactiveRemovalTimeout":null,"capabilities":{"searchable":true,"hasOwners":true}}}}`)
	s := must(t, nil, tpl, ana, `{"properties":{"system":{"owners":[0],"keywords":["Level2"]}},"members":{"me":{}}}`, t0).Session
	s = must(t, s, nil, ben, `{"members":{"me":{}}}`, t0).Session
	sh, err := DecodeSearchHandle(searchBody(t))
	require.NoError(t, err)
	res, err := SetSearch(s, *sh, "h1", ana, t0, "app")
	require.NoError(t, err)
	return res.Session
}

// TestFilter evaluates MPSD's documented filter forms (docs/mpsd.md §11.1) against one handle.
func TestFilter(t *testing.T) {
	s := browsed(t)
	cases := []struct {
		filter string
		want   bool
	}{
		{``, true},
		{`numbers/Skill_I eq 14`, true},
		{`numbers/skill_i eq 14`, true}, // names in any case
		{`numbers/Skill_I ne 14`, false},
		{`numbers/Skill_D gt 10.1`, true},
		{`numbers/Skill_D ge 10.145`, true},
		{`numbers/Skill_D lt 10.145`, false},
		{`numbers/Skill_D le 10.145`, true},
		{`numbers/rank ne 0`, true}, // a missing attribute is not equal to anything
		{`numbers/rank eq 0`, false},
		{`numbers/rank lt 0`, false},
		{`number/Skill_I eq 14`, true}, // MPSD's own example says number/
		{`strings/Class eq 'A'`, true},
		{`strings/Class eq 'a'`, false},
		{`tolower(strings/Class) eq 'a'`, true},
		{`tolower(strings/Class) ne 'b'`, true},
		{`tolower(strings/Other) ne 'b'`, true},
		{`strings/Class lt 'B'`, true},
		{`string/class eq 'A'`, true},
		{`tags/any(d:tolower(d) eq 'micsrequired')`, true},
		{`tags/any(d:d eq 'MICSREQUIRED')`, false},
		{`tags/any(d:tolower(d) eq 'casual')`, false},
		{`tags/any(d:tolower(d) ne 'cursingallowed')`, true}, // MPSD: does not contain the tag
		{`tags/any(d:tolower(d) ne 'girlsonly')`, false},
		{`tags/any(d:tolower(d) eq 'girlsonly') eq true and numbers/Skill_I eq 14`, true},
		{`tags/any(d:tolower(d) eq 'girlsonly') eq false`, false},
		{`tags/any(x:tolower(x) eq 'casual') ne true`, true},
		{`session/memberXuids/any(d:d eq 'ben')`, true},
		{`session/memberXuids/any(d:d eq 'cal')`, false},
		{`session/ownerXuids/any(d:d eq 'ana')`, true},
		{`session/ownerXuids/any(d:d eq 'ben')`, false},
		{`session/keywords/any(d:tolower(d) eq 'level2')`, true},
		{`session/membersCount eq 2`, true},
		{`session/maxMembersCount lt 3`, false},
		{`session/maxMembersCountRemaining gt 2`, true},
		{`session/templateName eq 'lobby'`, true},
		{`session/scid eq '` + lobby.SCID + `'`, true},
		{`session/postedTime lt '2026-01-02T03:04:06.0000000Z'`, true},
		{`session/postedTime lt '2026-01-02T03:04:05.0000000Z'`, false},
		{`numbers/Skill_I eq 1 or numbers/Skill_I eq 14`, true},
		{`numbers/Skill_I eq 1 or numbers/Skill_I eq 2`, false},
		{`numbers/Skill_I eq 14 and numbers/Skill_D eq 1`, false},
		// and binds tighter than or: true or (false and false)
		{`numbers/Skill_I eq 14 or numbers/Skill_I eq 1 and numbers/Skill_D eq 1`, true},
		{`(numbers/Skill_I eq 14 or numbers/Skill_I eq 1) and numbers/Skill_D eq 1`, false},
		{`tags/any(a:tolower(a) eq 'elite') or number/Skill_I gt 13 and string/Class eq 'A'`, true},
		{`((numbers/Skill_I eq 14))`, true},
		{`strings/Class eq 'it''s'`, false},
		{`NUMBERS/Skill_I EQ 14 AND tolower(strings/Class) Eq 'a'`, true},
		{`numbers/Skill_I eq -14`, false},
		{`numbers/Skill_I eq 1.4e1`, true},
	}
	for _, c := range cases {
		f, err := ParseFilter(c.filter)
		require.NoError(t, err, c.filter)
		assert.Equal(t, c.want, f.Matches(s), c.filter)
	}
}

// TestFilterRefused: a filter the grammar does not read is a 400 naming filter, where and why.
func TestFilterRefused(t *testing.T) {
	cases := []struct{ filter, fragment string }{
		{`numbers/x`, "expected eq, ne, gt, ge, lt or le"},
		{`numbers/x eq 'a'`, "is a number"},
		{`strings/x eq 1`, "is a string"},
		{`strings/x like 'a'`, "expected eq"},
		{`tolower(numbers/x) eq 1`, "tolower takes a string"},
		{`tags/any(d:d gt 'a')`, "expected eq or ne"},
		{`tags/any(d:e eq 'a')`, "lambda's variable d"},
		{`tags/any(d:d eq 1)`, "quoted string"},
		{`achievementIds/any(d:d eq '1')`, "not a list"},
		{`language eq 'en'`, "not something a filter can compare"},
		{`session/roles/lfg/confirmed/count eq 5`, "not something a filter can compare"},
		{`strings/1x eq 'a'`, "not an attribute name"},
		{`numbers/x eq 1 and`, "expected a comparison"},
		{`numbers/x eq 1 numbers/y eq 2`, "expected and, or or the end"},
		{`(numbers/x eq 1`, `expected ")"`},
		{`numbers/x eq 1)`, "expected and, or or the end"},
		{`strings/x eq 'a`, "does not end"},
		{`numbers/x eq 1e999`, "not a number"},
		{`numbers/x eq 1 & numbers/y eq 2`, "unexpected"},
		{`not numbers/x eq 1`, "not something a filter can compare"},
		{strings.Repeat("(", MaxFilterDepth+1) + `numbers/x eq 1` + strings.Repeat(")", MaxFilterDepth+1), "nest more than"},
		{strings.Repeat(`numbers/x eq 1 or `, MaxFilterTerms) + `numbers/x eq 1`, "more than 64 terms"},
		{strings.Repeat(" ", MaxFilterBytes+1), "at most"},
	}
	for _, c := range cases {
		_, err := ParseFilter(c.filter)
		require.Error(t, err, c.filter)
		assert.True(t, errs.Is(err, errs.Invalid), "%s: %v", c.filter, err)
		assert.Equal(t, "filter", errField(err), c.filter)
		assert.Contains(t, err.Error(), c.fragment, c.filter)
	}
}

// TestSearchQueryDecode: the official client's query vectors, and what OpenPlay refuses.
func TestSearchQueryDecode(t *testing.T) {
	v := vectors(t, "Multiplayer.json")
	withReal := func(name string) []byte {
		var q map[string]any
		require.NoError(t, json.Unmarshal(v[name], &q))
		// the vector's values are placeholders (MockScid, "SearchQuery", "OrderBy asc")
		q["scid"], q["filter"], q["orderBy"] = lobby.SCID, `numbers/Skill_I ge 10`, `numbers/Skill_D desc`
		raw, _ := json.Marshal(q)
		return raw
	}
	q, err := DecodeSearchQuery(withReal("searchHandlesRequestJson"), "")
	require.NoError(t, err)
	assert.Equal(t, lobby.SCID, q.SCID)
	assert.Equal(t, "GlobalLFGTemplate", q.Template)
	assert.True(t, q.Global)
	require.Len(t, q.Order, 1)
	assert.True(t, q.Order[0].Desc)
	assert.True(t, q.Filter.Matches(browsed(t)))

	_, err = DecodeSearchQuery(withReal("searchHandlesWithSocialGroupRequestJson"), "")
	require.True(t, errs.Is(err, errs.Invalid), "%v", err)
	assert.Equal(t, "sessionMembers.people", errField(err))
	assert.Contains(t, err.Error(), "social graph")

	_, err = DecodeSearchQuery(v["searchHandlesRequestJson"], "")
	assert.Equal(t, "filter", errField(err), "the vector's own placeholder filter, SearchQuery: %v", err)

	base := `"type":"search","scid":"` + lobby.SCID + `","templateName":"lobby"`
	cases := []struct{ body, field, fragment string }{
		{`{` + base + `,"filter":"numbers/x eq"}`, "filter", "expected a value"},
		{`{` + base + `,"filter":1}`, "filter", "string"},
		{`{` + base + `,"orderBy":"numbers/x sideways"}`, "orderBy", `expected ","`},
		{`{` + base + `,"orderBy":"tags asc"}`, "orderBy", "not something"},
		{`{` + base + `,"orderBy":"numbers/a,numbers/b,numbers/c,numbers/d,numbers/e"}`, "orderBy", "at most 4 keys"},
		{`{` + base + `,"global":"yes"}`, "global", "true or false"},
		{`{` + base + `,"sessionMembers":{}}`, "sessionMembers", "social graph"},
		{`{` + base + `,"owners":{"xuids":["a"]}}`, "owners", "not allowed in a search query"},
		{`{"type":"search","templateName":"lobby"}`, "scid", "names its service config"},
		{`{"type":"search","scid":"` + lobby.SCID + `"}`, "templateName", "names its session template"},
		{`{"type":"search","scid":"` + lobby.SCID + `","templateName":"a b"}`, "templateName", "not a valid name"},
	}
	for _, c := range cases {
		_, err := DecodeSearchQuery([]byte(c.body), "")
		require.Error(t, err, c.body)
		assert.True(t, errs.Is(err, errs.Invalid), "%s: %v", c.body, err)
		assert.Equal(t, c.field, errField(err), c.body)
		assert.Contains(t, err.Error(), c.fragment, c.body)
	}
}

// TestSearchResultsOrder: orderBy keys in order, missing values last, then newest first; at
// most MaxSearchResults.
func TestSearchResultsOrder(t *testing.T) {
	base := browsed(t)
	handle := func(id string, skill any, age int) *Session {
		s := base.Clone()
		search := *s.Search
		search.ID, search.Created, search.Numbers = id, t0.Add(-time.Minute*time.Duration(age)), map[string]float64{}
		if skill != nil {
			search.Numbers["skill"] = skill.(float64)
		}
		s.Search = &search
		return s
	}
	ids := func(list []json.RawMessage) []string {
		var out []string
		for _, raw := range list {
			var h struct{ ID string }
			require.NoError(t, json.Unmarshal(raw, &h))
			out = append(out, h.ID)
		}
		return out
	}
	for _, c := range []struct {
		orderBy string
		want    []string
	}{
		{``, []string{"new", "mid", "old", "none"}},
		{`numbers/skill`, []string{"mid", "new", "old", "none"}},
		{`numbers/skill desc`, []string{"new", "old", "mid", "none"}},
		{`numbers/skill asc, session/postedTime asc`, []string{"mid", "old", "new", "none"}},
	} {
		order, err := ParseOrderBy(c.orderBy)
		require.NoError(t, err, c.orderBy)
		r := (&SearchQuery{Order: order}).Results("ana")
		r.Add(handle("old", 5.0, 3))
		r.Add(handle("none", nil, 4))
		r.Add(handle("mid", 1.0, 2))
		r.Add(handle("new", 5.0, 1))
		assert.Equal(t, c.want, ids(r.List()), c.orderBy)
	}
	r := (&SearchQuery{}).Results("ana")
	for i := range 3 * MaxSearchResults {
		r.Add(handle("h"+string(rune('a'+i%26))+strings.Repeat("x", i/26), float64(i), i))
	}
	list := ids(r.List())
	require.Len(t, list, MaxSearchResults)
	assert.Equal(t, "ha", list[0], "the newest first")
}
