package session

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
			assert.Equal(t, []ChangeType{c.want}, Changes(s, res.Session))
			for _, n := range res.Notes {
				assert.NotEqual(t, c.caller.ID, n.Recipient, "tapped for their own write")
				if c.want != "joinability" {
					assert.NotEqualf(t, "ben", n.Recipient, "ben (joinability only) was tapped for %v", n.ChangeTypes)
				}
			}
			if c.caller != ana {
				require.NotEmpty(t, res.Notes, "ana (everything) was not tapped")
				assert.Equal(t, "ana", res.Notes[0].Recipient, "ana (everything) was not tapped")
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
		_, ok := c.q.Matches(s, t0)
		assert.Equalf(t, c.want, ok, "%+v matches", c.q)
	}
	_, ok := (Query{Player: "ben", Reservations: true}).Matches(s, t0.Add(31*time.Second))
	assert.False(t, ok, "an expired reservation still matches")
	assert.Error(t, (Query{Player: "ana", Private: true}).Authorize(ben), "ben may not ask for ana's private sessions")
	assert.NoError(t, (Query{Player: "ana", Private: true}).Authorize(server))
}
