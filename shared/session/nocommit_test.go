package session

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNoCommit: ?nocommit=true answers what the PUT would make, with its outcome, but nothing is
// to be written and no shoulder tap is owed.
func TestNoCommit(t *testing.T) {
	tpl := template(t, openTemplate)
	sub := `{"members":{"me":{"properties":{"system":{"active":true,"subscription":{"id":"9D0B8B5C-0000-0000-0000-000000000001","changeTypes":["customProperty"]}}}}}}`
	base := must(t, nil, tpl, ana, sub, t0).Session
	base = must(t, base, nil, ben, `{"members":{"me":{}}}`, t0).Session
	dry := func(stored *Session, tpl *Template, c Caller, body string) *Result {
		req, err := DecodeRequest([]byte(body))
		require.NoError(t, err)
		res, err := Put{Stored: stored, Template: tpl, Ref: lobby, Request: req, Caller: c, Now: t0.Add(time.Second),
			Branch: "b2", CorrelationID: "c2", ApplicationID: "app", NoCommit: true}.Apply()
		require.NoError(t, err, body)
		return res
	}

	// the committed PUT taps Ana; the dry run answers the same session and taps nobody
	body := `{"properties":{"custom":{"map":"ice"}}}`
	wet := must(t, base, nil, ben, body, t0.Add(time.Second))
	require.NotEmpty(t, wet.Notes, "the committed write taps Ana")
	res := dry(base, nil, ben, body)
	assert.Equal(t, Updated, res.Outcome)
	assert.False(t, res.Changed, "nothing to write")
	assert.Empty(t, res.Notes, "no taps")
	assert.Equal(t, js(wet.Session.Render("ben")), js(res.Session.Render("ben")), "the merged result")
	assert.Equal(t, `{}`, js(path(rendered(t, base, "ben"), "properties", "custom")), "the stored session is untouched")

	// a create answers 201 with the session it would make; the last member leaving answers 204
	created := dry(nil, tpl, ana, `{"members":{"me":{}}}`)
	assert.Equal(t, Created, created.Outcome)
	assert.False(t, created.Changed, "nothing to write")
	require.NotNil(t, created.Session)
	assert.Equal(t, int64(1), created.Session.ChangeNumber)
	alone := must(t, nil, tpl, ana, `{}`, t0).Session
	left := dry(alone, nil, ana, `{"members":{"me":null}}`)
	assert.Equal(t, Deleted, left.Outcome)
	assert.False(t, left.Changed, "nothing to delete")
}
