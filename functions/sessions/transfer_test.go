package sessions_test

import (
	"log/slog"
	"net/http"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/testenv"
)

// transferBody is a POST /handles body for a transfer handle from the session origin to the
// session target (each template/name) of the test's service config.
func (d *directory) transferBody(target, origin [2]string) string {
	ref := func(r [2]string) string {
		return `{"scid":"` + d.scid + `","templateName":"` + r[0] + `","name":"` + r[1] + `"}`
	}
	return `{"type":"transfer","version":1,"sessionRef":` + ref(target) + `,"originSessionRef":` + ref(origin) + `}`
}

// transfer makes a transfer handle as maker and returns its ID.
func (d *directory) transfer(maker testenv.Player, target, origin [2]string) string {
	d.T.Helper()
	id := handleID(d.T, d.expect(http.StatusCreated, maker.Token, http.MethodPost, "/handles", d.transferBody(target, origin)).doc(d.T))
	return id
}

// lobbyAndGame makes the usual pair: an open lobby (Ana and Ben) and a private game (Ana), each
// named name, and returns them as template/name.
func (d *directory) lobbyAndGame(name string, ana, ben testenv.Player) (lobby, game [2]string) {
	d.T.Helper()
	active := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	lobby, game = [2]string{"lobby", name}, [2]string{"game", name}
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path(lobby[0], lobby[1]), active)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, d.path(lobby[0], lobby[1]), active)
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path(game[0], game[1]), active)
	return lobby, game
}

// TestTransfer is the official client's lobby-to-game flow: the lobby's host, a member of the
// lobby and of the private game, makes a transfer handle; a member of the lobby reads the game
// and joins it through the handle; a player outside the lobby is refused.
func TestTransfer(t *testing.T) {
	d := newDirectory(t)
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	lobby, game := d.lobbyAndGame("transfer", ana, ben)
	p := d.path(game[0], game[1])

	// who may make one: a member of both sessions, which must exist (MPSD: 403 for a missing target)
	d.expect(http.StatusForbidden, ben.Token, http.MethodPost, "/handles", d.transferBody(game, lobby), "sessionRef", "target")
	d.expect(http.StatusForbidden, cal.Token, http.MethodPost, "/handles", d.transferBody(game, lobby), "sessionRef")
	d.expect(http.StatusForbidden, ana.Token, http.MethodPost, "/handles", d.transferBody([2]string{"game", "nowhere"}, lobby), "sessionRef", "exist")
	d.expect(http.StatusForbidden, ana.Token, http.MethodPost, "/handles", d.transferBody(game, [2]string{"lobby", "nowhere"}), "originSessionRef", "exist")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPost, "/handles", d.transferBody(game, game), "originSessionRef")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPost, "/handles", `{"type":"transfer","version":1,"sessionRef":{"scid":"`+d.scid+`","templateName":"game","name":"transfer"}}`, "originSessionRef")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPost, "/handles", `{"type":"party","version":1}`, "type", "not supported")

	made := d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", d.transferBody(game, lobby)).doc(t)
	id := handleID(t, made)
	require.NotEmpty(t, id, "handle %s", js(made))
	keys := make([]string, 0, len(made))
	for k := range made {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	assert.Equal(t, []string{"id", "originSessionRef", "sessionRef", "type", "version"}, keys, "the keys of transferHandleResponseJson")
	assert.Equal(t, "transfer", made["type"])
	assert.Equal(t, map[string]any{"scid": d.scid, "templateName": "game", "name": "transfer"}, made["sessionRef"])
	assert.Equal(t, map[string]any{"scid": d.scid, "templateName": "lobby", "name": "transfer"}, made["originSessionRef"])
	h := "/handles/" + id

	// reading the handle: its sender, members of its sessions, server principals
	assert.Equal(t, js(made), js(d.expect(http.StatusOK, ana.Token, http.MethodGet, h, "").doc(t)))
	d.expect(http.StatusOK, ben.Token, http.MethodGet, h, "")
	d.expect(http.StatusOK, serverToken(t, cal), http.MethodGet, h, "")
	d.expect(http.StatusForbidden, cal.Token, http.MethodGet, h, "", "handleId")

	// a player outside the lobby gets nothing through the handle
	active := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	d.expect(http.StatusForbidden, cal.Token, http.MethodGet, h+"/session", "", "origin")
	d.expect(http.StatusForbidden, cal.Token, http.MethodPut, h+"/session", active, "origin")
	d.expect(http.StatusForbidden, ben.Token, http.MethodGet, p, "", "private") // the handle is what grants

	// a member of the lobby reads the private game and joins it, as an invited player does
	read := d.expect(http.StatusOK, ben.Token, http.MethodGet, h+"/session", "")
	direct := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")
	assert.Equal(t, p, read.header.Get("Content-Location"))
	assert.Equal(t, direct.header.Get("ETag"), read.header.Get("ETag"), "through the handle and directly")
	assert.Equal(t, js(direct.doc(t)), js(read.doc(t)), "through the handle and directly")
	joined := d.call(ben.Token, http.MethodPut, h+"/session", active, "If-Match", read.header.Get("ETag"))
	require.Equal(t, http.StatusOK, joined.status, "join through the handle: %s", joined.body)
	assert.Equal(t, p, joined.header.Get("Content-Location"))
	doc := joined.doc(t)
	assert.Equal(t, float64(2), get(doc, "membersInfo", "count"), "%s", joined.body)
	assert.Equal(t, ben.ID, get(doc, "members", "1", "constants", "system", "xuid"), "%s", joined.body)
	assert.Nil(t, get(doc, "members", "1", "reserved"), "%s", joined.body)
	d.expect(http.StatusOK, ben.Token, http.MethodGet, p, "") // a member of the game now
	doc = d.expect(http.StatusOK, ana.Token, http.MethodGet, d.path(lobby[0], lobby[1]), "").doc(t)
	assert.Equal(t, float64(2), get(doc, "membersInfo", "count"), "the lobby is left as it was")

	// a server principal passes too; Cal, once in the lobby, gets in as well
	d.expect(http.StatusOK, serverToken(t, cal), http.MethodGet, h+"/session", "")
	d.expect(http.StatusOK, cal.Token, http.MethodPut, d.path(lobby[0], lobby[1]), active)
	d.expect(http.StatusOK, cal.Token, http.MethodGet, h+"/session", "")
}

// TestTransferStale: a transfer handle is bound to both its sessions. Once the origin or the
// target is gone, or made anew under its name, the handle is stale (404) and reaches neither
// the old session nor the new one; deleted or expired, it is gone (404).
func TestTransferStale(t *testing.T) {
	d := newDirectory(t)
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	active := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	leave := `{"members":{"me":null}}`
	reach := func(t *testing.T, id, why string) {
		t.Helper()
		d := d.on(t)
		for _, method := range []string{http.MethodGet, http.MethodPut} {
			a := d.call(ben.Token, method, "/handles/"+id+"/session", active)
			assert.Equal(t, http.StatusNotFound, a.status, "%s %s: %s", method, why, a.body)
			assert.Contains(t, string(a.body), "stale", "%s %s", method, why)
		}
	}

	t.Run("the origin is gone, then made anew", func(t *testing.T) {
		d := d.on(t)
		lobby, game := d.lobbyAndGame("origin", ana, ben)
		id := d.transfer(ana, game, lobby)
		d.expect(http.StatusOK, ana.Token, http.MethodPut, d.path(lobby[0], lobby[1]), leave)
		d.expect(http.StatusNoContent, ben.Token, http.MethodPut, d.path(lobby[0], lobby[1]), leave)
		reach(t, id, "with the origin gone")
		d.expect(http.StatusCreated, ben.Token, http.MethodPut, d.path(lobby[0], lobby[1]), active)
		reach(t, id, "with the origin made anew, Ben in it")
		doc := d.expect(http.StatusOK, ana.Token, http.MethodGet, d.path(game[0], game[1]), "").doc(t)
		assert.Equal(t, float64(1), get(doc, "membersInfo", "count"), "nobody joined the game through the stale handle")
	})

	t.Run("the target is gone, then made anew", func(t *testing.T) {
		d := d.on(t)
		lobby, game := d.lobbyAndGame("target", ana, ben)
		id := d.transfer(ana, game, lobby)
		d.expect(http.StatusNoContent, ana.Token, http.MethodPut, d.path(game[0], game[1]), leave)
		reach(t, id, "with the target gone")
		d.expect(http.StatusNoContent, ben.Token, http.MethodGet, d.path(game[0], game[1]), "") // not made anew by the PUT
		d.expect(http.StatusCreated, cal.Token, http.MethodPut, d.path(game[0], game[1]), `{"properties":{"custom":{"secret":"cal's"}},"members":{"me":{}}}`)
		reach(t, id, "with the target made anew by Cal")
		a := d.call(cal.Token, http.MethodGet, "/handles/"+id, "")
		assert.Equal(t, http.StatusForbidden, a.status, "a member of the new target reads the handle: %s", a.body)
		doc := d.expect(http.StatusOK, cal.Token, http.MethodGet, d.path(game[0], game[1]), "").doc(t)
		assert.Equal(t, float64(1), get(doc, "membersInfo", "count"), "nobody joined the new game through the stale handle")
	})

	t.Run("deleted", func(t *testing.T) {
		d := d.on(t)
		lobby, game := d.lobbyAndGame("deleted", ana, ben)
		id := d.transfer(ana, game, lobby)
		d.expect(http.StatusForbidden, ben.Token, http.MethodDelete, "/handles/"+id, "", "sender")
		d.expect(http.StatusNoContent, ana.Token, http.MethodDelete, "/handles/"+id, "")
		for _, call := range [][2]string{{http.MethodGet, ""}, {http.MethodDelete, ""}, {http.MethodGet, "/session"}, {http.MethodPut, "/session"}} {
			d.expect(http.StatusNotFound, ben.Token, call[0], "/handles/"+id+call[1], active, "handleId")
		}
	})

	t.Run("expired", func(t *testing.T) {
		d := d.on(t)
		lobby, game := d.lobbyAndGame("expired", ana, ben)
		id := d.transfer(ana, game, lobby)
		d.expect(http.StatusOK, ben.Token, http.MethodGet, "/handles/"+id+"/session", "")
		d.clock.Advance(session.TransferLifetime)
		for _, call := range [][2]string{{http.MethodGet, ""}, {http.MethodGet, "/session"}, {http.MethodPut, "/session"}, {http.MethodDelete, ""}} {
			d.expect(http.StatusNotFound, ana.Token, call[0], "/handles/"+id+call[1], active, "expired")
		}
	})
}

// TestTransferReadBudget: a call through a transfer handle reads at most three documents (the
// handle, the origin and the target), as the access log's Firestore cost shows; making one reads
// the two sessions.
func TestTransferReadBudget(t *testing.T) {
	d := newDirectory(t)
	log := &accessLog{}
	d.svc.Logger = logging.New(log, slog.LevelInfo)
	d.API = testenv.NewAPI(t, functions.Handler(d.svc, functions.Routes(d.svc)...))
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	lobby, game := d.lobbyAndGame("budget", ana, ben)
	made := d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", d.transferBody(game, lobby))
	assert.Equal(t, int64(2), log.reads(t, made.header.Get("X-Request-Id")), "POST /handles: documents read")
	id := handleID(t, made.doc(t))
	for _, c := range []struct {
		token, method, path, body string
		status                    int
	}{
		{cal.Token, http.MethodGet, "/handles/" + id, "", http.StatusForbidden}, // reads both sessions to look for Cal
		{ben.Token, http.MethodGet, "/handles/" + id + "/session", "", http.StatusOK},
		{ben.Token, http.MethodPut, "/handles/" + id + "/session", `{"members":{"me":{}}}`, http.StatusOK},
		{ana.Token, http.MethodDelete, "/handles/" + id, "", http.StatusNoContent},
	} {
		a := d.expect(c.status, c.token, c.method, c.path, c.body)
		reads := log.reads(t, a.header.Get("X-Request-Id"))
		assert.GreaterOrEqual(t, reads, int64(1), "%s %s: documents read", c.method, c.path)
		assert.LessOrEqual(t, reads, int64(3), "%s %s: documents read", c.method, c.path)
	}
}
