package session

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// TestSearchByID: GET /handles/{id} finds a search handle only in the live session that holds
// it, rendered as the official client's searchHandlesResponseJson shows a handle without what a
// query may include; DELETE /handles/{id} is for who may make it, and leaves the document's
// changeNumber.
func TestSearchByID(t *testing.T) {
	const id = "7a4d0a99-4e23-4eba-9894-5173cf123fb4"
	tpl := template(t, searchableTemplate)
	s := must(t, nil, tpl, ana, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`, t0).Session
	s = must(t, s, nil, ben, `{"members":{"me":{"properties":{"system":{"active":true}}}},"properties":{"custom":{"a":1}}}`, t0).Session
	s = must(t, s, nil, ana, `{"members":{"reserve_0":{"constants":{"system":{"xuid":"cal"}}}}}`, t0).Session
	sh, err := DecodeSearchHandle(searchBody(t))
	require.NoError(t, err)
	res, err := SetSearch(s, *sh, id, ana, t0, "app")
	require.NoError(t, err)
	held := res.Session
	owned := must(t, held, nil, ana, `{"properties":{"system":{"owners":[0]}}}`, t0).Session
	owned.Constants.System["capabilities"] = map[string]any{"searchable": true, "hasOwners": true}
	left := must(t, held, nil, ana, `{"members":{"me":null}}`, t0).Session
	left = must(t, left, nil, ben, `{"members":{"me":null}}`, t0).Session // only the reservation is left

	found, err := FindSearch(held, id, t0)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(js(found.RenderSearch("dan", nil))), &got))
	var want struct{ Results []map[string]any }
	require.NoError(t, json.Unmarshal(vectors(t, "Multiplayer.json")["searchHandlesResponseJson"], &want))
	handle := want.Results[0]
	for _, k := range SearchIncludes {
		delete(handle, k)
	}
	assert.Equal(t, keysOf(handle), keysOf(got), "the vector's handle fields")
	assert.Equal(t, js(handle["searchAttributes"]), js(got["searchAttributes"]))

	for _, c := range []struct {
		name   string
		stored *Session
		id     string
		at     time.Time
		kind   errs.Kind // of GET's answer; 0: found
	}{
		{"held", held, id, t0, 0},
		{"another ID", held, "00000000-0000-0000-0000-000000000001", t0, errs.NotFound},
		{"no session", nil, id, t0, errs.NotFound},
		{"its session ended (the last reservation timed out)", left, id, t0.Add(time.Hour), errs.NotFound},
	} {
		_, err := FindSearch(c.stored, c.id, c.at)
		if c.kind == 0 {
			assert.NoError(t, err, c.name)
		} else {
			assert.True(t, errs.Is(err, c.kind), "%s: %v", c.name, err)
		}
	}

	for _, c := range []struct {
		name   string
		stored *Session
		c      Caller
		kind   errs.Kind // of DELETE's answer; 0: deleted
	}{
		{"its maker", held, ana, 0},
		{"another member", held, ben, 0},
		{"a reserved player", held, cal, errs.Permission},
		{"a stranger", held, Caller{ID: "dan"}, errs.Permission},
		{"a server principal", held, server, 0},
		{"an owner", owned, ana, 0},
		{"a member who is no owner", owned, ben, errs.Permission},
		{"no session", nil, ana, errs.NotFound},
	} {
		res, err := ClearSearch(c.stored, id, c.c, t0, "app")
		if c.kind != 0 {
			assert.True(t, errs.Is(err, c.kind), "%s: %v", c.name, err)
			continue
		}
		if assert.NoError(t, err, c.name) {
			assert.Nil(t, res.Session.Search, c.name)
			assert.True(t, res.Changed, c.name)
			assert.Equal(t, c.stored.ChangeNumber, res.Session.ChangeNumber, "%s: no change of the document", c.name)
			assert.NotNil(t, c.stored.Search, "%s: the stored session is not changed in place", c.name)
		}
	}
	_, err = ClearSearch(held, "00000000-0000-0000-0000-000000000001", ana, t0, "app")
	assert.True(t, errs.Is(err, errs.NotFound), "a handle the session no longer holds: %v", err)
}

// TestActivityByID: GET and DELETE /handles/{id} reach an activity only while it holds; DELETE
// is for its owner and server principals.
func TestActivityByID(t *testing.T) {
	tpl := template(t, openTemplate)
	s := must(t, nil, tpl, ana, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`, t0).Session
	s = must(t, s, nil, ben, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`, t0).Session
	a, err := s.SetActivity("a1", ana, t0)
	require.NoError(t, err)
	later := t0.Add(time.Second)
	inactive := must(t, s, nil, ana, `{"members":{"me":{"properties":{"system":{"active":false}}}}}`, later).Session
	anew := s.Clone()
	anew.Branch = "another"
	for _, c := range []struct {
		name       string
		s          *Session
		c          Caller
		find, drop errs.Kind // of GET's and DELETE's answers; 0: read, deleted
	}{
		{"its owner", s, ana, 0, 0},
		{"another member", s, ben, 0, errs.Permission},
		{"a stranger", s, Caller{ID: "dan"}, 0, errs.Permission},
		{"a server principal", s, server, 0, 0},
		{"its owner went inactive", inactive, ana, errs.NotFound, errs.NotFound},
		{"its session was made anew", anew, ana, errs.NotFound, errs.NotFound},
		{"its session is gone", nil, ana, errs.NotFound, errs.NotFound},
	} {
		fresh := func() *Session { // each check brings its own copy up to date, as each call reads one
			if c.s == nil {
				return nil
			}
			return c.s.Clone()
		}
		for verb, check := range map[string]struct {
			err  error
			want errs.Kind
		}{"GET": {a.Find(fresh(), later), c.find}, "DELETE": {a.Delete(c.c, fresh(), later), c.drop}} {
			if check.want == 0 {
				assert.NoError(t, check.err, "%s %s", verb, c.name)
			} else {
				assert.True(t, errs.Is(check.err, check.want), "%s %s: %v", verb, c.name, check.err)
			}
		}
	}
	var vector map[string]any
	require.NoError(t, json.Unmarshal(officialActivity(t, "activityJson"), &vector))
	for k := range vector {
		assert.Contains(t, a.Render(), k, "the official client's activityJson")
	}
}
