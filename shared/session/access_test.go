package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// TestNonMemberRead: what the answer to a write shows a caller who is not a member of the
// session (Result.Shown) and what a 412 carries to them (FailedPrecondition): the session when
// they may read it (an open session, a server principal, an invited player), the refusal of the
// read rule otherwise (a private session, or one with a readRestriction).
func TestNonMemberRead(t *testing.T) {
	open := must(t, nil, template(t, openTemplate), ana, `{"members":{"me":{}}}`, t0).Session
	private := must(t, nil, template(t, `{"constants":{"system":{"maxMembersCount":4,"visibility":"private"}}}`), ana,
		`{"members":{"me":{},"reserve_0":{"constants":{"system":{"xuid":"ben"}}}}}`, t0).Session
	restricted := must(t, nil, template(t, openTemplate), ana, `{"members":{"me":{}},"properties":{"system":{"readRestriction":"local"}}}`, t0).Session
	left := must(t, private, nil, ana, `{"members":{"me":null}}`, t0).Session // ben's reservation keeps it
	invited := Caller{ID: "cal", Invited: true}
	for _, c := range []struct {
		name      string
		s         *Session
		c         Caller
		wasMember bool
		field     string // the field the write's refusal names; "": the session is shown
		carries   bool   // whether a 412 carries the session
	}{
		{"a member of a private session", private, ana, true, "", true},
		{"a reserved player of a private session", private, ben, false, "", true},
		{"a member who just left a private session", left, ana, true, "", false},
		{"a non-member of an open session", open, cal, false, "", true},
		{"a non-member of a private session", private, cal, false, "constants.system.visibility", false},
		{"a non-member of a read-restricted session", restricted, cal, false, "properties.system.readRestriction", false},
		{"a server principal", private, server, false, "", true},
		{"the invited player", private, invited, false, "", true},
	} {
		shown, err := (&Result{Session: c.s, WasMember: c.wasMember}).Shown(c.c)
		if c.field == "" {
			assert.NoError(t, err, c.name)
			assert.Same(t, c.s, shown, c.name)
		} else {
			assert.Nil(t, shown, c.name)
			assert.True(t, errs.Is(err, errs.Permission), "%s: %v", c.name, err)
			assert.Equal(t, c.field, errField(err), c.name)
		}
		current, failed := FailedPrecondition(precondition(c.s, "If-Match: the session changed since that ETag"), c.c)
		require.True(t, errs.Is(failed, errs.Precondition), "%s: %v", c.name, failed)
		if c.carries {
			assert.Same(t, c.s, current, "%s: the 412 carries the session", c.name)
			continue
		}
		assert.Nil(t, current, "%s: the 412 carries no session", c.name)
		assert.Contains(t, failed.Error(), "If-Match", "%s: the 412 names the failed header", c.name)
		assert.Contains(t, failed.Error(), "not attached", c.name)
	}

	shown, err := (&Result{Outcome: Deleted}).Shown(cal)
	assert.NoError(t, err, "no session left: nothing to show, nothing refused")
	assert.Nil(t, shown)
	other := errs.E(errs.Invalid, "members", "bad")
	current, err := FailedPrecondition(other, cal)
	assert.Nil(t, current)
	assert.Same(t, other, err, "another error is answered as it is")
	current, err = FailedPrecondition(precondition(nil, "If-Match: the session does not exist"), cal)
	assert.Nil(t, current, "no session to carry")
	assert.True(t, errs.Is(err, errs.Precondition))
}
