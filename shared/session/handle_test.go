package session

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// TestInviteGrant: an invite lets its invited player read the session and join it as a
// reservation would (§9.2 rule 7), except a closed or locked one, and lets nobody else in.
func TestInviteGrant(t *testing.T) {
	created := func(body, tpl string) *Session {
		return must(t, nil, template(t, tpl), ana, body, t0).Session
	}
	private := `{"constants":{"system":{"maxMembersCount":2,"visibility":"private","inactiveRemovalTimeout":null}}}`
	visible := `{"constants":{"system":{"visibility":"visible","inactiveRemovalTimeout":null}}}`
	inv := &Invite{ID: "h1", Ref: lobby, Sender: "ana", Invited: "ben", Expiration: t0.Add(InviteLifetime)}
	invitedBen, invitedCal := inv.Grant(ben), inv.Grant(cal)
	require.True(t, invitedBen.Invited, "the grant invites Ben")
	require.False(t, invitedCal.Invited, "the grant invites nobody else")
	cases := []struct {
		name   string
		stored *Session
		caller Caller
		field  string // a fragment of the 403 wanted; "" when the join passes
	}{
		{"the invited player joins a private session", created(`{}`, private), invitedBen, ""},
		{"the invited player joins a visible session", created(`{}`, visible), invitedBen, ""},
		{"the invited player passes a joinRestriction", created(`{"properties":{"system":{"joinRestriction":"followed"}}}`, openTemplate), invitedBen, ""},
		{"a closed session stays read-only", created(`{"properties":{"system":{"closed":true}}}`, private), invitedBen, "closed"},
		{"a locked session stays read-only", created(`{"properties":{"system":{"locked":true}}}`, openTemplate), invitedBen, "locked"},
		{"someone else with the handle gains nothing", created(`{}`, private), invitedCal, "private"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.stored.CanRead(c.caller); c.caller.Invited {
				assert.NoError(t, err, "read")
			} else {
				assert.Error(t, err, "read")
			}
			res, err := put(t, c.stored, nil, c.caller, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`, t0.Add(time.Second), Conditions{})
			if c.field == "" {
				require.NoError(t, err, "join")
				require.NotNil(t, res.Session.Member(c.caller.ID), "joined")
				assert.False(t, res.Session.Member(c.caller.ID).Reserved, "joined, not reserved")
				return
			}
			assert.Equalf(t, errs.Permission, errs.KindOf(err), "join: %v; want a 403", err)
			assert.ErrorContains(t, err, c.field, "join")
		})
	}
	t.Run("a full session stays full", func(t *testing.T) {
		full := created(`{"members":{"reserve_0":{"constants":{"system":{"xuid":"cal"}}}}}`, private)
		_, err := put(t, full, nil, invitedBen, `{}`, t0, Conditions{})
		assert.Equalf(t, errs.Invalid, errs.KindOf(err), "join of a full session: %v", err)
		assert.ErrorContains(t, err, "full", "join of a full session")
	})
}

// TestHandleRules: IDs, expiry, and who may delete a handle (who may read one: see
// TestHandleBoundToItsSession).
func TestHandleRules(t *testing.T) {
	id, err := ParseHandleID("9D0B8B5C-AAAA-4BBB-8CCC-0123456789AB")
	assert.NoError(t, err, "a GUID in upper case")
	assert.Equal(t, "9d0b8b5c-aaaa-4bbb-8ccc-0123456789ab", id, "a GUID in upper case")
	for _, bad := range []string{"", "x", "..", "__x__", "9d0b8b5c-aaaa-4bbb-8ccc-0123456789ab/x", strings.Repeat("a", 2000)} {
		_, err := ParseHandleID(bad)
		assert.Equalf(t, errs.Invalid, errs.KindOf(err), "%q: %v", bad, err)
		assert.ErrorContains(t, err, "handleId", bad)
	}
	inv := &Invite{ID: "h1", Ref: lobby, Sender: "ana", Invited: "ben", Expiration: t0}
	assert.NoError(t, inv.Valid(t0.Add(-time.Microsecond)), "a handle is valid until its expiration")
	assert.Equal(t, errs.NotFound, errs.KindOf(inv.Valid(t0)), "a handle past its expiration is not found")
	assert.NoError(t, inv.CanDelete(ana), "the sender deletes a handle")
	assert.NoError(t, inv.CanDelete(server), "a server principal deletes a handle")
	assert.Equal(t, errs.Permission, errs.KindOf(inv.CanDelete(ben)), "only the sender and server principals delete a handle")
	assert.Equal(t, "/serviceconfigs/"+lobby.SCID+"/sessionTemplates/lobby/sessions/L1", lobby.Path())
}

// TestHandleBoundToItsSession: a handle reaches the session it was made for, and no other made
// under the same name later; the members of that other session are not members of its session.
func TestHandleBoundToItsSession(t *testing.T) {
	made := must(t, nil, template(t, openTemplate), ana, `{"members":{"me":{},"reserve_0":{"constants":{"system":{"xuid":"cal"}}}}}`, t0).Session
	inv, _, err := made.Invite(Invite{Invited: "ben"}, "h1", ana, t0, "app")
	require.NoError(t, err)
	anew := made.Clone()
	anew.Branch = "b2" // what a PUT that makes the session again gives it
	stranger := Caller{ID: "dan"}
	for _, c := range []struct {
		name    string
		s       *Session
		bound   bool
		readers []Caller // who may read the handle, given s
	}{
		{"its session", made, true, []Caller{ana, ben, server, cal}},
		{"no session", nil, false, []Caller{ana, ben, server}},
		{"a session made anew under its name", anew, false, []Caller{ana, ben, server}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := inv.Bound(c.s); c.bound {
				assert.NoError(t, err)
			} else {
				assert.Equal(t, errs.NotFound, errs.KindOf(err), "%v", err)
				assert.ErrorContains(t, err, "stale")
			}
			for _, who := range []Caller{ana, ben, server, cal, stranger} {
				err := inv.CanRead(who, c.s)
				if slices.Contains(c.readers, who) {
					assert.NoError(t, err, "%s reads", who.ID)
				} else {
					assert.Equal(t, errs.Permission, errs.KindOf(err), "%s reads: %v", who.ID, err)
				}
			}
		})
	}
}

// TestInviteAttributesBounds: inviteAttributes become compact JSON text, numbers as written;
// too deep is 400 and too large 413, both naming the field.
func TestInviteAttributesBounds(t *testing.T) {
	body := func(attributes string) []byte {
		return []byte(`{"type":"invite","version":1,"sessionRef":{"scid":"` + lobby.SCID + `","templateName":"lobby","name":"L1"},"invitedXuid":"ben","inviteAttributes":` + attributes + `}`)
	}
	deep := strings.Repeat(`[`, MaxInviteAttributesDepth-1) + strings.Repeat(`]`, MaxInviteAttributesDepth-1)
	for _, c := range []struct {
		attributes string
		stored     string    // as stored, when accepted
		kind       errs.Kind // when refused
	}{
		{attributes: `{ "titleId": "1234", "n": 1.50, "grid": [[1], []], "": null }`, stored: `{"":null,"grid":[[1],[]],"n":1.50,"titleId":"1234"}`},
		{attributes: `{"a":` + deep + `}`, stored: `{"a":` + deep + `}`},
		{attributes: `{"a":[` + deep + `]}`, kind: errs.Invalid},
		{attributes: `{"a":"` + strings.Repeat("x", MaxInviteAttributesBytes-8) + `"}`, stored: `{"a":"` + strings.Repeat("x", MaxInviteAttributesBytes-8) + `"}`},
		{attributes: `{"a":"` + strings.Repeat("x", MaxInviteAttributesBytes-7) + `"}`, kind: errs.TooLarge},
		{attributes: `"titleId"`, kind: errs.Invalid},
	} {
		inv, err := DecodeInvite(body(c.attributes))
		if c.stored == "" {
			assert.Equal(t, c.kind, errs.KindOf(err), "%.40s: %v", c.attributes, err)
			assert.ErrorContains(t, err, "inviteAttributes")
			continue
		}
		require.NoError(t, err, c.attributes)
		assert.Equal(t, c.stored, inv.Attributes)
	}
}
