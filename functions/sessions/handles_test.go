package sessions_test

import (
	"bufio"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/testenv"
)

// invite makes an invite handle from sender to the player invited in the session template/name
// and returns its ID.
func (d *directory) invite(sender testenv.Player, invited, template, name string) string {
	d.T.Helper()
	body := `{"type":"invite","version":1,"sessionRef":{"scid":"` + d.scid + `","templateName":"` + template + `","name":"` + name + `"},"invitedXuid":"` + invited + `"}`
	id := handleID(d.T, d.expect(http.StatusCreated, sender.Token, http.MethodPost, "/handles", body).doc(d.T))
	return id
}

// TestInviteAccept is the invite-accept flow of XSAPI: the invited player reads a private
// session through the handle and joins it with a PUT on the handle, which a stranger cannot.
func TestInviteAccept(t *testing.T) {
	d := newDirectory(t)
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	p := d.path("game", "accept")
	active := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, active)
	id := d.invite(ana, ben.ID, "game", "accept")
	h := "/handles/" + id + "/session"

	d.expect(http.StatusForbidden, ben.Token, http.MethodGet, p, "", "private") // the handle is what grants
	d.expect(http.StatusForbidden, cal.Token, http.MethodGet, h, "", "private")
	d.expect(http.StatusForbidden, cal.Token, http.MethodPut, h, active, "private")
	read := d.expect(http.StatusOK, ben.Token, http.MethodGet, h, "")
	direct := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")
	require.Equal(t, p, read.header.Get("Content-Location"), "through the handle")
	require.Equal(t, direct.header.Get("ETag"), read.header.Get("ETag"), "through the handle and directly")
	require.Equal(t, js(direct.doc(t)), js(read.doc(t)), "through the handle and directly")
	a := d.call(ben.Token, http.MethodGet, h, "", "If-None-Match", read.header.Get("ETag"))
	assert.Equal(t, http.StatusNotModified, a.status, "If-None-Match through the handle")

	stale := d.call(ben.Token, http.MethodPut, h, active, "If-Match", `"stale-1"`)
	require.Equal(t, http.StatusPreconditionFailed, stale.status, "stale If-Match: %s", stale.body)
	require.Equal(t, p, stale.header.Get("Content-Location"), "stale If-Match")
	require.Equal(t, float64(1), get(stale.doc(t), "membersInfo", "count"), "stale If-Match: %s", stale.body)
	joined := d.call(ben.Token, http.MethodPut, h, active, "If-Match", read.header.Get("ETag"))
	doc := joined.doc(t)
	require.Equal(t, http.StatusOK, joined.status, "join through the handle: %s", joined.body)
	require.Equal(t, p, joined.header.Get("Content-Location"), "join through the handle")
	require.NotEmpty(t, joined.header.Get("ETag"), "join through the handle")
	require.Equal(t, float64(2), get(doc, "membersInfo", "count"), "join through the handle: %s", joined.body)
	require.Equal(t, ben.ID, get(doc, "members", "1", "constants", "system", "xuid"), "join through the handle: %s", joined.body)
	require.Equal(t, true, get(doc, "members", "1", "properties", "system", "active"), "join through the handle: %s", joined.body)
	require.Nil(t, get(doc, "members", "1", "reserved"), "join through the handle: %s", joined.body)
	d.expect(http.StatusOK, ben.Token, http.MethodGet, p, "") // a member now
	// the literal segments match in any case, as on every MPSD path
	d.expect(http.StatusOK, ben.Token, http.MethodGet, "/HANDLES/"+strings.ToUpper(id)+"/Session", "")

	// the handle stays usable by its members; once the session is gone the handle is stale
	d.expect(http.StatusOK, ben.Token, http.MethodPut, h, `{"members":{"me":null}}`)
	d.expect(http.StatusNoContent, ana.Token, http.MethodPut, p, `{"members":{"me":null}}`)
	d.expect(http.StatusNotFound, ben.Token, http.MethodGet, h, "", "stale")
	// and a write through it does not make the session anew
	d.expect(http.StatusNotFound, ben.Token, http.MethodPut, h, active, "stale")
	d.expect(http.StatusNoContent, ben.Token, http.MethodGet, p, "")
}

// TestHandleReadAndDelete: who may read and delete a handle, expiry, and bad IDs.
func TestHandleReadAndDelete(t *testing.T) {
	d := newDirectory(t)
	ana, ben, cal, dan := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal"), testenv.NewPlayer(t, "Dan")
	p := d.path("game", "handles")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{"members":{"me":{},"reserve_0":{"constants":{"system":{"xuid":"`+ben.ID+`"}}}}}`)
	id := d.invite(ana, cal.ID, "game", "handles")
	h := "/handles/" + id

	made := d.expect(http.StatusOK, ana.Token, http.MethodGet, h, "").doc(t)
	require.Equal(t, id, made["id"], "handle %s", js(made))
	require.Equal(t, "invite", made["type"], "handle %s", js(made))
	require.Equal(t, ana.ID, made["senderXuid"], "handle %s", js(made))
	require.Equal(t, cal.ID, made["invitedXuid"], "handle %s", js(made))
	require.Equal(t, "handles", get(made, "sessionRef", "name"), "handle %s", js(made))
	require.NotNil(t, made["expiration"], "handle %s", js(made))
	d.expect(http.StatusOK, cal.Token, http.MethodGet, h, "")                     // the invited player
	d.expect(http.StatusOK, ben.Token, http.MethodGet, h, "")                     // a (reserved) member of the session
	d.expect(http.StatusOK, serverToken(t, dan), http.MethodGet, h, "")           // a server principal
	d.expect(http.StatusForbidden, dan.Token, http.MethodGet, h, "", "handleId")  // anyone else
	d.expect(http.StatusForbidden, cal.Token, http.MethodDelete, h, "", "sender") // only the sender deletes
	d.expect(http.StatusBadRequest, ana.Token, http.MethodGet, "/handles/nope", "", "handleId")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodDelete, "/handles/"+strings.Repeat("a", 2000), "", "handleId")
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, "/handles/"+guid(), "", "handleId")
	d.expect(http.StatusNotFound, ana.Token, http.MethodDelete, "/handles/"+guid(), "", "handleId")
	d.expect(http.StatusNotFound, cal.Token, http.MethodGet, "/handles/"+guid()+"/session", "", "handleId")
	d.expect(http.StatusNotFound, cal.Token, http.MethodPut, "/handles/"+guid()+"/session", `{}`, "handleId")
	d.expect(http.StatusBadRequest, cal.Token, http.MethodPut, h+"/session", `{"nope":1}`, "nope")
	a := d.call(ana.Token, http.MethodGet, h, "", "X-Xbl-Contract-Version", "")
	assert.Equal(t, http.StatusBadRequest, a.status, "without the contract header: %s", a.body)
	assert.Contains(t, string(a.body), "X-Xbl-Contract-Version", "without the contract header")

	d.expect(http.StatusNoContent, ana.Token, http.MethodDelete, h, "")
	for _, call := range [][2]string{{http.MethodGet, h}, {http.MethodDelete, h}, {http.MethodGet, h + "/session"}, {http.MethodPut, h + "/session"}} {
		d.expect(http.StatusNotFound, cal.Token, call[0], call[1], `{}`, "handleId")
	}

	// expired: 404 at once, whether or not Firestore's TTL has deleted the handle yet
	id = d.invite(ana, cal.ID, "game", "handles")
	d.clock.Advance(session.InviteLifetime)
	for _, call := range [][2]string{{http.MethodGet, "/handles/" + id}, {http.MethodGet, "/handles/" + id + "/session"}, {http.MethodPut, "/handles/" + id + "/session"}} {
		d.expect(http.StatusNotFound, cal.Token, call[0], call[1], `{}`, "expired")
	}
	d.expect(http.StatusNotFound, ana.Token, http.MethodDelete, "/handles/"+id, "", "expired")
}

// TestHandleReadBudget: each handle call reads at most two documents (the handle and the
// session), as the access log's Firestore cost shows.
func TestHandleReadBudget(t *testing.T) {
	d := newDirectory(t)
	log := &accessLog{}
	d.svc.Logger = logging.New(log, slog.LevelInfo)
	d.API = testenv.NewAPI(t, functions.Handler(d.svc, functions.Routes(d.svc)...))
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("game", "budget"), `{"members":{"me":{}}}`)
	id := d.invite(ana, ben.ID, "game", "budget")
	for _, c := range []struct {
		token, method, path, body string
		status                    int
	}{
		{cal.Token, http.MethodGet, "/handles/" + id, "", http.StatusForbidden}, // reads the session to look for Cal
		{ben.Token, http.MethodGet, "/handles/" + id + "/session", "", http.StatusOK},
		{ben.Token, http.MethodPut, "/handles/" + id + "/session", `{"members":{"me":{}}}`, http.StatusOK},
		{ana.Token, http.MethodDelete, "/handles/" + id, "", http.StatusNoContent},
	} {
		a := d.expect(c.status, c.token, c.method, c.path, c.body)
		reads := log.reads(t, a.header.Get("X-Request-Id"))
		assert.GreaterOrEqual(t, reads, int64(1), "%s %s: documents read", c.method, c.path)
		assert.LessOrEqual(t, reads, int64(2), "%s %s: documents read", c.method, c.path)
	}
}

// accessLog keeps the service's JSON log lines.
type accessLog struct{ testenv.LogBuffer }

// reads waits for the access log line of a request and returns the documents it read.
func (l *accessLog) reads(t *testing.T, requestID string) int64 {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		sc := bufio.NewScanner(strings.NewReader(l.String()))
		for sc.Scan() {
			var line struct {
				RequestID string `json:"requestId"`
				Firestore *struct {
					Reads int64 `json:"reads"`
				} `json:"firestore"`
			}
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.RequestID == requestID && line.Firestore != nil {
				return line.Firestore.Reads
			}
		}
	}
	require.Fail(t, "no access log line", "request %q", requestID)
	return 0
}

// TestStaleHandle: a handle is bound to the session it was made for, not to its name. Once that
// session is gone, a new session made under the same name (which keeps its correlationId, as
// MPSD's does, but is a new branch) is out of the handle's reach: its
// private data is not readable, nor the session joinable, through the old handle, and its
// members are not the handle's session members (MPSD: 404 for a stale handle).
func TestStaleHandle(t *testing.T) {
	d := newDirectory(t)
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	p := d.path("game", "reused")
	active := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	first := d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, active).doc(t)
	id := d.invite(ana, ben.ID, "game", "reused")
	h := "/handles/" + id
	d.expect(http.StatusNoContent, ana.Token, http.MethodPut, p, `{"members":{"me":null}}`) // the last member leaves: gone

	gone := d.call(ben.Token, http.MethodGet, h+"/session", "")
	assert.Equal(t, http.StatusNotFound, gone.status, "GET through the handle of a session that is gone: %s", gone.body)

	// Cal makes a new private session under the same name, with a secret in it
	again := d.expect(http.StatusCreated, cal.Token, http.MethodPut, p, `{"properties":{"custom":{"secret":"cal's"}},"members":{"me":{}}}`).doc(t)
	assert.Equal(t, first["correlationId"], again["correlationId"], "a session made again keeps its correlationId, as MPSD's does")
	assert.NotEqual(t, first["branch"], again["branch"], "a session made again is a new branch")
	for _, c := range []struct {
		name, method, path, body string
		token                    string
		status                   int
	}{
		{"the invited player reads the new session", http.MethodGet, h + "/session", "", ben.Token, http.StatusNotFound},
		{"the invited player joins the new session", http.MethodPut, h + "/session", active, ben.Token, http.StatusNotFound},
		{"the new session's creator reads through the handle", http.MethodGet, h + "/session", "", cal.Token, http.StatusNotFound},
		{"the new session's creator writes through the handle", http.MethodPut, h + "/session", active, cal.Token, http.StatusNotFound},
		{"a member of the new session reads the handle", http.MethodGet, h, "", cal.Token, http.StatusForbidden},
		{"the invited player still reads the handle itself", http.MethodGet, h, "", ben.Token, http.StatusOK},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := d.on(t).call(c.token, c.method, c.path, c.body)
			assert.Equal(t, c.status, a.status, "%s", a.body)
			assert.NotContains(t, string(a.body), "cal's", "the new session's data leaks through the old handle")
		})
	}
	doc := d.expect(http.StatusOK, cal.Token, http.MethodGet, p, "").doc(t)
	assert.Equal(t, float64(1), get(doc, "membersInfo", "count"), "nobody joined the new session through the old handle")
}

// TestInviteAttributes: inviteAttributes are kept as JSON text, so any JSON object within the
// bounds is stored and rendered back as sent, including what Firestore cannot hold as fields
// (arrays in arrays, empty or reserved keys); past the bounds it is a 4xx naming the field. A
// write to the session right after each invite goes through at once: a commit Firestore refused
// used to leave the session locked for up to a minute.
func TestInviteAttributes(t *testing.T) {
	d := newDirectory(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	p := d.path("game", "attributes")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{"members":{"me":{}}}`)
	nested := func(levels int) string { // an object nested levels deep, inviteAttributes itself included
		return strings.Repeat(`{"a":`, levels-1) + `{}` + strings.Repeat(`}`, levels-1)
	}
	for _, c := range []struct {
		name, attributes string
		status           int
	}{
		{"MPSD's attributes", `{"titleId":"1234","context":"join%20me","contextString":"ctx","senderString":"Ana"}`, http.StatusCreated},
		{"arrays in arrays", `{"grid":[[1,2],[3,[4]]]}`, http.StatusCreated},
		{"an empty key", `{"":"empty","a":{"":1}}`, http.StatusCreated},
		{"reserved keys", `{"__name__":"x","__key__":{"__id__":1}}`, http.StatusCreated},
		{"numbers as written", `{"level":3,"ratio":1.50,"big":12345678901234567890}`, http.StatusCreated},
		{"as deep as allowed", nested(session.MaxInviteAttributesDepth), http.StatusCreated},
		{"deeper than allowed", nested(session.MaxInviteAttributesDepth + 1), http.StatusBadRequest},
		{"deeper than Firestore allows", nested(21), http.StatusBadRequest},
		{"larger than allowed", `{"a":"` + strings.Repeat("x", session.MaxInviteAttributesBytes) + `"}`, http.StatusRequestEntityTooLarge},
		{"not an object", `[1]`, http.StatusBadRequest},
	} {
		body := `{"type":"invite","version":1,"sessionRef":{"scid":"` + d.scid + `","templateName":"game","name":"attributes"},"invitedXuid":"` + ben.ID +
			`","inviteAttributes":` + c.attributes + `}`
		made := d.call(ana.Token, http.MethodPost, "/handles", body)
		if assert.Equal(t, c.status, made.status, "%s: %s", c.name, made.body) && c.status == http.StatusCreated {
			var handle struct {
				Attributes json.RawMessage `json:"inviteAttributes"`
			}
			read := d.expect(http.StatusOK, ben.Token, http.MethodGet, "/handles/"+handleID(t, made.doc(t)), "")
			require.NoError(t, json.Unmarshal(read.body, &handle))
			assert.Equal(t, canonical(t, c.attributes), canonical(t, string(handle.Attributes)), "%s: stored and read back", c.name)
		} else {
			assert.Contains(t, string(made.body), "inviteAttributes", c.name)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		next := d.callContext(ctx, ana.Token, http.MethodPut, p, `{"properties":{"custom":{"after":"`+c.name+`"}}}`)
		cancel()
		assert.Equal(t, http.StatusOK, next.status, "%s: a write to the session right after the invite: %s", c.name, next.body)
	}
}

// canonical is JSON text with its keys in order and its numbers as written.
func canonical(t *testing.T, raw string) string {
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var v any
	require.NoError(t, dec.Decode(&v), raw)
	out, err := json.Marshal(v)
	require.NoError(t, err)
	return string(out)
}
