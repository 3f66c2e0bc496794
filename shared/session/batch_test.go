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

// TestDecodeBatch: {"xuids": [...]} of 1 to MaxBatchPlayers player IDs; anything else is 400
// naming the field.
func TestDecodeBatch(t *testing.T) {
	got, err := DecodeBatch([]byte(`{"xuids":["ana","ben","ana"]}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"ana", "ben", "ana"}, got, "in request order, duplicates kept")
	eleven := `["a","b","c","d","e","f","g","h","i","j","k"]`
	for body, want := range map[string]string{
		`{}`:                       "xuids",
		`{"xuids":[]}`:             "xuids",
		`{"xuids":"ana"}`:          "xuids",
		`{"xuids":` + eleven + `}`: "xuids",
		`{"xuids":["ana",1]}`:      "xuids[1]",
		`{"xuids":["ana","b n"]}`:  "xuids[1]",
		`{"xuids":[""]}`:           "xuids[0]",
		`{"xuids":["` + strings.Repeat("x", 129) + `"]}`: "xuids[0]",
		`{"xuids":["ana"],"take":1}`:                     "take",
		`{"":1}`:                                         `""`,
	} {
		_, err := DecodeBatch([]byte(body))
		if assert.True(t, errs.Is(err, errs.Invalid), "%s: %v", body, err) {
			assert.Equal(t, want, errField(err), body)
		}
	}
}

// TestBatch: each player's query has the options and the access rule of a query for that
// player; the sessions are filed per player in request order, up to each one's take, a session
// of two players under both; the member entries looked for are bounded.
func TestBatch(t *testing.T) {
	tpl := template(t, openTemplate)
	active := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	both := must(t, nil, tpl, ana, active, t0).Session
	both = must(t, both, nil, ben, active, t0).Session
	bens := must(t, nil, tpl, ben, active, t0).Session
	bens.Ref.Name = "L2"

	b, err := Query{Take: 1}.Batch([]string{"ben", "cal", "ana"}, cal)
	require.NoError(t, err)
	assert.Equal(t, []string{"active|public|ben", "active|public|cal", "active|public|ana"}, b.Keys())
	assert.True(t, b.Add(bens, t0), "ana and cal may take more")
	assert.True(t, b.Add(both, t0), "ana and ben took one each, cal may still take more")
	var got []string
	for _, r := range b.Results() {
		got = append(got, r["xuid"].(string)+":"+path(r, "sessionRef", "name").(string))
	}
	assert.Equal(t, []string{"ben:L2", "ana:L1"}, got, "grouped per player, take per player")

	b, err = Query{Take: 5}.Batch([]string{"ben", "ana", "ben"}, cal)
	require.NoError(t, err)
	b.Add(both, t0.Add(time.Second))
	assert.Len(t, b.Results(), 3, "a session of two players under both, and a player named twice twice")

	_, err = Query{Private: true, Take: 5}.Batch([]string{"ana", "ben"}, ana)
	assert.True(t, errs.Is(err, errs.Permission), "private=true for another player: %v", err)
	_, err = Query{Private: true, Take: 5}.Batch([]string{"ana", "ben"}, server)
	assert.NoError(t, err, "a server principal")
	ten := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	_, err = Query{Private: true, Reservations: true, Inactive: true, Take: 5}.Batch(ten, server)
	if assert.True(t, errs.Is(err, errs.Invalid), "60 member entries: %v", err) {
		assert.Equal(t, "xuids", errField(err))
		assert.Contains(t, err.Error(), "at most 5 players")
	}
	_, err = Query{Take: 5}.Batch(ten, server)
	assert.NoError(t, err, "ten players, one entry each")
}

// TestBatchResultShape: a batch result item has the fields of the official client's query
// result (defaultQuerySessionsResponse), joinRestriction only for a restricted session.
func TestBatchResultShape(t *testing.T) {
	var vector struct {
		Results []map[string]any `json:"results"`
	}
	require.NoError(t, json.Unmarshal(vectors(t, "Multiplayer.json")["defaultQuerySessionsResponse"], &vector))
	require.Len(t, vector.Results, 1)
	s := must(t, nil, template(t, openTemplate), ana, `{"members":{"me":{"properties":{"system":{"active":true}}}},
		"properties":{"system":{"keywords":["one"],"joinRestriction":"local"}}}`, t0).Session
	b, err := Query{Take: 1}.Batch([]string{"ana"}, ana)
	require.NoError(t, err)
	b.Add(s, t0)
	require.Len(t, b.Results(), 1)
	assert.ElementsMatch(t, slices.Collect(maps.Keys(vector.Results[0])), slices.Collect(maps.Keys(b.Results()[0])))
}
