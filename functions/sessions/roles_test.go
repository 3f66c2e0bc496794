package sessions_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openplay-games/openplay/shared/testenv"
)

// TestRolesAndOwners: roles render count and memberXuids from the members; once the session has
// owners only an owner changes roleTypes (403 naming it); a readRestriction stricter than the
// joinRestriction is 400 naming it.
func TestRolesAndOwners(t *testing.T) {
	d := newDirectory(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	p := d.path("owned", "team")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{"members":{"me":{"roles":{"lfg":"friend"}}},"properties":{"system":{"owners":[0]}}}`)
	doc := d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":{"roles":{"lfg":"friend"}}}}`).doc(t)
	assert.Equal(t, `{"count":2,"max":2,"memberXuids":["`+ana.ID+`","`+ben.ID+`"]}`, js(get(doc, "roleTypes", "lfg", "roles", "friend")), "%s", js(doc))
	assert.Equal(t, `{"count":0,"max":1,"memberXuids":[]}`, js(get(doc, "roleTypes", "lfg", "roles", "other")), "%s", js(doc))

	d.expect(http.StatusForbidden, ben.Token, http.MethodPut, p, `{"roleTypes":{"lfg":{"roles":{"friend":{"max":3}}}}}`, "roleTypes", "owner")
	d.expect(http.StatusForbidden, ben.Token, http.MethodPut, p, `{"properties":{"system":{"owners":[1]}}}`, "properties.system.owners")
	doc = d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"roleTypes":{"lfg":{"roles":{"friend":{"max":3,"count":7}}}}}`).doc(t)
	assert.Equal(t, `{"count":2,"max":3,"memberXuids":["`+ana.ID+`","`+ben.ID+`"]}`, js(get(doc, "roleTypes", "lfg", "roles", "friend")), "%s", js(doc))

	d.expect(http.StatusBadRequest, ana.Token, http.MethodPut, p, `{"properties":{"system":{"joinRestriction":"none","readRestriction":"local"}}}`, "readRestriction")
	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"readRestriction":"followed"}}}`)
}
