package session

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// officialActivity is one of the official client's activity vectors, its made-up scid replaced
// by a GUID (OpenPlay's scids are GUIDs).
func officialActivity(t *testing.T, name string) []byte {
	raw, ok := vectors(t, "Multiplayer.json")[name]
	require.True(t, ok, name)
	return []byte(strings.ReplaceAll(string(raw), "MockScid", lobby.SCID))
}

// TestDecodeActivity: the official client's activity handle decodes; anything else is 400
// naming the field.
func TestDecodeActivity(t *testing.T) {
	ref, err := DecodeActivity(officialActivity(t, "activityJson"))
	require.NoError(t, err)
	assert.Equal(t, Ref{SCID: lobby.SCID, Template: "MockSessionTemplateName", Name: "XWIN_7ce12e85-594a-4b3b-9dc3-33b9a4ea57ce"}, ref)
	assert.Equal(t, "activity", HandleType(officialActivity(t, "activityJson")))
	ok := `"sessionRef":{"scid":"` + lobby.SCID + `","templateName":"lobby","name":"L1"}`
	for body, want := range map[string]string{
		`{"type":"activity","version":1}`:                           "sessionRef",
		`{"type":"activity","version":2,` + ok + `}`:                "version",
		`{"type":"activity",` + ok + `,"invitedXuid":"ben"}`:        "invitedXuid",
		`{"type":"activity","sessionRef":{"scid":"x","name":"L1"}}`: "sessionRef",
	} {
		_, err := DecodeActivity([]byte(body))
		if assert.True(t, errs.Is(err, errs.Invalid), "%s: %v", body, err) {
			assert.Equal(t, want, errField(err), body)
		}
	}
}

// TestDecodeActivityQuery: the official client's query for players decodes; its query for a
// social group is 400 naming owners.people (OpenPlay has no social graph).
func TestDecodeActivityQuery(t *testing.T) {
	q, err := DecodeActivityQuery(officialActivity(t, "activitiesForUserRequestJson"), "relatedInfo,customproperties")
	require.NoError(t, err)
	assert.Equal(t, ActivityQuery{SCID: lobby.SCID, Owners: []string{"1234"}, Include: []string{"relatedInfo", "customProperties"}}, q)
	_, err = DecodeActivityQuery(officialActivity(t, "activitiesForSocialGroupRequestJson"), "")
	if assert.True(t, errs.Is(err, errs.Invalid), "%v", err) {
		assert.Equal(t, "owners.people", errField(err))
		assert.Contains(t, err.Error(), "social graph")
	}
	q, err = DecodeActivityQuery([]byte(`{"type":"activity","scid":"`+lobby.SCID+`","owners":{"xuids":["ana","ben","ana"]}}`), "")
	require.NoError(t, err)
	assert.Equal(t, []string{"ana", "ben"}, q.Owners, "each owner once, in request order")
	scid := `"scid":"` + lobby.SCID + `"`
	eleven := `["a","b","c","d","e","f","g","h","i","j","k"]`
	for body, want := range map[string]string{
		`{"type":"activity","owners":{"xuids":["ana"]}}`:                     "scid",
		`{"type":"activity","scid":"MockScid","owners":{"xuids":["ana"]}}`:   "scid",
		`{"type":"activity",` + scid + `}`:                                   "owners",
		`{"type":"activity",` + scid + `,"owners":{"xuids":[]}}`:             "owners.xuids",
		`{"type":"activity",` + scid + `,"owners":{"xuids":` + eleven + `}}`: "owners.xuids",
		`{"type":"activity",` + scid + `,"owners":{"xuids":["a b"]}}`:        "owners.xuids[0]",
		`{"type":"activity",` + scid + `,"owners":{"xuids":["a"],"x":1}}`:    "owners.x",
		`{"type":"activity",` + scid + `,"owners":{"xuids":["a"]},"x":1}`:    "x",
	} {
		_, err := DecodeActivityQuery([]byte(body), "")
		if assert.True(t, errs.Is(err, errs.Invalid), "%s: %v", body, err) {
			assert.Equal(t, want, errField(err), body)
		}
	}
	_, err = DecodeActivityQuery(officialActivity(t, "activitiesForUserRequestJson"), "roleInfo")
	if assert.Error(t, err) {
		assert.Equal(t, "include", errField(err))
	}
}

// TestActivity: only an active member sets an activity; it is answered, in the shape of the
// official client's answer, while its owner stays an active member of that very session.
func TestActivity(t *testing.T) {
	tpl := template(t, openTemplate)
	s := must(t, nil, tpl, ana, `{"members":{"me":{"properties":{"system":{"active":true}}},"reserve_0":{"constants":{"system":{"xuid":"cal"}}}},
		"properties":{"custom":{"Map":"Helmand Valley"}}}`, t0).Session
	s = must(t, s, nil, ben, `{"members":{"me":{}}}`, t0).Session // joined, not active
	a, err := s.SetActivity("a1", ana, t0)
	require.NoError(t, err)
	for _, c := range []Caller{ben, cal, server, {ID: "dan"}} {
		_, err := s.SetActivity("a2", c, t0)
		assert.True(t, errs.Is(err, errs.Permission), "%s: %v", c.ID, err)
	}

	var vector struct {
		Results []map[string]any `json:"results"`
	}
	require.NoError(t, json.Unmarshal(officialActivity(t, "activitiesForUserResponseJson"), &vector))
	want := vector.Results[0]
	q := ActivityQuery{SCID: lobby.SCID, Owners: []string{"ana"}, Include: []string{"relatedInfo", "customProperties"}}
	got, ok := q.Result(a, s, t0)
	require.True(t, ok)
	assert.ElementsMatch(t, slices.DeleteFunc(slices.Collect(maps.Keys(want)), func(k string) bool { return k == "titleId" }), slices.Collect(maps.Keys(got)),
		"the official answer's fields but titleId")
	assert.ElementsMatch(t, slices.Collect(maps.Keys(want["relatedInfo"].(map[string]any))), slices.Collect(maps.Keys(got["relatedInfo"].(map[string]any))))
	assert.Equal(t, map[string]any{"visibility": "open", "joinRestriction": "none", "closed": false, "maxMembersCount": 4, "membersCount": 3},
		got["relatedInfo"])
	assert.JSONEq(t, `{"Map":"Helmand Valley"}`, string(got["customProperties"].(json.RawMessage)))
	got, ok = ActivityQuery{}.Result(a, s, t0)
	require.True(t, ok)
	assert.Equal(t, a.Render(), got, "nothing included")

	later := t0.Add(time.Second)
	inactive := must(t, s, nil, ana, `{"members":{"me":{"properties":{"system":{"active":false}}}}}`, later).Session
	again := must(t, inactive, nil, ana, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`, later).Session
	left := must(t, s, nil, ana, `{"members":{"me":null}}`, later).Session
	rejoined := must(t, left, nil, ana, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`, later).Session
	anew := s.Clone()
	anew.Branch = "another"
	for name, s := range map[string]*Session{"inactive": inactive, "active again": again, "left": left, "rejoined": rejoined, "made anew": anew, "gone": nil} {
		_, ok := q.Result(a, s, t0)
		assert.False(t, ok, name)
	}
}
