package session

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// TestSearchInclude: a search result carries the handle and only what ?include= names of
// relatedInfo, customProperties and roleInfo (in any case, each once); a value a search does not
// take is 400 naming include, and so is roleInfo for an activity query.
func TestSearchInclude(t *testing.T) {
	s := must(t, nil, template(t, searchableTemplate), ana,
		`{"properties":{"custom":{"GameMode":"Team Assault"}},"members":{"me":{"roles":{"lfg":"friend"}}}}`, t0).Session
	sh, err := DecodeSearchHandle(searchBody(t))
	require.NoError(t, err)
	res, err := SetSearch(s, *sh, "7a4d0a99-4e23-4eba-9894-5173cf123fb4", ana, t0, "app")
	require.NoError(t, err)
	body := []byte(`{"type":"search","scid":"` + lobby.SCID + `","templateName":"lobby"}`)
	handle := []string{"createTime", "id", "searchAttributes", "sessionRef", "type", "version"}
	for _, c := range []struct {
		include string
		extra   []string // the fields a result adds to the handle's
		field   string   // the field a refusal names
	}{
		{include: ""},
		{include: "relatedInfo", extra: []string{"relatedInfo"}},
		{include: "customProperties", extra: []string{"customProperties"}},
		{include: "roleInfo", extra: []string{"roleInfo"}},
		{include: "RELATEDINFO, roleinfo,relatedInfo", extra: []string{"relatedInfo", "roleInfo"}},
		{include: "relatedInfo,customProperties,roleInfo", extra: []string{"customProperties", "relatedInfo", "roleInfo"}},
		{include: ",", extra: nil},
		{include: "activityInfo", field: "include"},
		{include: "relatedInfo,members", field: "include"},
	} {
		q, err := DecodeSearchQuery(body, c.include)
		if c.field != "" {
			if assert.True(t, errs.Is(err, errs.Invalid), "%q: %v", c.include, err) {
				assert.Equal(t, c.field, errField(err), c.include)
			}
			continue
		}
		require.NoError(t, err, c.include)
		r := q.Results("ana")
		r.Add(res.Session)
		list := r.List()
		require.Len(t, list, 1)
		var got map[string]any
		require.NoError(t, json.Unmarshal(list[0], &got))
		want := append(append([]string{}, handle...), c.extra...)
		assert.ElementsMatch(t, want, keysOf(got), "include=%q", c.include)
	}
	_, err = DecodeActivityQuery([]byte(`{"type":"activity","scid":"`+lobby.SCID+`","owners":{"xuids":["ana"]}}`), "roleInfo")
	assert.Equal(t, "include", errField(err), "an activity has no roles to include")
}
