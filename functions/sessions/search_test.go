package sessions_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/testenv"
)

// searchable is a session PUT that creates a searchable lobby with the caller active in it,
// custom properties and a keyword.
const searchable = `{"constants":{"system":{"capabilities":{"searchable":true}}},
	"properties":{"custom":{"mode":"ctf"}},"members":{"me":{"properties":{"system":{"active":true}}}}}`

// search makes the search handle of the session template/name as sender, with attributes
// (the JSON of searchAttributes), and returns the answer.
func (d *directory) search(status int, sender testenv.Player, template, name, attributes string, fragments ...string) answer {
	d.T.Helper()
	body := `{"type":"search","version":1,"sessionRef":{"scid":"` + d.scid + `","templateName":"` + template + `","name":"` + name + `"},"searchAttributes":` + attributes + `}`
	return d.expect(status, sender.Token, http.MethodPost, "/handles", body, fragments...)
}

// TestSearchHandle: a member gives a searchable session its search handle; the session names
// it; a second replaces it; strangers, sessions that are not searchable and missing sessions
// are refused, naming the rule, and change nothing.
func TestSearchHandle(t *testing.T) {
	d := newDirectory(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	p := d.path("lobby", "browse")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, searchable)
	before := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")

	made := d.search(http.StatusCreated, ana, "lobby", "browse", `{"tags":["CTF","micsrequired"],"strings":{"Map":"Harbor"},"numbers":{"skill":12.5}}`).doc(t)
	id := handleID(t, made)
	require.Len(t, id, 36, "%v", made)
	assert.Equal(t, "search", made["type"])
	assert.Equal(t, `{"numbers":{"skill":12.5},"strings":{"Map":"Harbor"},"tags":["CTF","micsrequired"]}`, js(made["searchAttributes"]))
	assert.Equal(t, `{"name":"browse","scid":"`+d.scid+`","templateName":"lobby"}`, js(made["sessionRef"]))
	assert.Equal(t, `{"mode":"ctf"}`, js(made["customProperties"]))
	assert.Equal(t, float64(1), get(made, "relatedInfo", "membersCount"))
	assert.Equal(t, "open", get(made, "relatedInfo", "visibility"))
	assert.NotEmpty(t, made["createTime"])

	after := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")
	assert.Equal(t, id, after.doc(t)["searchHandle"], "the session names its handle")
	assert.Equal(t, before.header.Get("ETag"), after.header.Get("ETag"), "the handle is no change of the document")

	d.search(http.StatusForbidden, ben, "lobby", "browse", `{}`, "only members")
	d.search(http.StatusNotFound, ana, "lobby", "nobody", `{}`, "no session")
	d.search(http.StatusBadRequest, ana, "lobby", "browse", `{"tags":["a b"]}`, "searchAttributes.tags[0]", "no spaces")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("lobby", "plain"), `{"members":{"me":{}}}`)
	d.search(http.StatusBadRequest, ana, "lobby", "plain", `{}`, "capabilities.searchable")
	assert.Equal(t, id, d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "").doc(t)["searchHandle"], "refusals change nothing")

	again := handleID(t, d.search(http.StatusCreated, ana, "lobby", "browse", `{"tags":["casual"]}`).doc(t))
	assert.NotEqual(t, id, again, "a new handle")
	assert.Equal(t, again, d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "").doc(t)["searchHandle"], "it replaces the first")

	// the handle goes with the session: made anew under the name, the session has none
	d.expect(http.StatusNoContent, ana.Token, http.MethodPut, p, `{"members":{"me":null}}`)
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, searchable)
	assert.Nil(t, d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "").doc(t)["searchHandle"])
}

// TestSearchQuery: POST /handles/query finds a template's search handles that pass the filter,
// in orderBy's order, rendered from their live sessions with what ?include= names; bad queries
// are 400s naming the field.
func TestSearchQuery(t *testing.T) {
	d := newDirectory(t)
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	for _, s := range []struct {
		owner       testenv.Player
		name, attrs string
	}{
		{ana, "s1", `{"tags":["Casual"],"strings":{"map":"Harbor"},"numbers":{"skill":10}}`},
		{ben, "s2", `{"tags":["casual","micsrequired"],"strings":{"map":"Desert"},"numbers":{"skill":30}}`},
		{cal, "s3", `{"tags":["ranked"],"numbers":{"skill":20}}`},
	} {
		d.expect(http.StatusCreated, s.owner.Token, http.MethodPut, d.path("lobby", s.name), searchable)
		d.search(http.StatusCreated, s.owner, "lobby", s.name, s.attrs)
		d.clock.Advance(time.Second)
	}
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("lobby", "unlisted"), searchable) // no handle
	d.expect(http.StatusOK, cal.Token, http.MethodPut, d.path("lobby", "s1"), `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)

	query := func(filter, orderBy string) []string {
		t.Helper()
		body := `{"type":"search","scid":"` + d.scid + `","templateName":"lobby","filter":` + js(filter) + `,"orderBy":` + js(orderBy) + `}`
		var out []string
		for _, r := range d.expect(http.StatusOK, ben.Token, http.MethodPost, "/handles/query", body).doc(t)["results"].([]any) {
			out = append(out, get(r, "sessionRef", "name").(string))
		}
		return out
	}
	assert.Equal(t, []string{"s3", "s2", "s1"}, query("", ""), "newest first")
	assert.Equal(t, []string{"s2", "s1"}, query("tags/any(d:tolower(d) eq 'casual')", "numbers/skill desc"))
	assert.Equal(t, []string{"s1", "s2"}, query("tags/any(d:tolower(d) eq 'casual')", "numbers/skill"))
	assert.Equal(t, []string{"s1"}, query("tolower(strings/map) eq 'harbor'", ""))
	assert.Equal(t, []string{"s3", "s2"}, query("numbers/skill gt 15", ""))
	assert.Equal(t, []string{"s1"}, query("session/membersCount eq 2 and session/memberXuids/any(d:d eq '"+cal.ID+"')", ""))
	assert.Equal(t, []string{"s3", "s2"}, query("tags/any(d:tolower(d) ne 'casual') or numbers/skill ge 30", ""))
	assert.Equal(t, []string{"s1", "s2", "s3"}, query("", "strings/map desc"), "a handle without the key comes last")

	body := `{"type":"search","scid":"` + d.scid + `","templateName":"lobby","filter":"tolower(strings/map) eq 'harbor'"}`
	plain := d.expect(http.StatusOK, ben.Token, http.MethodPost, "/handles/query", body).doc(t)["results"].([]any)
	require.Len(t, plain, 1)
	for _, part := range []string{"relatedInfo", "customProperties", "roleInfo"} {
		assert.NotContains(t, plain[0], part, "only what include names")
	}
	found := d.expect(http.StatusOK, ben.Token, http.MethodPost, "/handles/query?include=relatedInfo,customProperties", body).doc(t)["results"].([]any)
	require.Len(t, found, 1)
	assert.NotContains(t, found[0], "roleInfo", "not asked for")
	assert.Equal(t, float64(2), get(found[0], "relatedInfo", "membersCount"), "from the live session")
	assert.Equal(t, "ctf", get(found[0], "customProperties", "mode"))
	assert.Equal(t, d.expect(http.StatusOK, ana.Token, http.MethodGet, d.path("lobby", "s1"), "").doc(t)["searchHandle"], get(found[0], "id"))

	other := `{"type":"search","scid":"` + d.scid + `","templateName":"duo"}`
	assert.Empty(t, d.expect(http.StatusOK, ben.Token, http.MethodPost, "/handles/query", other).doc(t)["results"], "another template's handles")

	// a session that goes takes its handle with it
	d.expect(http.StatusOK, ana.Token, http.MethodPut, d.path("lobby", "s1"), `{"members":{"me":null}}`)
	d.expect(http.StatusNoContent, cal.Token, http.MethodPut, d.path("lobby", "s1"), `{"members":{"me":null}}`)
	assert.Equal(t, []string{"s3", "s2"}, query("", ""))

	base := `"type":"search","scid":"` + d.scid + `","templateName":"lobby"`
	d.expect(http.StatusBadRequest, ben.Token, http.MethodPost, "/handles/query", `{`+base+`,"filter":"numbers/skill eq 'x'"}`, "filter", "is a number")
	d.expect(http.StatusBadRequest, ben.Token, http.MethodPost, "/handles/query", `{`+base+`,"orderBy":"tags"}`, "orderBy")
	d.expect(http.StatusBadRequest, ben.Token, http.MethodPost, "/handles/query?include=activityInfo", `{`+base+`}`, "include")
	d.expect(http.StatusBadRequest, ben.Token, http.MethodPost, "/handles/query",
		`{`+base+`,"sessionMembers":{"people":{"moniker":"favorites","monikerXuid":"`+ben.ID+`"}}}`, "sessionMembers.people", "social graph")
	d.expect(http.StatusBadRequest, ben.Token, http.MethodPost, "/handles/query", `{"type":"party","owners":{"xuids":["`+ben.ID+`"]}}`, "type", "no query")
	d.expect(http.StatusBadRequest, ben.Token, http.MethodPost, "/handles/query", `{"type":"search","templateName":"lobby"}`, "scid")
}
