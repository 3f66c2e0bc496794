package sessions_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/testenv"
)

// TestPutAndGet drives the status codes and headers of the session PUT and GET.
func TestPutAndGet(t *testing.T) {
	d := newDirectory(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	p := d.path("lobby", "Room-1")

	d.expect(http.StatusNoContent, ana.Token, http.MethodGet, p, "")
	// no session under an unknown template or scid: 404 (the handle, SCID, or session template
	// cannot be found), as the PUT answers
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, d.path("nope", "Room-1"), "", "template")
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, strings.Replace(p, d.scid, guid(), 1), "", "template")
	a := d.call(ana.Token, http.MethodPut, p, `{}`, "X-Xbl-Contract-Version", "")
	require.Equal(t, 400, a.status, "no contract header: %s", a.body)
	require.Contains(t, string(a.body), "X-Xbl-Contract-Version", "no contract header")
	a = d.call(ana.Token, http.MethodPut, p, `{}`, "X-Xbl-Contract-Version", "103")
	require.Equal(t, 400, a.status, "contract 103")
	d.expect(http.StatusNotFound, ana.Token, http.MethodPut, d.path("nope", "x"), `{}`, "template")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPut, p, `{"members":{"me":{}},"bogus":1}`, "bogus")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPut, d.path("lobby", "no~tilde"), `{}`, "name")

	created := d.expect(http.StatusCreated, ana.Token, http.MethodPut, p,
		`{"members":{"me":{"constants":{"system":{"xuid":"`+ana.ID+`"}},"properties":{"system":{"active":true}}}},"properties":{"custom":{"map":"dunes"}}}`)
	etag := created.header.Get("ETag")
	doc := created.doc(t)
	require.NotEmpty(t, etag, "created: ETag")
	require.Equal(t, float64(107), doc["contractVersion"], "created %s", created.body)
	require.Equal(t, "Ana", get(doc, "members", "0", "gamertag"), "created %s", created.body)
	require.Equal(t, float64(1), get(doc, "membersInfo", "count"), "created %s", created.body)
	require.Equal(t, "dunes", get(doc, "properties", "custom", "map"), "created %s", created.body)
	require.IsType(t, "", doc["startTime"])
	assert.True(t, strings.HasSuffix(doc["startTime"].(string), "Z"), "startTime %v", doc["startTime"])
	assert.Len(t, doc["startTime"].(string), len("2026-03-01T12:00:00.0000000Z"), "startTime %v", doc["startTime"])

	// path segments in any case reach the same session
	lower := strings.ToLower(strings.Replace(p, "Room-1", "ROOM-1", 1))
	got := d.expect(http.StatusOK, ana.Token, http.MethodGet, lower, "")
	assert.Equal(t, etag, got.header.Get("ETag"), "GET through %s", lower)
	assert.Equal(t, doc["correlationId"], got.doc(t)["correlationId"], "GET through %s", lower)
	a = d.call(ana.Token, http.MethodGet, p, "", "If-None-Match", etag)
	assert.Equal(t, http.StatusNotModified, a.status, "conditional GET")

	a = d.call(ana.Token, http.MethodPut, p, `{}`, "If-None-Match", "*")
	if assert.Equal(t, 412, a.status, "If-None-Match * on an existing session: %s", a.body) {
		assert.Equal(t, etag, a.header.Get("ETag"), "If-None-Match * on an existing session")
		assert.Equal(t, doc["branch"], a.doc(t)["branch"], "If-None-Match * on an existing session")
	}
	a = d.call(ana.Token, http.MethodPut, d.path("lobby", "other"), `{}`, "If-Match", "*")
	assert.Equal(t, 412, a.status, "If-Match * on a missing session: %s", a.body)
	updated := d.call(ana.Token, http.MethodPut, p, `{"properties":{"custom":{"map":"ice"}}}`, "If-Match", etag)
	require.Equal(t, 200, updated.status, "If-Match current: %s", updated.body)
	require.NotEqual(t, etag, updated.header.Get("ETag"), "If-Match current: a new ETag")
	require.Equal(t, float64(2), updated.doc(t)["changeNumber"], "If-Match current")
	stale := d.call(ana.Token, http.MethodPut, p, `{"properties":{"custom":{"map":"lava"}}}`, "If-Match", etag)
	if assert.Equal(t, 412, stale.status, "stale If-Match: %s", stale.body) {
		assert.Equal(t, updated.header.Get("ETag"), stale.header.Get("ETag"), "stale If-Match")
		assert.Equal(t, "ice", get(stale.doc(t), "properties", "custom", "map"), "stale If-Match")
	}
	d.expect(http.StatusConflict, ana.Token, http.MethodPut, p, `{"constants":{"system":{"maxMembersCount":8}}}`, "maxMembersCount")
	props := d.expect(http.StatusOK, ana.Token, http.MethodPut, p+"/properties", `{"custom":{"mode":"ffa"},"system":{"turn":[0]}}`).doc(t)
	assert.Equal(t, "ffa", get(props, "properties", "custom", "mode"), "PUT properties: %s", js(props))
	assert.Equal(t, "ice", get(props, "properties", "custom", "map"), "PUT properties: %s", js(props))
	assert.Equal(t, true, get(props, "members", "0", "turn"), "PUT properties: %s", js(props))
	d.expect(http.StatusNotFound, ana.Token, http.MethodPut, d.path("lobby", "missing")+"/properties", `{"custom":{"a":1}}`, "wasn't found")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPut, p+"/properties", `{"members":{}}`, "system and custom")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"ready":true}}}}}`, "ready and active")

	// Ben joins the open lobby by writing to it, then leaves with DELETE members/me
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	d.expect(http.StatusForbidden, ben.Token, http.MethodDelete, p+"/members/0", "", "server principal")
	left := d.expect(http.StatusOK, ben.Token, http.MethodDelete, p+"/members/me", "")
	assert.Equal(t, float64(1), get(left.doc(t), "membersInfo", "count"), "after Ben left: %s", left.body)
	d.expect(http.StatusNoContent, ana.Token, http.MethodPut, p, `{"members":{"me":null}}`)
	d.expect(http.StatusNoContent, ana.Token, http.MethodGet, p, "")
}

// TestTimedOutSessionIsMadeAgain: a session whose last member timed out is gone for the next
// writer, who creates it afresh from its template (201, a new branch, change number 1); with
// sessionEmptyTimeout null an emptied session stays.
func TestTimedOutSessionIsMadeAgain(t *testing.T) {
	d := newDirectory(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	p := d.path("lobby", "l1")
	first := d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{}`).doc(t)
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("keep", "k1"), `{}`)
	d.clock.Advance(11 * time.Minute) // past the lobby's inactiveRemovalTimeout: Ana is gone, and so is the session
	remade := d.expect(http.StatusCreated, ben.Token, http.MethodPut, p, `{}`).doc(t)
	assert.NotEqual(t, first["branch"], remade["branch"], "remade %s", js(remade))
	assert.Equal(t, float64(1), remade["changeNumber"], "remade %s", js(remade))
	assert.Equal(t, "Ben", get(remade, "members", "0", "gamertag"), "remade %s", js(remade))
	kept := d.expect(http.StatusOK, ben.Token, http.MethodGet, d.path("keep", "k1"), "").doc(t)
	assert.Equal(t, float64(0), get(kept, "membersInfo", "count"), "kept %s", js(kept))
}

// TestAccessRules: private sessions, joins without reservations, server principals.
func TestAccessRules(t *testing.T) {
	d := newDirectory(t)
	ana, ben, cal, backend := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal"), testenv.NewPlayer(t, "Backend")
	p := d.path("game", "g1")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{"members":{"me":{},"reserve_0":{"constants":{"system":{"xuid":"`+ben.ID+`"}}}}}`)
	d.expect(http.StatusForbidden, cal.Token, http.MethodGet, p, "", "private")
	d.expect(http.StatusForbidden, cal.Token, http.MethodPut, p, `{}`, "reservation")
	d.expect(http.StatusForbidden, cal.Token, http.MethodDelete, p+"/members/me", "", "private")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPut, p, `{"properties":{"system":{"keywords":["x"]}}}`, "keywords")
	d.expect(http.StatusOK, ben.Token, http.MethodGet, p, "")
	joined := d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{}`)
	assert.Nil(t, get(joined.doc(t), "members", "1", "reserved"), "Ben's first PUT leaves him reserved: %s", joined.body)
	d.expect(http.StatusForbidden, ana.Token, http.MethodPut, p, `{"servers":{"mm":{"properties":{"system":{"status":"searching"}}}}}`, "server principal")

	server := serverToken(t, backend)
	withServer := d.expect(http.StatusOK, server, http.MethodPut, p, `{"servers":{"mm":{"properties":{"system":{"status":"searching"}}}}}`)
	assert.Equal(t, "searching", get(withServer.doc(t), "servers", "mm", "properties", "system", "status"), "server write: %s", withServer.body)
	assert.Equal(t, float64(2), get(withServer.doc(t), "membersInfo", "count"), "server write: %s", withServer.body)
	d.expect(http.StatusOK, server, http.MethodGet, p, "")
	removed := d.expect(http.StatusOK, server, http.MethodDelete, p+"/members/1", "")
	assert.Equal(t, float64(1), get(removed.doc(t), "membersInfo", "count"), "after removing member 1: %s", removed.body)
	noServer := d.expect(http.StatusOK, server, http.MethodDelete, p+"/servers/mm", "")
	require.IsType(t, map[string]any{}, noServer.doc(t)["servers"], "after removing the server: %s", noServer.body)
	assert.Empty(t, noServer.doc(t)["servers"], "after removing the server: %s", noServer.body)
	d.expect(http.StatusNoContent, server, http.MethodPut, d.path("lobby", "empty"), `{"constants":{"custom":{"k":1}}}`)
	d.expect(http.StatusCreated, server, http.MethodPut, d.path("keep", "empty"), `{}`)
	d.expect(http.StatusOK, ana.Token, http.MethodGet, d.path("keep", "empty"), "")
}

// TestPrivateSessionStaysPrivate: a non-member learns nothing of a private session's document
// from a failed precondition, nor from a leave that ran the session's due timers.
func TestPrivateSessionStaysPrivate(t *testing.T) {
	d := newDirectory(t)
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	p := d.path("game", "secret")
	created := d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{"members":{"me":{},"reserve_0":{"constants":{"system":{"xuid":"`+ben.ID+`"}}}}}`)
	hidden := func(a answer, what string) {
		t.Helper()
		assert.Equal(t, http.StatusPreconditionFailed, a.status, "%s by a non-member: %s", what, a.body)
		assert.Empty(t, a.header.Get("ETag"), "%s by a non-member: no ETag", what)
		assert.NotContains(t, string(a.body), ana.ID, "%s by a non-member", what)
		assert.NotContains(t, string(a.body), "membersInfo", "%s by a non-member", what)
		assert.Contains(t, string(a.body), what+":", "%s by a non-member", what)
	}
	hidden(d.call(cal.Token, http.MethodPut, p, `{}`, "If-None-Match", "*"), "If-None-Match")
	hidden(d.call(cal.Token, http.MethodPut, p, `{}`, "If-Match", `"stale-1"`), "If-Match")
	a := d.call(ana.Token, http.MethodPut, p, `{}`, "If-Match", `"stale-1"`)
	assert.Equal(t, http.StatusPreconditionFailed, a.status, "a stale If-Match by a member gets the current session: %s", a.body)
	assert.Equal(t, created.header.Get("ETag"), a.header.Get("ETag"), "a stale If-Match by a member gets the current session")

	d.clock.Advance(30 * time.Second) // Ben's reservation is due for removal
	d.expect(http.StatusForbidden, cal.Token, http.MethodDelete, p+"/members/me", "", "private")
	after := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "").doc(t)
	assert.Equal(t, float64(1), get(after, "membersInfo", "count"), "the timer Cal's leave ran is kept: %s", js(after))
	assert.Equal(t, float64(2), get(after, "changeNumber"), "the timer Cal's leave ran is kept: %s", js(after))
}

// TestOnlyMembersWriteProperties: a player's session PUT joins them if need be (docs/mpsd.md §5:
// "any PUT … adds the user if necessary"), so a player writes properties or roleTypes without
// being a member only when the same PUT leaves (members.me null): a non-member's, or a member's
// last write on the way out. Either is refused, 403 in Google's error shape naming the field
// (properties or roleTypes) and the rule, and the session is as it was (same document, ETag and change number; the member is
// still in). The same writes by a member who stays, by a non-member who thereby joins, and by a
// server principal (exempt, and not joined) go through: the refusals come from the rule alone.
func TestOnlyMembersWriteProperties(t *testing.T) {
	d := newDirectory(t)
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	p := d.path("lobby", "props")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p,
		`{"members":{"me":{"properties":{"system":{"active":true}}}},"properties":{"custom":{"map":"dunes"}}}`)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	before := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")
	etag := before.header.Get("ETag")
	require.NotEmpty(t, etag, "before: ETag")
	require.Equal(t, float64(2), get(before.doc(t), "membersInfo", "count"), "before: %s", before.body)
	d.expect(http.StatusOK, cal.Token, http.MethodGet, p, "") // an open session: Cal reads it without joining

	const rule = "only members of the session may write its properties"
	writes := []struct{ body, field, rule string }{
		{`{"properties":{"custom":{"x":1}}}`, "properties", rule},
		{`{"properties":{"system":{"keywords":["dunes"]}}}`, "properties", rule},
		{`{"roleTypes":{"lfg":{"roles":{"friend":{"max":2}}}}}`, "roleTypes", "only members of the session may write its role types"},
	}
	leaving := func(w string) string { return `{"members":{"me":null},` + w[1:] }
	for _, who := range []testenv.Player{cal, ben} {
		for _, w := range writes {
			d.expect(http.StatusForbidden, who.Token, http.MethodPut, p, leaving(w.body), `"code":403`, `"status":"PERMISSION_DENIED"`,
				`"reason":"forbidden"`, `"location":"`+w.field+`"`, `"message":"`+w.field+`: `+w.rule+`"`)
		}
	}
	a := d.call(cal.Token, http.MethodPut, p, leaving(writes[0].body), "If-Match", etag)
	assert.Equal(t, http.StatusForbidden, a.status, "a non-member's write with the current If-Match: %s", a.body)
	assert.Contains(t, string(a.body), rule, "a non-member's write with the current If-Match")

	after := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")
	doc := after.doc(t)
	assert.Equal(t, etag, after.header.Get("ETag"), "after the refused writes: ETag")
	assert.Equal(t, get(before.doc(t), "changeNumber"), get(doc, "changeNumber"), "after the refused writes: %s", after.body)
	assert.Equal(t, map[string]any{"map": "dunes"}, get(doc, "properties", "custom"), "after the refused writes: %s", after.body)
	assert.Nil(t, get(doc, "properties", "system", "keywords"), "after the refused writes: %s", after.body)
	assert.Nil(t, get(doc, "roleTypes", "lfg"), "after the refused writes: %s", after.body)
	assert.Equal(t, float64(2), get(doc, "membersInfo", "count"), "Ben is still in: %s", after.body)
	assert.Equal(t, before.doc(t), doc, "after the refused writes")
	a = d.call(cal.Token, http.MethodGet, p, "", "If-None-Match", etag)
	assert.Equal(t, http.StatusNotModified, a.status, "Cal's conditional GET after the refused writes: %s", a.body)

	for _, w := range writes {
		d.expect(http.StatusOK, ben.Token, http.MethodPut, p, w.body)
	}
	d.expect(http.StatusOK, serverToken(t, ana), http.MethodPut, p, `{"properties":{"custom":{"by":"server"}}}`)
	joined := d.expect(http.StatusOK, cal.Token, http.MethodPut, p, `{"properties":{"custom":{"y":2}}}`).doc(t)
	assert.Equal(t, map[string]any{"map": "dunes", "x": float64(1), "by": "server", "y": float64(2)}, get(joined, "properties", "custom"),
		"after the members' and the server's writes: %s", js(joined))
	assert.Equal(t, []any{"dunes"}, get(joined, "properties", "system", "keywords"), "after the members' writes: %s", js(joined))
	assert.NotNil(t, get(joined, "roleTypes", "lfg", "roles", "friend"), "after the members' writes: %s", js(joined))
	assert.Equal(t, float64(3), get(joined, "membersInfo", "count"), "Cal joined by writing, the server principal did not: %s", js(joined))
}
