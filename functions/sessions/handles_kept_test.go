package sessions_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestSearchHandleByID: GET /handles/{id} reads a search handle (the handle alone, to anyone);
// DELETE /handles/{id} deletes it (ClearSearchHandle) for a member, an owner once the session
// has owners, or a server principal, without changing the session's document; a handle that was
// replaced, deleted, or whose session is gone or made anew is 404.
func TestSearchHandleByID(t *testing.T) {
	d := newDirectory(t)
	ana, ben, cal, dan := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal"), testenv.NewPlayer(t, "Dan")
	active := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	p := d.path("lobby", "byid")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, searchable)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, active)
	made := d.search(http.StatusCreated, ana, "lobby", "byid", `{"tags":["casual"],"strings":{"map":"Harbor"}}`).doc(t)
	id := handleID(t, made)
	h := "/handles/" + id

	got := d.expect(http.StatusOK, cal.Token, http.MethodGet, h, "").doc(t) // anyone: a search handle advertises
	for _, k := range []string{"relatedInfo", "customProperties", "roleInfo"} {
		delete(made, k)
	}
	assert.Equal(t, made, got, "the handle as made, without what a query may include")

	before := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")
	d.expect(http.StatusForbidden, cal.Token, http.MethodDelete, h, "", "handleId", "only members")
	d.expect(http.StatusOK, cal.Token, http.MethodGet, h, "")
	d.expect(http.StatusNoContent, ben.Token, http.MethodDelete, h, "") // any member who has accepted
	after := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")
	assert.NotContains(t, after.doc(t), "searchHandle", "the session no longer names it")
	assert.Equal(t, before.header.Get("ETag"), after.header.Get("ETag"), "no change of the document")
	d.expect(http.StatusNotFound, cal.Token, http.MethodGet, h, "", "handleId")
	d.expect(http.StatusNotFound, ana.Token, http.MethodDelete, h, "", "handleId")
	query := `{"type":"search","scid":"` + d.scid + `","templateName":"lobby"}`
	assert.Empty(t, d.expect(http.StatusOK, cal.Token, http.MethodPost, "/handles/query", query).doc(t)["results"], "gone from queries")

	// a handle replaced by another is gone; the new one is read and deleted by its own ID
	first := handleID(t, d.search(http.StatusCreated, ana, "lobby", "byid", `{}`).doc(t))
	second := handleID(t, d.search(http.StatusCreated, ana, "lobby", "byid", `{}`).doc(t))
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, "/handles/"+first, "", "handleId")
	d.expect(http.StatusNotFound, ana.Token, http.MethodDelete, "/handles/"+first, "", "handleId")
	d.expect(http.StatusOK, ana.Token, http.MethodGet, "/handles/"+second, "")
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, "/handles/"+second+"/session", "", "handleId") // a search handle grants nothing

	// its session gone, or made anew under the name: 404
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":null}}`)
	d.expect(http.StatusNoContent, ana.Token, http.MethodPut, p, `{"members":{"me":null}}`)
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, "/handles/"+second, "", "handleId")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, searchable)
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, "/handles/"+second, "", "handleId")
	d.expect(http.StatusNotFound, ana.Token, http.MethodDelete, "/handles/"+second, "", "handleId")

	// with owners, only an owner (or a server principal) deletes it
	q := d.path("lobby", "owned")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, q, `{"constants":{"system":{"capabilities":{"searchable":true,"hasOwners":true}}},
		"properties":{"system":{"owners":[0]}},"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, q, active)
	owned := handleID(t, d.search(http.StatusCreated, ana, "lobby", "owned", `{}`).doc(t))
	d.expect(http.StatusForbidden, ben.Token, http.MethodDelete, "/handles/"+owned, "", "only an owner")
	d.expect(http.StatusNoContent, serverToken(t, dan), http.MethodDelete, "/handles/"+owned, "")
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, "/handles/"+owned, "")
}

// TestActivityHandleByID: GET /handles/{id} reads an activity that still holds (to anyone, as
// the activity query answers it); DELETE /handles/{id} deletes it for its owner or a server
// principal; one that no longer holds (its owner went inactive, it was replaced, its session is
// gone) is 404.
func TestActivityHandleByID(t *testing.T) {
	d := newDirectory(t)
	ana, ben, dan := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Dan")
	active := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	p := d.path("lobby", "act")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, active)
	activity := func(name string) string {
		return `{"type":"activity","version":1,"sessionRef":{"scid":"` + d.scid + `","templateName":"lobby","name":"` + name + `"}}`
	}
	made := d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", activity("act")).doc(t)
	id := handleID(t, made)
	h := "/handles/" + id

	assert.Equal(t, made, d.expect(http.StatusOK, ben.Token, http.MethodGet, h, "").doc(t), "as made, to anyone")
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, h+"/session", "", "handleId") // an activity grants nothing
	d.expect(http.StatusForbidden, ben.Token, http.MethodDelete, h, "", "handleId", "owner")
	d.expect(http.StatusNoContent, ana.Token, http.MethodDelete, h, "")
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, h, "", "handleId")
	d.expect(http.StatusNotFound, ana.Token, http.MethodDelete, h, "", "handleId")
	query := `{"type":"activity","scid":"` + d.scid + `","owners":{"xuids":["` + ana.ID + `"]}}`
	assert.Empty(t, d.expect(http.StatusOK, ben.Token, http.MethodPost, "/handles/query", query).doc(t)["results"], "gone from queries")

	// replaced by a new one: 404; the new one a server principal deletes
	first := handleID(t, d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", activity("act")).doc(t))
	second := handleID(t, d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", activity("act")).doc(t))
	d.expect(http.StatusNotFound, ben.Token, http.MethodGet, "/handles/"+first, "", "handleId")
	d.expect(http.StatusNotFound, ana.Token, http.MethodDelete, "/handles/"+first, "", "handleId")
	d.expect(http.StatusNoContent, serverToken(t, dan), http.MethodDelete, "/handles/"+second, "")

	// no longer held: its owner went inactive, or its session is gone
	third := handleID(t, d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", activity("act")).doc(t))
	d.clock.Advance(time.Second)
	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"active":false}}}}}`)
	d.expect(http.StatusNotFound, ben.Token, http.MethodGet, "/handles/"+third, "", "handleId")
	d.expect(http.StatusNotFound, ana.Token, http.MethodDelete, "/handles/"+third, "", "handleId")
	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, active)
	fourth := handleID(t, d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", activity("act")).doc(t))
	d.expect(http.StatusOK, ana.Token, http.MethodGet, "/handles/"+fourth, "")
	d.expect(http.StatusNoContent, ana.Token, http.MethodPut, p, `{"members":{"me":null}}`)
	d.expect(http.StatusNotFound, ana.Token, http.MethodGet, "/handles/"+fourth, "", "handleId")
	require.Equal(t, http.StatusNotFound, d.call(ana.Token, http.MethodDelete, "/handles/"+fourth, "").status)
}

// TestHandlesWithOlderIDs: a search handle and an activity whose IDs name no place (random
// version-4 GUIDs, as OpenPlay made handle IDs before they said where the handle is kept) are
// still read and deleted by ID, looked for in each place in turn; made through POST /handles,
// each ID names its place.
func TestHandlesWithOlderIDs(t *testing.T) {
	d := newDirectory(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	ctx, p := t.Context(), d.path("lobby", "older")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, searchable)
	ref := session.Ref{SCID: d.scid, Template: "lobby", Name: "older"}
	me := session.Caller{ID: ana.ID, Name: "Ana"}
	searchID, activityID := guid(), guid() // version 4
	sh, err := session.DecodeSearchHandle([]byte(`{"type":"search","version":1,"sessionRef":{"scid":"` + d.scid + `","templateName":"lobby","name":"older"}}`))
	require.NoError(t, err)
	_, err = d.svc.Store.PutExistingSession(ctx, ref, d.clock.Now(), func(stored *session.Session, _ *session.Template) (*session.Result, error) {
		return session.SetSearch(stored, *sh, searchID, me, d.clock.Now(), d.svc.Config.ApplicationID)
	})
	require.NoError(t, err)
	_, err = d.svc.Store.SetActivity(ctx, ref, ana.ID, func(s *session.Session) (*session.Activity, error) {
		return s.SetActivity(activityID, me, d.clock.Now())
	})
	require.NoError(t, err)

	for _, id := range []string{searchID, activityID} {
		require.Len(t, session.HandlePlaces(id), 3, "an ID that names no place")
		assert.Equal(t, id, d.expect(http.StatusOK, ben.Token, http.MethodGet, "/handles/"+id, "").doc(t)["id"])
		d.expect(http.StatusNoContent, ana.Token, http.MethodDelete, "/handles/"+id, "")
		d.expect(http.StatusNotFound, ben.Token, http.MethodGet, "/handles/"+id, "", "handleId")
	}

	made := map[string]session.HandlePlace{}
	id := handleID(t, d.search(http.StatusCreated, ana, "lobby", "older", `{}`).doc(t))
	made[id] = session.InSession
	activity := `{"type":"activity","version":1,"sessionRef":{"scid":"` + d.scid + `","templateName":"lobby","name":"older"}}`
	id = handleID(t, d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", activity).doc(t))
	made[id] = session.InActivity
	invite := `{"type":"invite","version":1,"sessionRef":{"scid":"` + d.scid + `","templateName":"lobby","name":"older"},"invitedXuid":"` + ben.ID + `"}`
	id = handleID(t, d.expect(http.StatusCreated, ana.Token, http.MethodPost, "/handles", invite).doc(t))
	made[id] = session.InHandles
	for id, place := range made {
		assert.Equal(t, []session.HandlePlace{place}, session.HandlePlaces(id), id)
		d.expect(http.StatusOK, ana.Token, http.MethodGet, "/handles/"+id, "")
	}
}
