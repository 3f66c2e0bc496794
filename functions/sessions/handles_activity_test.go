package sessions_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestActivityHandles: an active member sets an activity (a new one replaces the old); the
// query answers each player's activity while they stay active in that session, with its
// related info and custom properties when asked; leaving, going inactive and the session going
// away end it.
func TestActivityHandles(t *testing.T) {
	d := newDirectory(t)
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	active := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("lobby", "a1"), `{"members":{"me":{"properties":{"system":{"active":true}}}},
		"properties":{"custom":{"map":"harbor"}}}`)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, d.path("lobby", "a1"), active)
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("keep", "a2"), active)
	activity := func(name string) string {
		return `{"type":"activity","version":1,"sessionRef":{"scid":"` + d.scid + `","templateName":"` + map[string]string{"a1": "lobby", "a2": "keep", "a3": "lobby"}[name] + `","name":"` + name + `"}}`
	}
	made := d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", activity("a1")).doc(t)
	assert.Equal(t, "activity", made["type"])
	assert.Equal(t, ana.ID, made["ownerXuid"])
	assert.Regexp(t, `^[0-9a-f-]{36}$`, made["id"])
	d.expect(http.StatusCreated, ben.Token, http.MethodPost, "/handles", activity("a1"))
	d.expect(http.StatusForbidden, cal.Token, http.MethodPost, "/handles", activity("a1"), "sessionRef", "active member")
	d.expect(http.StatusNotFound, ana.Token, http.MethodPost, "/handles", activity("a3"))
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPost, "/handles", `{"type":"activity","version":1}`, "sessionRef")

	query := func(include string, owners ...string) []map[string]any {
		body := `{"type":"activity","scid":"` + d.scid + `","owners":{"xuids":["` + strings.Join(owners, `","`) + `"]}}`
		a := d.expect(http.StatusOK, cal.Token, http.MethodPost, "/handles/query"+include, body)
		var out struct {
			Results []map[string]any `json:"results"`
		}
		require.NoError(t, json.Unmarshal(a.body, &out), "%s", a.body)
		return out.Results
	}
	names := func(results []map[string]any) string {
		var list []string
		for _, r := range results {
			who := map[any]string{ana.ID: "ana", ben.ID: "ben", cal.ID: "cal"}[r["ownerXuid"]]
			list = append(list, who+":"+get(r, "sessionRef", "name").(string))
		}
		return strings.Join(list, ",")
	}
	assert.Equal(t, "ben:a1,ana:a1", names(query("", ben.ID, cal.ID, ana.ID)), "in the owners' order")
	full := query("?include=relatedInfo,customProperties", ana.ID)
	require.Len(t, full, 1)
	assert.Equal(t, made["id"], full[0]["id"])
	assert.Equal(t, map[string]any{"visibility": "open", "joinRestriction": "none", "closed": false, "maxMembersCount": float64(4), "membersCount": float64(2)},
		full[0]["relatedInfo"])
	assert.Equal(t, map[string]any{"map": "harbor"}, full[0]["customProperties"])
	assert.NotContains(t, query("", ana.ID)[0], "relatedInfo", "only when included")

	d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", activity("a2"))
	assert.Equal(t, "ana:a2,ben:a1", names(query("", ana.ID, ben.ID)), "a new activity replaces the old")
	d.clock.Advance(time.Second)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, d.path("lobby", "a1"), `{"members":{"me":{"properties":{"system":{"active":false}}}}}`)
	assert.Equal(t, "ana:a2", names(query("", ana.ID, ben.ID)), "inactive: no activity")
	d.expect(http.StatusOK, ben.Token, http.MethodPut, d.path("lobby", "a1"), active)
	assert.Equal(t, "ana:a2", names(query("", ana.ID, ben.ID)), "active again: still none (it ended when he went inactive)")
	d.expect(http.StatusCreated, ben.Token, http.MethodPost, "/handles", activity("a1"))
	assert.Equal(t, "ana:a2,ben:a1", names(query("", ana.ID, ben.ID)), "set again")
	d.expect(http.StatusOK, ben.Token, http.MethodDelete, d.path("lobby", "a1")+"/members/me", "")
	assert.Equal(t, "ana:a2", names(query("", ana.ID, ben.ID)), "left: no activity")
	d.clock.Advance(time.Second)
	d.expect(http.StatusOK, ana.Token, http.MethodDelete, d.path("keep", "a2")+"/members/me", "") // kept empty
	d.expect(http.StatusOK, ana.Token, http.MethodPut, d.path("keep", "a2"), active)
	assert.Empty(t, query("", ana.ID, ben.ID), "she left and came back: her activity ended when she left")
	d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", activity("a1"))
	d.expect(http.StatusNoContent, ana.Token, http.MethodDelete, d.path("lobby", "a1")+"/members/me", "") // the last member: the session goes
	assert.Empty(t, query("", ana.ID, ben.ID), "its session is gone")

	q := "/handles/query"
	people := `{"type":"activity","scid":"` + d.scid + `","owners":{"people":{"moniker":"friends","monikerXuid":"` + ana.ID + `"}}}`
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPost, q, people, "owners.people", "social graph")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPost, q, `{"type":"party","scid":"`+d.scid+`"}`, "type", "no query")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPost, q, `{"scid":"`+d.scid+`"}`, "type")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPost, q, `[]`)
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPost, q+"?include=roleInfo", `{"type":"activity","scid":"`+d.scid+`","owners":{"xuids":["a"]}}`, "include")
	d.expect(http.StatusBadRequest, ana.Token, http.MethodPost, q, `{"type":"activity","owners":{"xuids":["a"]}}`, "scid")
	d.expect(http.StatusRequestEntityTooLarge, ana.Token, http.MethodPost, q, `{"type":"activity","scid":"`+strings.Repeat("x", 65<<10)+`"}`)
	d.expect(http.StatusUnauthorized, "", http.MethodPost, q, people)
}

// TestActivityExpires: an activity's document carries expireAt, the field of its Firestore TTL
// policy, store.ActivityRetention after it was set, so activities nobody replaces do not pile up.
func TestActivityExpires(t *testing.T) {
	d := newDirectory(t)
	ana := testenv.NewPlayer(t, "Ana")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("lobby", "ttl"), `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles",
		`{"type":"activity","version":1,"sessionRef":{"scid":"`+d.scid+`","templateName":"lobby","name":"ttl"}}`)
	client, err := d.svc.Store.Client(t.Context())
	require.NoError(t, err)
	snap, err := client.Collection(store.SessionActivities).Doc(d.scid + "~" + store.PlayerDocID(ana.ID)).Get(t.Context())
	require.NoError(t, err)
	at, err := snap.DataAt("expireAt")
	require.NoError(t, err)
	assert.WithinDuration(t, d.clock.Now().Add(store.ActivityRetention), at.(time.Time), time.Millisecond)
}
