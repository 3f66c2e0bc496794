package session

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// TestMergeRules covers docs/mpsd.md §4 and the merge cases suggested at the end of §12.
func TestMergeRules(t *testing.T) {
	tpl := template(t, openTemplate)
	base := must(t, nil, tpl, ana, `{"members":{"me":{"properties":{"system":{"active":true}}}},
		"properties":{"system":{"turn":[0],"keywords":["fun"]},"custom":{"a":1,"b":{"x":1}}}}`, t0).Session
	cases := []struct {
		name, body string
		at         []string // the path to the rendered value checked
		want       string   // that value as JSON
	}{
		{"custom merges one top-level key at a time, without deep merge", `{"properties":{"custom":{"b":{"y":2}}}}`,
			[]string{"properties", "custom"}, `{"a":1,"b":{"y":2}}`},
		{"custom null deletes the key", `{"properties":{"custom":{"a":null}}}`,
			[]string{"properties", "custom"}, `{"b":{"x":1}}`},
		{"system fields are replaced whole", `{"properties":{"system":{"turn":[]}}}`,
			[]string{"properties", "system", "turn"}, `[]`},
		{"system null clears the field, others stay", `{"properties":{"system":{"keywords":null}}}`,
			[]string{"properties", "system"}, `{"turn":[0]}`},
		{"member custom merges like session custom", `{"members":{"me":{"properties":{"custom":{"hp":3}}}}}`,
			[]string{"members", "0", "properties", "custom"}, `{"hp":3}`},
		{"identical constants resent are a no-op", `{"constants":{"system":{"maxMembersCount":4}}}`,
			[]string{"changeNumber"}, `1`},
		{"enums are canonicalised", `{"properties":{"system":{"joinRestriction":"Followed"}}}`,
			[]string{"properties", "system", "joinRestriction"}, `"followed"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := must(t, base, nil, ana, c.body, t0.Add(time.Second))
			assert.Equal(t, c.want, js(path(rendered(t, res.Session, "ana"), c.at...)))
		})
	}
	t.Run("system turn [0,1] then [2] is [2]", func(t *testing.T) {
		s := must(t, base, nil, server, `{"members":{"reserve_0":{"constants":{"system":{"xuid":"ben"}}},"reserve_1":{"constants":{"system":{"xuid":"cal"}}}}}`, t0).Session
		s = must(t, s, nil, ana, `{"properties":{"system":{"turn":[0,1]}}}`, t0).Session
		s = must(t, s, nil, ana, `{"properties":{"system":{"turn":[2]}}}`, t0).Session
		doc := rendered(t, s, "ana")
		assert.Equal(t, `[2]`, js(path(doc, "properties", "system", "turn")))
		assert.Equal(t, true, path(doc, "members", "2", "turn"), "member 2's turn flag")
		assert.Nil(t, path(doc, "members", "0", "turn"), "member 0's turn flag")
	})
}

// TestStatusCodes covers the outcomes and refusals of a PUT, with the cases of docs/mpsd.md §12.
func TestStatusCodes(t *testing.T) {
	open := template(t, openTemplate)
	private := template(t, `{"constants":{"system":{"maxMembersCount":2,"visibility":"private","inactiveRemovalTimeout":null}}}`)
	visible := template(t, `{"constants":{"system":{"visibility":"visible","inactiveRemovalTimeout":null}}}`)
	keepEmpty := template(t, `{"constants":{"system":{"sessionEmptyTimeout":null}}}`)
	fixed := template(t, `{"constants":{"system":{"maxMembersCount":4,"sessionEmptyTimeout":null},"custom":{"mode":"ffa"}}}`)
	created := func(tpl *Template, body string) *Session { return must(t, nil, tpl, ana, body, t0).Session }
	openSession := created(open, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	cases := []struct {
		name    string
		stored  *Session
		tpl     *Template
		caller  Caller
		body    string
		cond    Conditions
		outcome Outcome
		kind    errs.Kind // when an error is wanted
		field   string    // a fragment the error must name
	}{
		{name: "create is 201", tpl: open, caller: ana, body: `{}`, outcome: Created},
		{name: "update is 200", stored: openSession, caller: ana, body: `{"properties":{"custom":{"x":1}}}`, outcome: Updated},
		{name: "join of an open session is 200", stored: openSession, caller: ben, body: `{"members":{"me":{}}}`, outcome: Updated},
		{name: "create with no members is 204", tpl: open, caller: server, body: `{"constants":{"custom":{"k":1}}}`, outcome: Deleted},
		{name: "create of a user leaving is 204", tpl: open, caller: ana, body: `{"members":{"me":null}}`, outcome: Deleted},
		{name: "last member leaving is 204", stored: openSession, caller: ana, body: `{"members":{"me":null}}`, outcome: Deleted},
		{name: "an empty session stays with sessionEmptyTimeout null", tpl: keepEmpty, caller: server, body: `{}`, outcome: Created},
		{name: "If-None-Match * on an existing session is 412", stored: openSession, caller: ana, body: `{}`,
			cond: Conditions{IfNoneMatch: "*"}, kind: errs.Precondition, field: "If-None-Match"},
		{name: "stale If-Match is 412", stored: openSession, caller: ana, body: `{}`,
			cond: Conditions{IfMatch: `"b1-0"`}, kind: errs.Precondition, field: "If-Match"},
		{name: "If-Match on a missing session is 412", tpl: open, caller: ana, body: `{}`,
			cond: Conditions{IfMatch: "*"}, kind: errs.Precondition, field: "If-Match"},
		{name: "current If-Match passes", stored: openSession, caller: ana, body: `{"properties":{"custom":{"x":2}}}`,
			cond: Conditions{IfMatch: openSession.ETag()}, outcome: Updated},
		{name: "constants changed after creation is 409", stored: openSession, caller: ana,
			body: `{"constants":{"system":{"maxMembersCount":3}}}`, kind: errs.Conflict, field: "maxMembersCount"},
		{name: "new constants after creation are 409", stored: openSession, caller: ana,
			body: `{"constants":{"custom":{"late":true}}}`, kind: errs.Conflict, field: "constants.custom.late"},
		{name: "template constants win over the creator's", tpl: fixed, caller: ana,
			body: `{"constants":{"custom":{"mode":"teams"}}}`, kind: errs.Conflict, field: "constants.custom.mode"},
		{name: "a template null forces a constant unset", tpl: fixed, caller: ana,
			body: `{"constants":{"system":{"sessionEmptyTimeout":0}}}`, kind: errs.Conflict, field: "sessionEmptyTimeout"},
		{name: "ready and active together are 400", stored: openSession, caller: ana,
			body: `{"members":{"me":{"properties":{"system":{"ready":true}}}}}`, kind: errs.Invalid, field: "ready and active"},
		{name: "keywords on a private session are 400", tpl: private, caller: ana,
			body: `{"properties":{"system":{"keywords":["x"]}}}`, kind: errs.Invalid, field: "keywords"},
		{name: "non-member join of a private session is 403", stored: created(private, `{}`), caller: ben, body: `{}`,
			kind: errs.Permission, field: "private"},
		{name: "non-member join of a visible session is 403", stored: created(visible, `{}`), caller: ben, body: `{}`,
			kind: errs.Permission, field: "visible"},
		{name: "join of a closed session is 403", stored: created(open, `{"properties":{"system":{"closed":true}}}`), caller: ben,
			body: `{}`, kind: errs.Permission, field: "closed"},
		{name: "join with a joinRestriction is 403", stored: created(open, `{"properties":{"system":{"joinRestriction":"local"}}}`),
			caller: ben, body: `{}`, kind: errs.Permission, field: "joinRestriction"},
		{name: "join of a full session is 400", stored: created(private, `{"members":{"reserve_0":{"constants":{"system":{"xuid":"cal"}}}}}`),
			caller: ana, body: `{"members":{"reserve_0":{"constants":{"system":{"xuid":"ben"}}}}}`, kind: errs.Invalid, field: "full"},
		{name: "unknown top-level key is 400", stored: openSession, caller: ana, body: `{"membersInfo":{}}`, kind: errs.Invalid, field: "membersInfo"},
		{name: "existing member references need a server", stored: openSession, caller: ana, body: `{"members":{"0":null}}`,
			kind: errs.Permission, field: "server principal"},
		{name: "a server removes a member by index", stored: openSession, caller: server, body: `{"members":{"0":null}}`, outcome: Deleted},
		{name: "servers need a server principal", stored: openSession, caller: ana, body: `{"servers":{"mm":{}}}`,
			kind: errs.Permission, field: "servers"},
		{name: "userAuthorizationStyle makes joinRestriction local by default", caller: ben,
			stored: created(template(t, `{"constants":{"system":{"maxMembersCount":4,"capabilities":{"userAuthorizationStyle":true}}}}`),
				`{"members":{"me":{"properties":{"system":{"active":true}}}}}`),
			body: `{}`, kind: errs.Permission, field: "joinRestriction"},
		{name: "memberInitialization needs its members to start", tpl: open, caller: ana,
			body: `{"constants":{"system":{"memberInitialization":{"joinTimeout":1000}}}}`, kind: errs.Invalid, field: "requiring at least 1 members to start"},
		{name: "me xuid must be the caller", stored: openSession, caller: ben,
			body: `{"members":{"me":{"constants":{"system":{"xuid":"ana"}}}}}`, kind: errs.Permission, field: "xuid"},
		{name: "missing template is 404", caller: ana, body: `{}`, kind: errs.NotFound, field: "template"},
		{name: "initiators limit who creates", tpl: template(t, `{"constants":{"system":{"initiators":["ben"]}}}`), caller: ana,
			body: `{}`, kind: errs.Permission, field: "initiators"},
		{name: "a session over MaxSessionBytes is 413", stored: openSession, caller: ana,
			body: `{"properties":{"custom":` + bigCustom(MaxSessionBytes) + `}}`,
			kind: errs.TooLarge, field: fmt.Sprintf("a session holds at most %d", MaxSessionBytes)},
		{name: "too many keywords are 400", stored: openSession, caller: ana,
			body: `{"properties":{"system":{"keywords":[` + strings.Repeat(`"k",`, MaxKeywords) + `"k"]}}}`, kind: errs.Invalid, field: "keywords"},
		{name: "a secure device address needs connectivity", stored: openSession, caller: ana,
			body: `{"members":{"me":{"properties":{"system":{"secureDeviceAddress":"AAA="}}}}}`, kind: errs.Invalid, field: "connectivity"},
		{name: "initializationGroup names given indices", stored: openSession, caller: ana,
			body: `{"members":{"me":{"properties":{"system":{"initializationGroup":[7]}}}}}`, kind: errs.Invalid, field: "initializationGroup"},
		{name: "a large session takes no index references", stored: created(template(t, `{"constants":{"system":{"capabilities":{"large":true},"inactiveRemovalTimeout":null}}}`), `{}`),
			caller: server, body: `{"members":{"0":null}}`, kind: errs.Conflict, field: "large"},
		{name: "a full role is 400", stored: created(template(t, `{"constants":{"system":{"inactiveRemovalTimeout":null}},
			"roleTypes":{"lfg":{"roles":{"leader":{"max":1,"target":1}}}}}`), `{"members":{"me":{"roles":{"lfg":"leader"}}}}`),
			caller: ben, body: `{"members":{"me":{"roles":{"lfg":"leader"}}}}`, kind: errs.Invalid, field: "full (max 1)"},
		{name: "a member constant after joining is 409", stored: openSession, caller: ana,
			body: `{"members":{"me":{"constants":{"custom":{"late":1}}}}}`, kind: errs.Conflict, field: "members.me.constants.custom.late"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := ""
			if c.stored != nil {
				raw, _ := c.stored.Marshal()
				before = string(raw)
			}
			res, err := put(t, c.stored, c.tpl, c.caller, c.body, t0.Add(time.Second), c.cond)
			if c.stored != nil {
				raw, _ := c.stored.Marshal()
				assert.Equal(t, before, string(raw), "the stored session was changed in place")
			}
			if c.field != "" {
				require.Error(t, err)
				require.Equal(t, c.kind, errs.KindOf(err), "%v", err)
				require.Contains(t, err.Error(), c.field)
				if c.kind == errs.Precondition {
					assert.Equal(t, c.stored != nil, StaleSession(err) != nil, "a 412 carries the current session exactly when one exists")
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.outcome, res.Outcome)
		})
	}
}

// TestChangeNumber: every change increments it, a no-op does not, and the branch stays.
func TestChangeNumber(t *testing.T) {
	tpl := template(t, openTemplate)
	s := must(t, nil, tpl, ana, `{}`, t0).Session
	require.EqualValues(t, 1, s.ChangeNumber, "created")
	require.Equal(t, "b1", s.Branch, "created")
	require.Equal(t, "c1", s.CorrelationID, "created")
	require.True(t, s.StartTime.Equal(t0), "created at %v", s.StartTime)
	res := must(t, s, nil, ana, `{}`, t0)
	assert.False(t, res.Changed, "a no-op changed the session")
	assert.EqualValues(t, 1, res.Session.ChangeNumber, "a no-op changed the session")
	res = must(t, s, nil, ana, `{"properties":{"custom":{"k":1}}}`, t0)
	assert.True(t, res.Changed, "a change")
	assert.EqualValues(t, 2, res.Session.ChangeNumber, "a change")
}

// TestReservations: reserve_N appends members in key order, the reserved player's first PUT
// clears reserved, and reservations count against maxMembersCount.
func TestReservations(t *testing.T) {
	tpl := template(t, `{"constants":{"system":{"maxMembersCount":3,"visibility":"private","inactiveRemovalTimeout":null}}}`)
	s := must(t, nil, tpl, ana, `{"members":{"me":{},"reserve_1":{"constants":{"system":{"xuid":"cal"}}},
		"reserve_0":{"constants":{"system":{"xuid":"ben","initialize":true},"custom":{"skill":3}}}}}`, t0).Session
	doc := rendered(t, s, "ana")
	require.Equal(t, "ben", path(doc, "members", "1", "constants", "system", "xuid"), "reservations in order")
	require.Equal(t, "cal", path(doc, "members", "2", "constants", "system", "xuid"), "reservations in order")
	assert.Equal(t, true, path(doc, "members", "1", "reserved"))
	assert.Equal(t, `{"accepted":1,"active":0,"count":3,"first":0,"next":3}`, js(path(doc, "membersInfo")))
	s = must(t, s, nil, ben, `{"members":{"me":{"constants":{"system":{"xuid":"ben"}},"properties":{"system":{"active":true}}}}}`, t0.Add(time.Second)).Session
	doc = rendered(t, s, "ben")
	assert.Nil(t, path(doc, "members", "1", "reserved"), "joined member")
	assert.Equal(t, "Ben", path(doc, "members", "1", "gamertag"), "joined member")
	assert.Equal(t, `{"custom":{"skill":3},"system":{"index":1,"initialize":true,"xuid":"ben"}}`, js(path(doc, "members", "1", "constants")), "joined member")
	_, err := put(t, s, nil, ana, `{"members":{"reserve_0":{"constants":{"system":{"xuid":"dan"}}}}}`, t0, Conditions{})
	assert.Truef(t, errs.Is(err, errs.Invalid), "a reservation past maxMembersCount: %v", err)
	_, err = put(t, s, nil, Caller{ID: "eve"}, `{"members":{"reserve_0":{"constants":{"system":{"xuid":"dan"}}}}}`, t0, Conditions{})
	assert.Truef(t, errs.Is(err, errs.Permission), "a non-member reserving: %v", err)
}

// TestTimers: the spec's case (a reservation idle for 30 s is removed at the next read, accepted
// unchanged, count one less), ready reverting to inactive, and nextTimer.
func TestTimers(t *testing.T) {
	tpl := template(t, openTemplate)
	s := must(t, nil, tpl, ana, `{"members":{"me":{"properties":{"system":{"active":true}}},"reserve_0":{"constants":{"system":{"xuid":"ben"}}}}}`, t0).Session
	at, ok := s.NextTimer()
	require.True(t, ok, "nextTimer")
	require.True(t, at.Equal(t0.Add(30*time.Second)), "nextTimer %v", at)
	assert.False(t, s.Due(t0.Add(29*time.Second)), "due before the reservation timed out")
	res := Refresh(s, t0.Add(30*time.Second), "app")
	doc := rendered(t, res.Session, "ana")
	assert.True(t, res.Changed, "after the timeout")
	assert.Equal(t, `{"accepted":1,"active":1,"count":1,"first":0,"next":2}`, js(path(doc, "membersInfo")), "after the timeout")
	assert.EqualValues(t, 2, res.Session.ChangeNumber, "after the timeout")
	_, ok = res.Session.NextTimer()
	assert.False(t, ok, "an active member alone has no timer")
	s = must(t, res.Session, nil, ana, `{"members":{"me":{"properties":{"system":{"active":false,"ready":true}}}}}`, t0.Add(time.Minute)).Session
	at, _ = s.NextTimer()
	assert.True(t, at.Equal(t0.Add(time.Minute+180*time.Second)), "ready timer %v", at)
	s = Refresh(s, at, "app").Session
	assert.Equal(t, Inactive, s.Members[0].Status(), "a ready member past readyRemovalTimeout")
	assert.Equal(t, Deleted, Refresh(s, at.Add(time.Minute), "app").Outcome, "the last member timing out leaves the session")
}

// TestAccess: private sessions are readable by members (reserved ones too) and servers only.
func TestAccess(t *testing.T) {
	s := must(t, nil, template(t, `{"constants":{"system":{"visibility":"private"}}}`), ana,
		`{"members":{"reserve_0":{"constants":{"system":{"xuid":"ben"}}}}}`, t0).Session
	for c, allowed := range map[Caller]bool{ana: true, ben: true, server: true, cal: false} {
		if err := s.CanRead(c); allowed {
			assert.NoError(t, err, "%s reading a private session", c.ID)
		} else {
			assert.Error(t, err, "%s reading a private session", c.ID)
		}
	}
}

// TestRender: the document at contract 107 with 7 fractional digits and member links.
func TestRender(t *testing.T) {
	s := must(t, nil, template(t, openTemplate), ana, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`,
		t0.Add(1234567*time.Nanosecond)).Session
	doc := rendered(t, s, "ana")
	for field, v := range map[string]string{
		"contractVersion": `107`, "startTime": `"2026-01-02T03:04:05.0012345Z"`, "changeNumber": `1`,
		"servers": `{}`, "properties": `{"custom":{},"system":{"turn":[]}}`,
	} {
		assert.Equal(t, v, js(doc[field]), field)
	}
	assert.Equal(t, float64(1), path(doc, "members", "0", "next"), "member 0's next")
	assert.Equal(t, float64(0), path(doc, "members", "0", "constants", "system", "index"), "member 0's index")
}

// TestEncountersAreConsumed: a member's encounters are accepted and never stored or shown.
func TestEncountersAreConsumed(t *testing.T) {
	tpl := template(t, `{"constants":{"system":{"maxMembersCount":4}}}`)
	res := must(t, nil, tpl, Caller{ID: "ana"}, `{"members":{"me":{"properties":{"system":{"active":true,"encounters":["ben"],"groups":["g"]}}}}}`, t0)
	doc := js(res.Session.Render("ana"))
	assert.NotContains(t, doc, "encounters")
	assert.Contains(t, doc, `"groups":["g"]`)
}
