package sessions_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openplay-games/openplay/shared/testenv"
)

// TestPutAndGet drives the status codes and headers of the session PUT and GET.
func TestPutAndGet(t *testing.T) {
	d := newDirectory(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	p := d.path("lobby", "Room-1")

	d.expect(http.StatusNoContent, ana.Token, http.MethodGet, p, "")
	if a := d.call(ana.Token, http.MethodPut, p, `{}`, "X-Xbl-Contract-Version", ""); a.status != 400 || !strings.Contains(string(a.body), "X-Xbl-Contract-Version") {
		t.Fatalf("no contract header: %d %s", a.status, a.body)
	}
	if a := d.call(ana.Token, http.MethodPut, p, `{}`, "X-Xbl-Contract-Version", "103"); a.status != 400 {
		t.Fatalf("contract 103: %d", a.status)
	}
	d.expect(http.StatusNotFound, ana.Token, http.MethodPut, d.path("nope", "x"), `{}`, "template")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPut, p, `{"members":{"me":{}},"bogus":1}`, "bogus")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPut, d.path("lobby", "no~tilde"), `{}`, "name")

	created := d.expect(http.StatusCreated, ana.Token, http.MethodPut, p,
		`{"members":{"me":{"constants":{"system":{"xuid":"`+ana.ID+`"}},"properties":{"system":{"active":true}}}},"properties":{"custom":{"map":"dunes"}}}`)
	etag := created.header.Get("ETag")
	doc := created.doc(t)
	if etag == "" || doc["contractVersion"] != float64(107) || get(doc, "members", "0", "gamertag") != "Ana" ||
		get(doc, "membersInfo", "count") != float64(1) || get(doc, "properties", "custom", "map") != "dunes" {
		t.Fatalf("created %s (ETag %q)", created.body, etag)
	}
	if !strings.HasSuffix(doc["startTime"].(string), "Z") || len(doc["startTime"].(string)) != len("2026-03-01T12:00:00.0000000Z") {
		t.Errorf("startTime %v", doc["startTime"])
	}

	// path segments in any case reach the same session
	lower := strings.ToLower(strings.Replace(p, "Room-1", "ROOM-1", 1))
	got := d.expect(http.StatusOK, ana.Token, http.MethodGet, lower, "")
	if got.header.Get("ETag") != etag || got.doc(t)["correlationId"] != doc["correlationId"] {
		t.Errorf("GET through %s: %s", lower, got.body)
	}
	if a := d.call(ana.Token, http.MethodGet, p, "", "If-None-Match", etag); a.status != http.StatusNotModified {
		t.Errorf("conditional GET: %d", a.status)
	}

	if a := d.call(ana.Token, http.MethodPut, p, `{}`, "If-None-Match", "*"); a.status != 412 || a.header.Get("ETag") != etag || a.doc(t)["branch"] != doc["branch"] {
		t.Errorf("If-None-Match * on an existing session: %d %s", a.status, a.body)
	}
	if a := d.call(ana.Token, http.MethodPut, d.path("lobby", "other"), `{}`, "If-Match", "*"); a.status != 412 {
		t.Errorf("If-Match * on a missing session: %d %s", a.status, a.body)
	}
	updated := d.call(ana.Token, http.MethodPut, p, `{"properties":{"custom":{"map":"ice"}}}`, "If-Match", etag)
	if updated.status != 200 || updated.header.Get("ETag") == etag || updated.doc(t)["changeNumber"] != float64(2) {
		t.Fatalf("If-Match current: %d %s", updated.status, updated.body)
	}
	stale := d.call(ana.Token, http.MethodPut, p, `{"properties":{"custom":{"map":"lava"}}}`, "If-Match", etag)
	if stale.status != 412 || stale.header.Get("ETag") != updated.header.Get("ETag") || get(stale.doc(t), "properties", "custom", "map") != "ice" {
		t.Errorf("stale If-Match: %d %s", stale.status, stale.body)
	}
	d.expect(http.StatusConflict, ana.Token, http.MethodPut, p, `{"constants":{"system":{"maxMembersCount":8}}}`, "maxMembersCount")
	props := d.expect(http.StatusOK, ana.Token, http.MethodPut, p+"/properties", `{"custom":{"mode":"ffa"},"system":{"turn":[0]}}`).doc(t)
	if get(props, "properties", "custom", "mode") != "ffa" || get(props, "properties", "custom", "map") != "ice" || get(props, "members", "0", "turn") != true {
		t.Errorf("PUT properties: %s", js(props))
	}
	d.expect(http.StatusNotFound, ana.Token, http.MethodPut, d.path("lobby", "missing")+"/properties", `{"custom":{"a":1}}`, "wasn't found")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPut, p+"/properties", `{"members":{}}`, "system and custom")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"ready":true}}}}}`, "ready and active")

	// Ben joins the open lobby by writing to it, then leaves with DELETE members/me
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	d.expect(http.StatusForbidden, ben.Token, http.MethodDelete, p+"/members/0", "", "server principal")
	left := d.expect(http.StatusOK, ben.Token, http.MethodDelete, p+"/members/me", "")
	if get(left.doc(t), "membersInfo", "count") != float64(1) {
		t.Errorf("after Ben left: %s", left.body)
	}
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
	if remade["branch"] == first["branch"] || remade["changeNumber"] != float64(1) || get(remade, "members", "0", "gamertag") != "Ben" {
		t.Errorf("remade %s", js(remade))
	}
	kept := d.expect(http.StatusOK, ben.Token, http.MethodGet, d.path("keep", "k1"), "").doc(t)
	if get(kept, "membersInfo", "count") != float64(0) {
		t.Errorf("kept %s", js(kept))
	}
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
	if get(joined.doc(t), "members", "1", "reserved") != nil {
		t.Errorf("Ben's first PUT leaves him reserved: %s", joined.body)
	}
	d.expect(http.StatusForbidden, ana.Token, http.MethodPut, p, `{"servers":{"mm":{"properties":{"system":{"status":"searching"}}}}}`, "server principal")

	server := serverToken(t, backend)
	withServer := d.expect(http.StatusOK, server, http.MethodPut, p, `{"servers":{"mm":{"properties":{"system":{"status":"searching"}}}}}`)
	if get(withServer.doc(t), "servers", "mm", "properties", "system", "status") != "searching" || get(withServer.doc(t), "membersInfo", "count") != float64(2) {
		t.Errorf("server write: %s", withServer.body)
	}
	d.expect(http.StatusOK, server, http.MethodGet, p, "")
	removed := d.expect(http.StatusOK, server, http.MethodDelete, p+"/members/1", "")
	if get(removed.doc(t), "membersInfo", "count") != float64(1) {
		t.Errorf("after removing member 1: %s", removed.body)
	}
	noServer := d.expect(http.StatusOK, server, http.MethodDelete, p+"/servers/mm", "")
	if len(noServer.doc(t)["servers"].(map[string]any)) != 0 {
		t.Errorf("after removing the server: %s", noServer.body)
	}
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
		if a.status != http.StatusPreconditionFailed || a.header.Get("ETag") != "" || strings.Contains(string(a.body), ana.ID) ||
			strings.Contains(string(a.body), "membersInfo") || !strings.Contains(string(a.body), what+":") {
			t.Errorf("%s by a non-member: %d ETag %q %s", what, a.status, a.header.Get("ETag"), a.body)
		}
	}
	hidden(d.call(cal.Token, http.MethodPut, p, `{}`, "If-None-Match", "*"), "If-None-Match")
	hidden(d.call(cal.Token, http.MethodPut, p, `{}`, "If-Match", `"stale-1"`), "If-Match")
	if a := d.call(ana.Token, http.MethodPut, p, `{}`, "If-Match", `"stale-1"`); a.status != http.StatusPreconditionFailed || a.header.Get("ETag") != created.header.Get("ETag") {
		t.Errorf("a stale If-Match by a member gets the current session: %d %s", a.status, a.body)
	}

	d.clock.Advance(30 * time.Second) // Ben's reservation is due for removal
	d.expect(http.StatusForbidden, cal.Token, http.MethodDelete, p+"/members/me", "", "private")
	after := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "").doc(t)
	if get(after, "membersInfo", "count") != float64(1) || get(after, "changeNumber") != float64(2) {
		t.Errorf("the timer Cal's leave ran is kept: %s", js(after))
	}
}
