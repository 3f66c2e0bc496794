package sessions_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"cloud.google.com/go/pubsub/v2"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/testenv"
)

// received decodes the notifications of a subscription for recipient.
func received(sub *testenv.Subscription, recipient string, want int) []notification.Notification {
	msgs := sub.Collect(func(m *pubsub.Message) bool { return m.Attributes["recipient"] == recipient }, want, 10*time.Second)
	out := make([]notification.Notification, len(msgs))
	for i, m := range msgs {
		_ = json.Unmarshal(m.Data, &out[i])
	}
	return out
}

// TestShoulderTaps: a member subscribed to membersList and customProperty hears of a join and of
// a custom property, through the outbox and openplay-session-changes; the writer is not tapped.
func TestShoulderTaps(t *testing.T) {
	sub := testenv.Subscribe(t, notification.TopicSessionChanges)
	d := newDirectory(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	p := d.path("lobby", "taps")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"active":true,
		"subscription":{"id":"9D0B8B5C-0000-0000-0000-000000000001","changeTypes":["membersList","CustomProperty"]}}}}}}`)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"custom":{"hp":3}}}}}`) // not subscribed
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"properties":{"custom":{"map":"ice"}}}`)
	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"custom":{"mode":"ffa"}}}`) // Ben is not subscribed
	taps := received(sub, ana.ID, 2)
	require.Len(t, taps, 2, "Ana's taps")
	slices.SortFunc(taps, func(a, b notification.Notification) int { return int(a.Version - b.Version) }) // arrival order is not guaranteed
	ref := d.scid + "~lobby~taps"
	assert.Equal(t, notification.SessionChange, taps[0].Type, "taps %+v", taps)
	assert.Equal(t, ref, taps[0].SessionRef, "taps %+v", taps)
	assert.Equal(t, int64(2), taps[0].Version, "taps %+v", taps)
	assert.Equal(t, "membersList", strings.Join(taps[0].ChangeTypes, ","), "taps %+v", taps)
	assert.Equal(t, int64(4), taps[1].Version, "taps %+v", taps)
	assert.Equal(t, "customProperty", strings.Join(taps[1].ChangeTypes, ","), "taps %+v", taps)
	assert.Len(t, testenv.OutboxRecordsTo(t, d.svc.Store, ana.ID, "sessionRef", ref), 2, "Ana's taps in the outbox")
	assert.Empty(t, testenv.OutboxRecordsTo(t, d.svc.Store, ben.ID, "sessionRef", ref), "Ben, not subscribed, is owed taps")

	// the consumer of openplay-session-changes puts a tap into Ana's inbox, with its session
	data, _ := json.Marshal(taps[1])
	push, _ := json.Marshal(map[string]any{"message": map[string]any{"data": data, "messageId": "1"}})
	status, raw := d.Do("", http.MethodPost, "/operations/notifications/deliver/session-changes", string(push))
	require.Equal(t, http.StatusNoContent, status, "delivering the tap: %s", raw)
	var inbox struct {
		Items []map[string]any `json:"items"`
	}
	d.OK(ana, http.MethodGet, "/openplay/v1/notifications", nil, &inbox)
	// (a dev server running beside the tests may have delivered the other tap too)
	i := slices.IndexFunc(inbox.Items, func(n map[string]any) bool { return n["id"] == taps[1].ID })
	if assert.GreaterOrEqual(t, i, 0, "Ana's inbox %s", js(inbox.Items)) {
		assert.Equal(t, ref, inbox.Items[i]["sessionRef"], "Ana's inbox %s", js(inbox.Items))
		assert.Equal(t, "SESSION_CHANGE", inbox.Items[i]["type"], "Ana's inbox %s", js(inbox.Items))
		assert.Equal(t, `["customProperty"]`, js(inbox.Items[i]["changeTypes"]), "Ana's inbox %s", js(inbox.Items))
	}
}

// TestInviteHandle: a member invites a player with POST /handles; the player gets a
// SESSION_INVITE on openplay-invitations; non-members and other handle types are refused.
func TestInviteHandle(t *testing.T) {
	sub := testenv.Subscribe(t, notification.TopicInvitations)
	d := newDirectory(t)
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("game", "inv"), `{}`)
	body := `{"type":"invite","version":1,"sessionRef":{"scid":"` + d.scid + `","templateName":"game","name":"inv"},"invitedXuid":"` + ben.ID + `","inviteAttributes":{"titleId":"1234"}}`
	made := d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", body).doc(t)
	assert.NotEqual(t, "", made["id"], "handle %s", js(made))
	assert.Equal(t, ana.ID, made["senderXuid"], "handle %s", js(made))
	assert.Equal(t, ben.ID, made["invitedXuid"], "handle %s", js(made))
	assert.Equal(t, "1234", get(made, "inviteAttributes", "titleId"), "handle %s", js(made))
	d.expect(http.StatusForbidden, cal.Token, http.MethodPost, "/handles", body, "members")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPost, "/handles", strings.Replace(body, `"invite"`, `"party"`, 1), "not supported yet")
	d.expect(http.StatusNotFound, ana.Token, http.MethodPost, "/handles", strings.Replace(body, `"inv"}`, `"none"}`, 1))
	got := received(sub, ben.ID, 1)
	if assert.Len(t, got, 1, "Ben's invitations") {
		assert.Equal(t, notification.SessionInvite, got[0].Type, "Ben got %+v", got)
		assert.Equal(t, d.scid+"~game~inv", got[0].SessionRef, "Ben got %+v", got)
		assert.Equal(t, "You are invited to join a game session", got[0].Text, "Ben got %+v", got)
		assert.Equal(t, "Ana", got[0].SenderName, "Ben got %+v", got)
	}
}

// TestQuery: sessions by member and by keyword, with the access rule on private=true.
func TestQuery(t *testing.T) {
	d := newDirectory(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	active := `{"members":{"me":{"properties":{"system":{"active":true}}}},"properties":{"system":{"keywords":["Ranked"],"turn":[0]}}}`
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("lobby", "q1"), active)
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("game", "q2"), `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("lobby", "q3"), `{"members":{"me":{}}}`) // inactive
	base := "/serviceconfigs/" + d.scid + "/sessions?"
	names := func(a answer) string {
		var out struct {
			Results []map[string]any `json:"results"`
		}
		_ = json.Unmarshal(a.body, &out)
		var list []string
		for _, r := range out.Results {
			list = append(list, get(r, "sessionRef", "name").(string))
		}
		slices.Sort(list)
		return strings.Join(list, ",")
	}
	assert.Equal(t, "q1", names(d.expect(http.StatusOK, ana.Token, http.MethodGet, base+"xuid="+ana.ID, "")), "active, public")
	assert.Equal(t, "q1,q2,q3", names(d.expect(http.StatusOK, ana.Token, http.MethodGet, base+"xuid="+ana.ID+"&inactive=true&private=true", "")),
		"with inactive and private")
	for vis, want := range map[string]string{"open": "q1,q3", "private": "q2"} {
		assert.Equal(t, want, names(d.expect(http.StatusOK, ana.Token, http.MethodGet, base+"xuid="+ana.ID+"&inactive=true&private=true&visibility="+vis, "")),
			"visibility=%s", vis)
	}
	d.expect(http.StatusBadRequest, ana.Token, http.MethodGet, base+"xuid="+ana.ID+"&visibility=private", "", "private=true")
	res := d.expect(http.StatusOK, ben.Token, http.MethodGet, base+"keyword=ranked&take=5", "")
	assert.Equal(t, "q1", names(res), "by keyword: %s", res.body)
	assert.Contains(t, string(res.body), `"visibility":"open"`, "by keyword")
	assert.Empty(t, names(d.expect(http.StatusOK, ana.Token, http.MethodGet, base+"xuid="+ana.ID+"&keyword=ranked&take=0", "")), "take=0")
	d.expect(http.StatusForbidden, ben.Token, http.MethodGet, base+"xuid="+ana.ID+"&private=true", "", "private")
	d.expect(http.StatusBadRequest, ben.Token, http.MethodGet, base+"take=1", "", "xuid")
	d.expect(http.StatusBadRequest, ben.Token, http.MethodGet, base+"xuid=x&take=101", "", "take")
}

// TestBatchQuery: POST …/batch answers each player's sessions, as the query finds them, grouped
// per player in request order; a session of two of them is in both groups.
func TestBatchQuery(t *testing.T) {
	d := newDirectory(t)
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	active := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("lobby", "b1"), active)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, d.path("lobby", "b1"), active)
	d.clock.Advance(time.Second)
	d.expect(http.StatusCreated, ben.Token, http.MethodPut, d.path("lobby", "b2"), active)
	d.clock.Advance(time.Second)
	d.expect(http.StatusCreated, ben.Token, http.MethodPut, d.path("game", "b3"), active) // private
	batch := "/serviceconfigs/" + d.scid + "/batch"
	items := func(a answer) string {
		var out struct {
			Results []map[string]any `json:"results"`
		}
		require.NoError(t, json.Unmarshal(a.body, &out), "%s", a.body)
		var list []string
		for _, r := range out.Results {
			who := map[any]string{ana.ID: "ana", ben.ID: "ben", cal.ID: "cal"}[r["xuid"]]
			list = append(list, who+":"+get(r, "sessionRef", "name").(string))
		}
		return strings.Join(list, ",")
	}
	body := `{"xuids":["` + ben.ID + `","` + cal.ID + `","` + ana.ID + `"]}`
	assert.Equal(t, "ben:b2,ben:b1,ana:b1", items(d.expect(http.StatusOK, cal.Token, http.MethodPost, batch, body)), "newest first per player")
	assert.Equal(t, "ben:b2,ana:b1", items(d.expect(http.StatusOK, cal.Token, http.MethodPost, batch+"?take=1", body)), "take per player")
	assert.Equal(t, "ben:b3,ben:b2,ben:b1", items(d.expect(http.StatusOK, ben.Token, http.MethodPost, batch+"?private=true", `{"xuids":["`+ben.ID+`"]}`)),
		"private=true for the caller")
	d.expect(http.StatusForbidden, ben.Token, http.MethodPost, batch+"?private=true", body, "private")
	ten := `{"xuids":["` + ben.ID + `","a","b","c","d","e","f","g","h","i"]}`
	assert.Equal(t, "ben:b2,ben:b1", items(d.expect(http.StatusOK, cal.Token, http.MethodPost, batch+"?inactive=true", ten)), "ten players, twenty entries")
	assert.Equal(t, "ben:b3,ben:b2,ben:b1,ana:b1", items(d.expect(http.StatusOK, serverToken(t, cal), http.MethodPost, batch+"?private=true&reservations=true", body)),
		"a server principal reads anyone's private sessions")
	assert.Equal(t, "", items(d.expect(http.StatusOK, cal.Token, http.MethodPost, batch+"?take=0", body)), "take=0")
	d.expect(http.StatusForbidden, cal.Token, http.MethodPost, batch+"?reservations=true", body, "private")
	six := `{"xuids":["` + ben.ID + `","a","b","c","d","e"]}`
	d.expect(http.StatusBadRequest, serverToken(t, cal), http.MethodPost, batch+"?private=true&reservations=true&inactive=true", six, "xuids", "at most 5 players")
	eleven := `{"xuids":["a","b","c","d","e","f","g","h","i","j","k"]}`
	d.expect(http.StatusBadRequest, ben.Token, http.MethodPost, batch, eleven, "xuids", "1 to 10")
	d.expect(http.StatusBadRequest, ben.Token, http.MethodPost, batch, `{"xuids":["a b"]}`, "xuids[0]")
	d.expect(http.StatusRequestEntityTooLarge, ben.Token, http.MethodPost, batch, `{"xuids":["`+strings.Repeat("x", 9<<10)+`"]}`)
	d.expect(http.StatusBadRequest, ben.Token, http.MethodPost, batch+"?xuid="+ben.ID, body, "xuid")
	d.expect(http.StatusBadRequest, ben.Token, http.MethodPost, batch, `{"xuids":[]}`, "xuids")
	d.expect(http.StatusBadRequest, ben.Token, http.MethodPost, "/serviceconfigs/not-a-guid/batch", body, "scid")
	d.expect(http.StatusBadRequest, ben.Token, http.MethodPost, batch+"?take=101", body, "take")
	d.expect(http.StatusUnauthorized, "", http.MethodPost, batch, body)
}

// TestTemplates: listing and reading a service config's templates.
func TestTemplates(t *testing.T) {
	d := newDirectory(t)
	ana := testenv.NewPlayer(t, "Ana")
	list := d.expect(http.StatusOK, ana.Token, http.MethodGet, "/serviceconfigs/"+d.scid+"/sessiontemplates", "")
	assert.Contains(t, string(list.body), `"name":"duo"`, "list")
	assert.Contains(t, string(list.body), `"name":"lobby"`, "list")
	one := d.expect(http.StatusOK, ana.Token, http.MethodGet, "/serviceconfigs/"+d.scid+"/sessionTemplates/LOBBY", "").doc(t)
	assert.Equal(t, float64(4), get(one, "constants", "system", "maxMembersCount"), "template %s", js(one))
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, "/serviceconfigs/"+d.scid+"/sessionTemplates/none", "")
}

// TestNoCommit: PUT ?nocommit=true answers the merged session with the PUT's status code, but
// stores nothing and taps nobody; a value other than true or false is 400 naming nocommit.
func TestNoCommit(t *testing.T) {
	sub := testenv.Subscribe(t, notification.TopicSessionChanges)
	d := newDirectory(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	p := d.path("lobby", "dry")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"active":true,
		"subscription":{"id":"9D0B8B5C-0000-0000-0000-000000000001","changeTypes":["membersList","customProperty"]}}}}}}`)
	stored := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")

	dry := d.expect(http.StatusOK, ben.Token, http.MethodPut, p+"?nocommit=true", `{"members":{"me":{}},"properties":{"custom":{"map":"ice"}}}`).doc(t)
	assert.Equal(t, "ice", get(dry, "properties", "custom", "map"), "the merged result: %s", js(dry))
	assert.Equal(t, float64(2), get(dry, "membersInfo", "count"), "the merged result: %s", js(dry))
	assert.Equal(t, float64(2), dry["changeNumber"], "the merged result: %s", js(dry))
	again := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")
	assert.Equal(t, stored.header.Get("ETag"), again.header.Get("ETag"), "nothing stored")
	assert.Equal(t, string(stored.body), string(again.body), "nothing stored")

	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("lobby", "never")+"?nocommit=true", `{"members":{"me":{}}}`)
	d.expect(http.StatusNoContent, ana.Token, http.MethodGet, d.path("lobby", "never"), "")
	d.expect(http.StatusNoContent, ana.Token, http.MethodPut, p+"?nocommit=true", `{"members":{"me":null}}`)
	d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPut, p+"?nocommit=yes", `{}`, "nocommit")

	// Ben's committed join is the only change Ana hears of
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":{}}}`)
	taps := received(sub, ana.ID, 1)
	if assert.Len(t, taps, 1, "Ana's taps %+v", taps) {
		assert.Equal(t, int64(2), taps[0].Version, "taps %+v", taps)
		assert.Equal(t, "membersList", strings.Join(taps[0].ChangeTypes, ","), "taps %+v", taps)
	}
}
