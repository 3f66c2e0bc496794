package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// TestRoleCounts: each role renders count and memberXuids from the members that hold it
// (reserved ones included); a count or memberXuids sent in a request or template is dropped.
func TestRoleCounts(t *testing.T) {
	tpl := template(t, `{"constants":{"system":{"maxMembersCount":4,"inactiveRemovalTimeout":60000}},
		"roleTypes":{"lfg":{"roles":{"friend":{"max":2,"count":9,"memberXuids":["x"]},"other":{"max":1}}}}}`)
	assert.Equal(t, `{"lfg":{"roles":{"friend":{"max":2},"other":{"max":1}}}}`, js(tpl.RoleTypes), "the template stores no derived field")
	s := must(t, nil, tpl, ana, `{"members":{"me":{"roles":{"lfg":"friend"}}}}`, t0).Session
	s = must(t, s, nil, ben, `{"members":{"me":{"roles":{"lfg":"other"}}}}`, t0).Session
	s = must(t, s, nil, ana, `{"members":{"reserve_0":{"constants":{"system":{"xuid":"cal"}},"roles":{"lfg":"friend"}}}}`, t0).Session
	doc := rendered(t, s, "ana")
	assert.Equal(t, `{"count":2,"max":2,"memberXuids":["ana","cal"]}`, js(path(doc, "roleTypes", "lfg", "roles", "friend")))
	assert.Equal(t, `{"count":1,"max":1,"memberXuids":["ben"]}`, js(path(doc, "roleTypes", "lfg", "roles", "other")))
	assert.Equal(t, `{"lfg":{"roles":{"friend":{"max":2},"other":{"max":1}}}}`, js(s.RoleTypes), "rendering stores nothing")

	s = must(t, s, nil, ana, `{"roleTypes":{"lfg":{"roles":{"friend":{"max":3,"count":0,"memberXuids":[]},"new":{"target":1}}}}}`, t0).Session
	assert.Equal(t, `{"lfg":{"roles":{"friend":{"max":3},"new":{"target":1}}}}`, js(s.RoleTypes), "a request's derived fields are dropped")
	doc = rendered(t, s, "ana")
	assert.Equal(t, `{"count":2,"max":3,"memberXuids":["ana","cal"]}`, js(path(doc, "roleTypes", "lfg", "roles", "friend")))
	assert.Equal(t, `{"count":0,"memberXuids":[],"target":1}`, js(path(doc, "roleTypes", "lfg", "roles", "new")))

	// a large session lists only the viewer, and counts everyone
	large := template(t, `{"constants":{"system":{"maxMembersCount":200,"inactiveRemovalTimeout":60000,"capabilities":{"large":true}}},"roleTypes":{"t":{"roles":{"r":{}}}}}`)
	l := must(t, nil, large, ana, `{"members":{"me":{"roles":{"t":"r"}}}}`, t0).Session
	l = must(t, l, nil, ben, `{"members":{"me":{"roles":{"t":"r"}}}}`, t0).Session
	assert.Equal(t, `{"count":2,"memberXuids":["ben"]}`, js(path(rendered(t, l, "ben"), "roleTypes", "t", "roles", "r")))
}

// TestOwners: with capabilities.hasOwners, once properties.system.owners names a member, only an
// owner (or a server principal) may change roleTypes or the owners list (403 naming the field);
// without owners any member may.
func TestOwners(t *testing.T) {
	tpl := template(t, `{"constants":{"system":{"maxMembersCount":4,"inactiveRemovalTimeout":60000,"capabilities":{"hasOwners":true}}},"roleTypes":{"lfg":{"roles":{"a":{"max":2}}}}}`)
	s := must(t, nil, tpl, ana, `{"members":{"me":{}}}`, t0).Session
	s = must(t, s, nil, ben, `{"members":{"me":{}}}`, t0).Session
	roles := `{"roleTypes":{"lfg":{"roles":{"a":{"max":3}}}}}`
	must(t, s, nil, ben, roles, t0) // no owners yet: any member

	s = must(t, s, nil, ana, `{"properties":{"system":{"owners":[0]}}}`, t0).Session
	_, err := put(t, s, nil, ben, roles, t0, Conditions{})
	require.True(t, errs.Is(err, errs.Permission), "a non-owner changes roleTypes: %v", err)
	assert.Equal(t, "roleTypes", errField(err))
	_, err = put(t, s, nil, ben, `{"properties":{"system":{"owners":[1]}}}`, t0, Conditions{})
	require.True(t, errs.Is(err, errs.Permission), "a non-owner changes the owners: %v", err)
	assert.Equal(t, "properties.system.owners", errField(err))
	must(t, s, nil, ben, `{"roleTypes":{"lfg":{"roles":{"a":{"max":2}}}},"properties":{"custom":{"k":1}}}`, t0) // the same roleTypes: no change
	must(t, s, nil, ben, `{"members":{"me":{"roles":{"lfg":"a"}}}}`, t0)                                        // taking a role is the member's
	must(t, s, nil, ana, roles, t0)
	must(t, s, nil, server, roles, t0)

	// once every owner has left, the rule no longer holds (ownership does not migrate)
	left := must(t, s, nil, ana, `{"members":{"me":null}}`, t0).Session
	must(t, left, nil, ben, roles, t0)

	// without hasOwners, owners is only a list
	plain := must(t, nil, template(t, openTemplate), ana, `{"properties":{"system":{"owners":[0]}}}`, t0).Session
	plain = must(t, plain, nil, ben, `{}`, t0).Session
	must(t, plain, nil, ben, roles, t0)
}

// TestRestrictions: a readRestriction stricter than the joinRestriction is 400 naming
// readRestriction when both are set; readRestriction alone, as the official client sends it, is
// accepted.
func TestRestrictions(t *testing.T) {
	base := must(t, nil, template(t, openTemplate), ana, `{}`, t0).Session
	cases := []struct {
		body string
		ok   bool
	}{
		{`{"properties":{"system":{"readRestriction":"followed"}}}`, true},
		{`{"properties":{"system":{"joinRestriction":"local","readRestriction":"followed"}}}`, true},
		{`{"properties":{"system":{"joinRestriction":"followed","readRestriction":"followed"}}}`, true},
		{`{"properties":{"system":{"joinRestriction":"none","readRestriction":"none"}}}`, true},
		{`{"properties":{"system":{"joinRestriction":"none","readRestriction":"followed"}}}`, false},
		{`{"properties":{"system":{"joinRestriction":"Followed","readRestriction":"Local"}}}`, false},
	}
	for _, c := range cases {
		_, err := put(t, base, nil, ana, c.body, t0, Conditions{})
		if c.ok {
			assert.NoError(t, err, c.body)
			continue
		}
		if assert.True(t, errs.Is(err, errs.Invalid), "%s: %v", c.body, err) {
			assert.Equal(t, "properties.system.readRestriction", errField(err), c.body)
		}
	}
	// a later write that leaves one stricter than the other is refused too
	s := must(t, base, nil, ana, `{"properties":{"system":{"joinRestriction":"none"}}}`, t0).Session
	_, err := put(t, s, nil, ana, `{"properties":{"system":{"readRestriction":"local"}}}`, t0, Conditions{})
	assert.True(t, errs.Is(err, errs.Invalid), "read local after join none: %v", err)
	s = must(t, base, nil, ana, `{"properties":{"system":{"joinRestriction":"local","readRestriction":"local"}}}`, t0).Session
	_, err = put(t, s, nil, ana, `{"properties":{"system":{"joinRestriction":"none"}}}`, t0, Conditions{})
	assert.True(t, errs.Is(err, errs.Invalid), "join none under read local: %v", err)
}
