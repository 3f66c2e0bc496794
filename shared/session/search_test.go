package session

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// searchableTemplate is an open lobby of 10 that may have a search handle, with a role type.
const searchableTemplate = `{"constants":{"system":{"maxMembersCount":10,"inactiveRemovalTimeout":null,"capabilities":{"searchable":true}}},
	"roleTypes":{"lfg":{"roles":{"friend":{"max":5,"target":3},"other":{"max":5,"target":3}}}}}`

// searchBody is a search handle for lobby with the attributes of the official client's searchHandleJson.
func searchBody(t testing.TB) []byte {
	t.Helper()
	var h map[string]any
	require.NoError(t, json.Unmarshal(vectors(t, "Multiplayer.json")["searchHandleJson"], &h))
	h["sessionRef"] = map[string]any{"scid": lobby.SCID, "templateName": lobby.Template, "name": lobby.Name} // MockScid is no GUID
	raw, err := json.Marshal(h)
	require.NoError(t, err)
	return raw
}

// TestSearchHandleVector decodes the official client's searchHandleJson and renders the handle
// with every field of its searchHandlesResponseJson (values there are synthetic: the shape is
// what must match).
func TestSearchHandleVector(t *testing.T) {
	sh, err := DecodeSearchHandle(searchBody(t))
	require.NoError(t, err)
	assert.Equal(t, lobby, sh.Ref)
	assert.Equal(t, []string{"micsrequired", "girlsonly"}, sh.Search.Tags)
	assert.Equal(t, map[string]string{"Class": "A"}, sh.Search.Strings)
	assert.Equal(t, map[string]float64{"Skill_D": 10.145, "Skill_I": 14}, sh.Search.Numbers)

	s := must(t, nil, template(t, searchableTemplate), ana,
		`{"properties":{"system":{"owners":[0]},"custom":{"GameMode":"Team Assault"}},"members":{"me":{"roles":{"lfg":"friend"}}}}`, t0).Session
	res, err := SetSearch(s, *sh, "7a4d0a99-4e23-4eba-9894-5173cf123fb4", ana, t0, "app")
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(js(res.Session.RenderSearch("ana", SearchIncludes))), &got))
	var want struct{ Results []map[string]any }
	require.NoError(t, json.Unmarshal(vectors(t, "Multiplayer.json")["searchHandlesResponseJson"], &want))
	require.Len(t, want.Results, 1)
	assert.Equal(t, keysOf(want.Results[0]), keysOf(got), "the handle's fields")
	info := keysOf(want.Results[0]["relatedInfo"])
	for _, k := range info {
		if k != "sessionOwners" { // only with capabilities.hasOwners
			assert.Contains(t, keysOf(got["relatedInfo"]), k, "relatedInfo")
		}
	}
	assert.Equal(t, js(want.Results[0]["searchAttributes"]), js(got["searchAttributes"]))
	assert.Equal(t, "Team Assault", path(got, "customProperties", "GameMode"))
	assert.Equal(t, float64(1), path(got, "relatedInfo", "membersCount"))
	assert.Equal(t, float64(1), path(got, "roleInfo", "roleTypes", "lfg", "roles", "friend", "count"))
	assert.Equal(t, "7a4d0a99-4e23-4eba-9894-5173cf123fb4", rendered(t, res.Session, "ana")["searchHandle"], "the session names its handle")
}

func keysOf(v any) []string {
	m, _ := v.(map[string]any)
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestDecodeSearchHandle: every refusal is a 400 naming the field and the rule.
func TestDecodeSearchHandle(t *testing.T) {
	ref := `"sessionRef":{"scid":"` + lobby.SCID + `","templateName":"lobby","name":"L1"}`
	cases := []struct{ body, field, fragment string }{
		{`{"type":"search","version":1,` + ref + `,"searchAttributes":{"tags":["has space"]}}`, "searchAttributes.tags[0]", "no spaces"},
		{`{"type":"search","version":1,` + ref + `,"searchAttributes":{"tags":["1st"]}}`, "searchAttributes.tags[0]", "starts with a letter"},
		{`{"type":"search","version":1,` + ref + `,"searchAttributes":{"tags":["` + strings.Repeat("a", 100) + `"]}}`, "searchAttributes.tags[0]", "less than 100"},
		{`{"type":"search","version":1,` + ref + `,"searchAttributes":{"tags":"a"}}`, "searchAttributes.tags", "array"},
		{`{"type":"search","version":1,` + ref + `,"searchAttributes":{"strings":{"a b":"x"}}}`, "searchAttributes.strings.a b", "name"},
		{`{"type":"search","version":1,` + ref + `,"searchAttributes":{"strings":{"a":1}}}`, "searchAttributes.strings.a", "string"},
		{`{"type":"search","version":1,` + ref + `,"searchAttributes":{"strings":{"a":"` + strings.Repeat("x", MaxSearchStringBytes+1) + `"}}}`, "searchAttributes.strings.a", "at most"},
		{`{"type":"search","version":1,` + ref + `,"searchAttributes":{"numbers":{"a":"1"}}}`, "searchAttributes.numbers.a", "number"},
		{`{"type":"search","version":1,` + ref + `,"searchAttributes":{"numbers":{"a":1e400}}}`, "searchAttributes.numbers.a", "number"},
		{`{"type":"search","version":1,` + ref + `,"searchAttributes":{"numbers":{"a":1,"A":2}}}`, "searchAttributes.numbers.a", "case"},
		{`{"type":"search","version":1,` + ref + `,"searchAttributes":{"colors":{}}}`, "searchAttributes.colors", "tags, strings and numbers"},
		{`{"type":"search","version":1,` + ref + `,"searchAttributes":[]}`, "searchAttributes", "object"},
		{`{"type":"search","version":2,` + ref + `}`, "version", "1"},
		{`{"type":"search","version":1}`, "sessionRef", "names its session"},
		{`{"type":"search","version":1,"sessionRef":{"scid":"x","templateName":"lobby","name":"L1"}}`, "sessionRef", "GUID"},
		{`{"type":"search","version":1,` + ref + `,"invitedXuid":"ben"}`, "invitedXuid", "not allowed"},
	}
	for _, c := range cases {
		_, err := DecodeSearchHandle([]byte(c.body))
		require.Error(t, err, c.body)
		assert.True(t, errs.Is(err, errs.Invalid), "%s: %v", c.body, err)
		assert.Equal(t, c.field, errField(err), c.body)
		assert.Contains(t, err.Error(), c.fragment, c.body)
	}
	many := `{"type":"search","version":1,` + ref + `,"searchAttributes":{"tags":[` + strings.Repeat(`"t",`, MaxSearchTags) + `"t"]}}`
	_, err := DecodeSearchHandle([]byte(many))
	assert.Equal(t, "searchAttributes.tags", errField(err), "too many tags")
}

// TestSetSearch: who may give a session its search handle, and that a second one replaces the first.
func TestSetSearch(t *testing.T) {
	sh, err := DecodeSearchHandle(searchBody(t))
	require.NoError(t, err)
	join := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	searchable := must(t, nil, template(t, searchableTemplate), ana, join+``, t0).Session
	searchable = must(t, searchable, nil, ben, join, t0).Session
	searchable = must(t, searchable, nil, ana, `{"members":{"reserve_0":{"constants":{"system":{"xuid":"cal"}}}}}`, t0).Session
	owned := must(t, nil, template(t, `{"constants":{"system":{"inactiveRemovalTimeout":null,"capabilities":{"searchable":true,"hasOwners":true}}}}`),
		ana, `{"properties":{"system":{"owners":[0]}},"members":{"me":{}}}`, t0).Session
	owned = must(t, owned, nil, ben, join, t0).Session
	plain := must(t, nil, template(t, openTemplate), ana, join, t0).Session
	uas := must(t, nil, template(t, `{"constants":{"system":{"capabilities":{"searchable":true,"userAuthorizationStyle":true}}}}`), ana, join, t0).Session
	cases := []struct {
		name   string
		stored *Session
		caller Caller
		kind   errs.Kind
		frag   string
	}{
		{"a member", searchable, ben, 0, ""},
		{"a server principal", searchable, server, 0, ""},
		{"a stranger", searchable, Caller{ID: "dan"}, errs.Permission, "only members"},
		{"a reserved player", searchable, cal, errs.Permission, "only members"},
		{"an owner", owned, ana, 0, ""},
		{"a member who is not an owner", owned, ben, errs.Permission, "only an owner"},
		{"a session that is not searchable", plain, ana, errs.Invalid, "capabilities.searchable"},
		{"userAuthorizationStyle without hasOwners", uas, ana, errs.Invalid, "hasOwners"},
		{"no session", nil, ana, errs.NotFound, "no session"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := SetSearch(c.stored, *sh, "h1", c.caller, t0.Add(1), "app")
			if c.frag != "" {
				require.Error(t, err)
				assert.Equal(t, c.kind, errs.KindOf(err))
				assert.Equal(t, "sessionRef", errField(err))
				assert.Contains(t, err.Error(), c.frag)
				return
			}
			require.NoError(t, err)
			assert.True(t, res.Changed)
			assert.Equal(t, "h1", res.Session.Search.ID)
			assert.Equal(t, c.stored.ChangeNumber, res.Session.ChangeNumber, "the handle is no change of the document")
			assert.Nil(t, c.stored.Search, "the stored session is left as it was")
		})
	}
	t.Run("a second handle replaces the first", func(t *testing.T) {
		first, err := SetSearch(searchable, *sh, "h1", ana, t0, "app")
		require.NoError(t, err)
		second, err := SetSearch(first.Session, SearchHandle{Ref: lobby, Search: Search{Tags: []string{"x"}}}, "h2", ana, t0, "app")
		require.NoError(t, err)
		assert.Equal(t, "h2", second.Session.Search.ID)
		assert.Equal(t, []string{"x"}, second.Session.Search.Tags)
	})
	t.Run("a handle that would take the session over its size is 413", func(t *testing.T) {
		pad := map[string]string{} // the session just under its size, in strings of 15,000 bytes
		for i := range (MaxSessionBytes - 8<<10) / 15000 {
			pad[fmt.Sprintf("p%d", i)] = strings.Repeat("x", 15000)
		}
		raw, err := json.Marshal(map[string]any{"properties": map[string]any{"custom": pad}})
		require.NoError(t, err)
		full := must(t, searchable, nil, ana, string(raw), t0).Session
		big := SearchHandle{Ref: lobby, Search: Search{Strings: map[string]string{}}}
		for i := range 64 {
			big.Search.Strings[fmt.Sprintf("s%d", i)] = strings.Repeat("y", 256)
		}
		_, err = SetSearch(full, big, "h1", ana, t0, "app")
		require.Error(t, err)
		assert.Equal(t, errs.TooLarge, errs.KindOf(err))
		assert.Equal(t, "searchAttributes", errField(err))
		assert.Nil(t, full.Search, "the stored session is left as it was")
		_, err = SetSearch(full, *sh, "h1", ana, t0, "app")
		assert.NoError(t, err, "a small handle still fits")
	})
	t.Run("it goes with the session and survives a stored round trip", func(t *testing.T) {
		res, err := SetSearch(searchable, *sh, "h1", ana, t0, "app")
		require.NoError(t, err)
		raw, err := res.Session.Marshal()
		require.NoError(t, err)
		back, err := Unmarshal(raw)
		require.NoError(t, err)
		assert.Equal(t, res.Session.Search, back.Search)
		assert.Equal(t, strings.ToLower(lobby.SCID+"~lobby"), back.SearchKey())
		kept := must(t, back, nil, ben, `{"properties":{"custom":{"map":"x"}}}`, t0).Session
		assert.Equal(t, "h1", kept.Search.ID, "a write keeps the handle")
	})
}
