package sessions_test

import (
	"fmt"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestLobbyEndToEnd drives a lobby made from the sample template in infra/ through the route
// table over HTTP: create, reserve two players, both join, properties, turn order, one leaves,
// a reservation times out (the clock is the service's), an invitee accepts through the invite
// handle once the lobby is no longer closed, and the last to leave gets 204.
func TestLobbyEndToEnd(t *testing.T) {
	d := newDirectory(t)
	raw, err := os.ReadFile("../../infra/session-templates/00000000-0000-0000-0000-000000000000/lobby.json")
	require.NoError(t, err)
	tpl, err := session.ParseTemplate(d.scid, "sample-lobby", raw)
	require.NoError(t, err)
	require.NoError(t, d.svc.Store.WriteTemplates(t.Context(), []*session.Template{tpl}, nil))
	ana, ben, cal, dan := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal"), testenv.NewPlayer(t, "Dan")
	p := d.path("sample-lobby", "friday")
	active := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	reserve := func(players ...testenv.Player) string {
		body := `{"members":{"me":{"properties":{"system":{"active":true}}}`
		for i, pl := range players {
			body += `,"reserve_` + string(rune('0'+i)) + `":{"constants":{"system":{"xuid":"` + pl.ID + `"}}}`
		}
		return body + `}}`
	}

	created := d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, reserve(ben, cal)).doc(t)
	require.Equal(t, float64(3), get(created, "membersInfo", "count"), "created %s", js(created))
	require.Equal(t, float64(1), get(created, "membersInfo", "accepted"), "created %s", js(created))
	require.Equal(t, true, get(created, "members", "1", "reserved"), "created %s", js(created))
	require.Equal(t, float64(8), get(created, "constants", "system", "maxMembersCount"), "created %s", js(created))
	d.clock.Advance(5 * time.Second)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, active)
	both := d.expect(http.StatusOK, cal.Token, http.MethodPut, p, active).doc(t)
	require.Equal(t, float64(3), get(both, "membersInfo", "accepted"), "after both joined %s", js(both))
	require.Equal(t, float64(3), get(both, "membersInfo", "active"), "after both joined %s", js(both))
	require.Equal(t, "Cal", get(both, "members", "2", "gamertag"), "after both joined %s", js(both))

	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"keywords":["casual"]},"custom":{"map":"harbor","rounds":3}}}`)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"custom":{"team":"red"}}}}}`)
	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"turn":[0]}}}`)
	turn := d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"turn":[1]}}}`).doc(t)
	require.Equal(t, `[1]`, js(get(turn, "properties", "system", "turn")), "after the turn passed %s", js(turn))
	require.Equal(t, true, get(turn, "members", "1", "turn"), "after the turn passed %s", js(turn))
	require.Nil(t, get(turn, "members", "0", "turn"), "after the turn passed %s", js(turn))
	require.Equal(t, "red", get(turn, "members", "1", "properties", "custom", "team"), "after the turn passed %s", js(turn))
	require.Equal(t, float64(3), get(turn, "properties", "custom", "rounds"), "after the turn passed %s", js(turn))

	left := d.expect(http.StatusOK, cal.Token, http.MethodDelete, p+"/members/me", "").doc(t)
	require.Equal(t, float64(2), get(left, "membersInfo", "count"), "after Cal left %s", js(left))
	require.Nil(t, get(left, "members", "2"), "after Cal left %s", js(left))

	withDan := d.call(ana.Token, http.MethodPut, p, reserve(dan))
	require.Equal(t, http.StatusOK, withDan.status, "reserving Dan: %s", withDan.body)
	require.NotEmpty(t, withDan.header.Get("Expires"), "reserving Dan: Expires")
	require.NotNil(t, get(withDan.doc(t), "nextTimer"), "reserving Dan: %s", withDan.body)
	before := withDan.doc(t)
	d.clock.Advance(30 * time.Second) // the lobby's reservedRemovalTimeout
	after := d.expect(http.StatusOK, ben.Token, http.MethodGet, p, "").doc(t)
	msg := fmt.Sprintf("after Dan's reservation timed out: %s (before %s)", js(after["membersInfo"]), js(before["membersInfo"]))
	require.Equal(t, float64(2), get(after, "membersInfo", "count"), msg)
	require.Equal(t, get(before, "membersInfo", "accepted"), get(after, "membersInfo", "accepted"), msg)
	require.IsType(t, float64(0), get(before, "changeNumber"), msg)
	require.Equal(t, get(before, "changeNumber").(float64)+1, get(after, "changeNumber"), msg)
	require.Nil(t, get(after, "nextTimer"), msg)
	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"closed":true}}}`)
	d.expect(http.StatusForbidden, dan.Token, http.MethodPut, p, active, "closed")
	// an invite lets Dan read the closed lobby but not join it until it opens (docs/mpsd.md §9.2 rule 7)
	h := "/handles/" + d.invite(ana, dan.ID, "sample-lobby", "friday") + "/session"
	assert.Equal(t, p, d.expect(http.StatusOK, dan.Token, http.MethodGet, h, "").header.Get("Content-Location"))
	d.expect(http.StatusForbidden, dan.Token, http.MethodPut, h, active, "closed")
	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"closed":false}}}`)
	got := d.expect(http.StatusOK, dan.Token, http.MethodPut, h, active).doc(t)
	require.Equal(t, float64(3), get(got, "membersInfo", "active"), "Dan accepted the invite: %s", js(got["membersInfo"]))
	d.expect(http.StatusOK, dan.Token, http.MethodDelete, p+"/members/me", "")

	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":null}}`)
	d.expect(http.StatusNoContent, ana.Token, http.MethodPut, p, `{"members":{"me":null}}`)
	d.expect(http.StatusNoContent, ana.Token, http.MethodGet, p, "")
}
