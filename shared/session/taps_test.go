package session

import (
	"slices"
	"testing"
	"time"
)

// TestChanges: each change type fires for its own kind of change only, and subscribers hear
// only the types they asked for (everything: all), never of their own writes.
func TestChanges(t *testing.T) {
	tpl := template(t, openTemplate)
	s := must(t, nil, tpl, ana, `{"constants":{"system":{"capabilities":{"connectivity":true}}},
		"members":{"me":{"properties":{"system":{"active":true,"secureDeviceAddress":"AAA=","subscription":{"id":"s","changeTypes":["everything"]}}}}}}`, t0).Session
	s = must(t, s, nil, ben, `{"members":{"me":{"properties":{"system":{"active":true,"subscription":{"id":"s","changeTypes":["joinability"]}}}}}}`, t0).Session
	cases := []struct {
		caller Caller
		body   string
		want   ChangeType
	}{
		{cal, `{}`, "membersList"},
		{ana, `{"members":{"me":{"properties":{"system":{"active":false}}}}}`, "membersStatus"},
		{ana, `{"members":{"me":{"properties":{"custom":{"x":1}}}}}`, "membersCustomProperty"},
		{ana, `{"properties":{"custom":{"x":1}}}`, "customProperty"},
		{ana, `{"properties":{"system":{"closed":true}}}`, "joinability"},
		{ana, `{"properties":{"system":{"host":"` + s.Members[0].DeviceToken() + `"}}}`, "host"},
		{server, `{"servers":{"matchmaking":{"properties":{"system":{"status":"searching"}}}}}`, "matchmakingStatus"},
	}
	for _, c := range cases {
		t.Run(string(c.want), func(t *testing.T) {
			res := must(t, s, nil, c.caller, c.body, t0.Add(time.Second))
			if got := Changes(s, res.Session); !slices.Equal(got, []ChangeType{c.want}) {
				t.Errorf("changes %v, want [%s]", got, c.want)
			}
			for _, n := range res.Notes {
				if n.Recipient == c.caller.ID {
					t.Errorf("%s was tapped for their own write", n.Recipient)
				}
				if n.Recipient == "ben" && c.want != "joinability" {
					t.Errorf("ben (joinability only) was tapped for %v", n.ChangeTypes)
				}
			}
			if c.caller != ana && (len(res.Notes) == 0 || res.Notes[0].Recipient != "ana") {
				t.Errorf("ana (everything) was not tapped: %+v", res.Notes)
			}
		})
	}
}

// TestQueryMatching: which members a query finds, by status and privacy.
func TestQueryMatching(t *testing.T) {
	s := must(t, nil, template(t, openTemplate), ana, `{"members":{"me":{"properties":{"system":{"active":true}}},
		"reserve_0":{"constants":{"system":{"xuid":"ben"}}}},"properties":{"system":{"keywords":["Duel"]}}}`, t0).Session
	s = must(t, s, nil, cal, `{}`, t0).Session // inactive
	for _, c := range []struct {
		q    Query
		want bool
	}{
		{Query{Player: "ana"}, true},
		{Query{Player: "ben"}, false},
		{Query{Player: "ben", Reservations: true}, true},
		{Query{Player: "cal"}, false},
		{Query{Player: "cal", Inactive: true}, true},
		{Query{Keyword: "duel"}, true},
		{Query{Keyword: "other"}, false},
		{Query{Player: "ana", Keyword: "DUEL"}, true},
	} {
		if _, ok := c.q.Matches(s, t0); ok != c.want {
			t.Errorf("%+v matches %v, want %v", c.q, ok, c.want)
		}
	}
	if _, ok := (Query{Player: "ben", Reservations: true}).Matches(s, t0.Add(31*time.Second)); ok {
		t.Error("an expired reservation still matches")
	}
	if err := (Query{Player: "ana", Private: true}).Authorize(ben); err == nil {
		t.Error("ben may not ask for ana's private sessions")
	}
	if err := (Query{Player: "ana", Private: true}).Authorize(server); err != nil {
		t.Error(err)
	}
}
