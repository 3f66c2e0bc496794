package sessions_test

import (
	"net/http"
	"os"
	"testing"
	"time"

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
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := session.ParseTemplate(d.scid, "sample-lobby", raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.svc.Store.WriteTemplates(t.Context(), []*session.Template{tpl}, nil); err != nil {
		t.Fatal(err)
	}
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
	if get(created, "membersInfo", "count") != float64(3) || get(created, "membersInfo", "accepted") != float64(1) ||
		get(created, "members", "1", "reserved") != true || get(created, "constants", "system", "maxMembersCount") != float64(8) {
		t.Fatalf("created %s", js(created))
	}
	d.clock.Advance(5 * time.Second)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, active)
	both := d.expect(http.StatusOK, cal.Token, http.MethodPut, p, active).doc(t)
	if get(both, "membersInfo", "accepted") != float64(3) || get(both, "membersInfo", "active") != float64(3) || get(both, "members", "2", "gamertag") != "Cal" {
		t.Fatalf("after both joined %s", js(both))
	}

	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"keywords":["casual"]},"custom":{"map":"harbor","rounds":3}}}`)
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"custom":{"team":"red"}}}}}`)
	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"turn":[0]}}}`)
	turn := d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"turn":[1]}}}`).doc(t)
	if js(get(turn, "properties", "system", "turn")) != `[1]` || get(turn, "members", "1", "turn") != true || get(turn, "members", "0", "turn") != nil ||
		get(turn, "members", "1", "properties", "custom", "team") != "red" || get(turn, "properties", "custom", "rounds") != float64(3) {
		t.Fatalf("after the turn passed %s", js(turn))
	}

	left := d.expect(http.StatusOK, cal.Token, http.MethodDelete, p+"/members/me", "").doc(t)
	if get(left, "membersInfo", "count") != float64(2) || get(left, "members", "2") != nil {
		t.Fatalf("after Cal left %s", js(left))
	}

	withDan := d.call(ana.Token, http.MethodPut, p, reserve(dan))
	if withDan.status != http.StatusOK || withDan.header.Get("Expires") == "" || get(withDan.doc(t), "nextTimer") == nil {
		t.Fatalf("reserving Dan: %d %s (Expires %q)", withDan.status, withDan.body, withDan.header.Get("Expires"))
	}
	before := withDan.doc(t)
	d.clock.Advance(30 * time.Second) // the lobby's reservedRemovalTimeout
	after := d.expect(http.StatusOK, ben.Token, http.MethodGet, p, "").doc(t)
	if get(after, "membersInfo", "count") != float64(2) || get(after, "membersInfo", "accepted") != get(before, "membersInfo", "accepted") ||
		get(after, "changeNumber") != get(before, "changeNumber").(float64)+1 || get(after, "nextTimer") != nil {
		t.Fatalf("after Dan's reservation timed out: %s (before %s)", js(after["membersInfo"]), js(before["membersInfo"]))
	}
	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"closed":true}}}`)
	d.expect(http.StatusForbidden, dan.Token, http.MethodPut, p, active, "closed")
	// an invite lets Dan read the closed lobby but not join it until it opens (docs/mpsd.md §9.2 rule 7)
	h := "/handles/" + d.invite(ana, dan.ID, "sample-lobby", "friday") + "/session"
	if a := d.expect(http.StatusOK, dan.Token, http.MethodGet, h, ""); a.header.Get("Content-Location") != p {
		t.Errorf("Content-Location %q", a.header.Get("Content-Location"))
	}
	d.expect(http.StatusForbidden, dan.Token, http.MethodPut, h, active, "closed")
	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"closed":false}}}`)
	if got := d.expect(http.StatusOK, dan.Token, http.MethodPut, h, active).doc(t); get(got, "membersInfo", "active") != float64(3) {
		t.Fatalf("Dan accepted the invite: %s", js(got["membersInfo"]))
	}
	d.expect(http.StatusOK, dan.Token, http.MethodDelete, p+"/members/me", "")

	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":null}}`)
	d.expect(http.StatusNoContent, ana.Token, http.MethodPut, p, `{"members":{"me":null}}`)
	d.expect(http.StatusNoContent, ana.Token, http.MethodGet, p, "")
}
