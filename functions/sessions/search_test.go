package sessions_test

import (
	"net/http"
	"testing"

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
	id, _ := made["id"].(string)
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

	again, _ := d.search(http.StatusCreated, ana, "lobby", "browse", `{"tags":["casual"]}`).doc(t)["id"].(string)
	assert.NotEqual(t, id, again, "a new handle")
	assert.Equal(t, again, d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "").doc(t)["searchHandle"], "it replaces the first")

	// the handle goes with the session: made anew under the name, the session has none
	d.expect(http.StatusNoContent, ana.Token, http.MethodPut, p, `{"members":{"me":null}}`)
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, searchable)
	assert.Nil(t, d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "").doc(t)["searchHandle"])
}
