package session

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// game is the target of the transfers below: Ref and branch of a session other than the
// lobby's.
var game = Ref{SCID: lobby.SCID, Template: "game", Name: "G1"}

// sessionAt is a session made by body as creator under template tpl, then given ref and the
// branch of a session of its own.
func sessionAt(t *testing.T, ref Ref, branch, tpl string, creator Caller, body string) *Session {
	t.Helper()
	s := must(t, nil, template(t, tpl), creator, body, t0).Session.Clone()
	s.Ref, s.Branch = ref, branch
	return s
}

// transferBody is a POST /handles body of type transfer from origin to target.
func transferBody(target, origin Ref) string {
	ref := func(r Ref) string {
		return `{"scid":"` + r.SCID + `","templateName":"` + r.Template + `","name":"` + r.Name + `"}`
	}
	return `{"type":"transfer","version":1,"sessionRef":` + ref(target) + `,"originSessionRef":` + ref(origin) + `}`
}

// made is a transfer handle from origin to target that c makes at now, or the error.
func made(t *testing.T, target, origin *Session, c Caller, now time.Time) (*Transfer, error) {
	t.Helper()
	tr, err := DecodeTransfer([]byte(transferBody(game, lobby)))
	require.NoError(t, err)
	if err := tr.BindTarget(target, c, now); err != nil {
		return nil, err
	}
	if err := tr.BindOrigin(origin, c, now); err != nil {
		return nil, err
	}
	return tr.Make("h1", c, now), nil
}

// TestTransferVectors: the official client's transfer handle request decodes, and the handle
// renders as its transferHandleResponseJson. Their scid (MockScid) is no GUID, which OpenPlay
// requires, so both take one, and the response its handle's ID.
func TestTransferVectors(t *testing.T) {
	vec := vectors(t, "Multiplayer.json")
	scid := strings.NewReplacer("MockScid", lobby.SCID)
	request := scid.Replace(string(vec["transferHandleJson"]))
	assert.Equal(t, "transfer", HandleType([]byte(request)))
	tr, err := DecodeTransfer([]byte(request))
	require.NoError(t, err)
	assert.Equal(t, Ref{SCID: lobby.SCID, Template: "MockSessionTemplateName", Name: "XWIN_7ce12e85-594a-4b3b-9dc3-33b9a4ea57ce"}, tr.Ref)
	assert.Equal(t, Ref{SCID: lobby.SCID, Template: "samplelobbytemplate107", Name: "bd6c41c3-01c3-468a-a3b5-3e0fe8133862"}, tr.Origin)

	target := sessionAt(t, tr.Ref, "c-game", openTemplate, ana, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	origin := sessionAt(t, tr.Origin, "c-lobby", openTemplate, ana, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	require.NoError(t, tr.BindTarget(target, ana, t0))
	require.NoError(t, tr.BindOrigin(origin, ana, t0))
	handle := tr.Make("81a3c56e-543c-44c2-ad53-c8a9088fbef8", ana, t0)
	var want, got any
	require.NoError(t, json.Unmarshal([]byte(scid.Replace(string(vec["transferHandleResponseJson"]))), &want))
	require.NoError(t, json.Unmarshal([]byte(js(handle.Render())), &got))
	assert.Equal(t, want, got)
}

// TestDecodeTransfer: a transfer handle names two different sessions and nothing else; each
// refusal is a 400 naming its field.
func TestDecodeTransfer(t *testing.T) {
	other := Ref{SCID: lobby.SCID, Template: "LOBBY", Name: "l1"} // the lobby, spelt otherwise
	for _, c := range []struct{ body, field string }{
		{`{"type":"transfer","version":1,"originSessionRef":{"scid":"` + lobby.SCID + `","templateName":"lobby","name":"L1"}}`, "sessionRef"},
		{`{"type":"transfer","version":1,"sessionRef":{"scid":"` + lobby.SCID + `","templateName":"game","name":"G1"}}`, "originSessionRef"},
		{transferBody(other, lobby), "originSessionRef"},
		{strings.Replace(transferBody(game, lobby), `"version":1`, `"version":2`, 1), "version"},
		{strings.Replace(transferBody(game, lobby), `"type":"transfer"`, `"type":"invite"`, 1), "type"},
		{strings.Replace(transferBody(game, lobby), `"version":1`, `"invitedXuid":"ben"`, 1), "invitedXuid"},
		{strings.Replace(transferBody(game, lobby), `"name":"L1"`, `"name":"a/b"`, 1), "originSessionRef"},
		{strings.Replace(transferBody(game, lobby), `"sessionRef":{`, `"sessionRef":[{`, 1) + `]`, ""},
		{`{"type":"transfer","version":1,"sessionRef":"G1","originSessionRef":"L1"}`, "originSessionRef"},
		{`[]`, ""},
	} {
		_, err := DecodeTransfer([]byte(c.body))
		assert.Equal(t, errs.Invalid, errs.KindOf(err), "%s: %v", c.body, err)
		if c.field != "" {
			assert.Equal(t, c.field, errField(err), c.body)
		}
	}
	tr, err := DecodeTransfer([]byte(strings.Replace(transferBody(game, lobby), `"type":"transfer"`, `"type":"Transfer"`, 1)))
	require.NoError(t, err, "the type in any case")
	assert.Equal(t, game, tr.Ref)
	assert.Equal(t, lobby, tr.Origin)
	assert.Equal(t, "transfer", HandleType([]byte(`{"type":"TRANSFER"}`)))
	for _, body := range []string{`{"type":1}`, `[]`, `{`, `{}`} {
		assert.Equal(t, "", HandleType([]byte(body)), body)
	}
}

// TestTransferMade: the maker of a transfer handle is a member of both sessions (or a server
// principal), which must exist (MPSD: 403 for a missing target); the handle is bound to both by
// their branches and expires after TransferLifetime.
func TestTransferMade(t *testing.T) {
	target := sessionAt(t, game, "c-game", openTemplate, ana, `{"members":{"me":{"properties":{"system":{"active":true}}},"reserve_0":{"constants":{"system":{"xuid":"cal"}}}}}`)
	origin := sessionAt(t, lobby, "c-lobby", openTemplate, ana, `{"members":{"me":{"properties":{"system":{"active":true}}},"reserve_0":{"constants":{"system":{"xuid":"ben"}}}}}`)
	for _, c := range []struct {
		name           string
		target, origin *Session
		caller         Caller
		field          string // the field of the 403; "" when it is made
	}{
		{"a member of both", target, origin, ana, ""},
		{"a server principal", target, origin, server, ""},
		{"no target", nil, origin, ana, "sessionRef"},
		{"no target, for a server principal", nil, origin, server, "sessionRef"},
		{"no origin", target, nil, ana, "originSessionRef"},
		{"a member of the origin only", target, origin, ben, "sessionRef"},
		{"a member of the target only", target, origin, cal, "originSessionRef"},
		{"a stranger", target, origin, Caller{ID: "dan"}, "sessionRef"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, err := made(t, c.target, c.origin, c.caller, t0)
			if c.field != "" {
				assert.Equal(t, errs.Permission, errs.KindOf(err), "%v", err)
				assert.Equal(t, c.field, errField(err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, Transfer{ID: "h1", Type: "transfer", Ref: game, Branch: "c-game", Origin: lobby, OriginBranch: "c-lobby",
				Sender: c.caller.ID, Expiration: t0.Add(TransferLifetime)}, *tr)
		})
	}
	t.Run("a member whose reservation lapsed", func(t *testing.T) {
		_, err := made(t, target, origin, ben, t0.Add(time.Hour))
		assert.Equal(t, errs.Permission, errs.KindOf(err), "%v", err)
	})
}

// TestTransferAdmit: members of the origin come to the target as invited players do (read it
// when private, join it whatever its visibility); anyone else is refused (403); a handle whose
// origin or target is gone or made anew is stale (404).
func TestTransferAdmit(t *testing.T) {
	private := `{"constants":{"system":{"maxMembersCount":3,"visibility":"private","inactiveRemovalTimeout":null}}}`
	target := sessionAt(t, game, "c-game", private, ana, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	origin := sessionAt(t, lobby, "c-lobby", openTemplate, ana, `{"members":{"me":{"properties":{"system":{"active":true}}},"reserve_0":{"constants":{"system":{"xuid":"cal"}}}}}`)
	origin = must(t, origin, nil, ben, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`, t0).Session
	tr, err := made(t, target, origin, ana, t0)
	require.NoError(t, err)
	require.NoError(t, tr.Bound(target))
	join := `{"members":{"me":{"properties":{"system":{"active":true}}}}}`

	admitted, err := tr.Admit(ben, origin, t0.Add(time.Second))
	require.NoError(t, err)
	assert.True(t, admitted.Invited)
	assert.NoError(t, target.CanRead(admitted), "a member of the origin reads the private target")
	res, err := put(t, target, nil, admitted, join, t0.Add(time.Second), Conditions{})
	require.NoError(t, err, "a member of the origin joins the private target")
	assert.False(t, res.Session.Member("ben").Reserved)
	assert.Equal(t, errs.Permission, errs.KindOf(target.CanRead(ben)), "ben without the handle may not read it")
	closed := must(t, target, nil, ana, `{"properties":{"system":{"closed":true}}}`, t0).Session
	_, err = put(t, closed, nil, admitted, join, t0.Add(time.Second), Conditions{})
	assert.Equal(t, errs.Permission, errs.KindOf(err), "a closed target stays read-only: %v", err)
	assert.ErrorContains(t, err, "closed")

	if c, err := tr.Admit(cal, origin, t0.Add(time.Second)); assert.NoError(t, err, "a reserved member of the origin") {
		assert.True(t, c.Invited)
	}
	_, err = tr.Admit(cal, origin, t0.Add(time.Hour))
	assert.Equal(t, errs.Permission, errs.KindOf(err), "once the origin's timers removed the reservation: %v", err)
	_, err = tr.Admit(Caller{ID: "dan"}, origin, t0.Add(time.Second))
	assert.Equal(t, errs.Permission, errs.KindOf(err), "a stranger: %v", err)
	assert.ErrorContains(t, err, "origin")
	_, err = tr.Admit(server, origin, t0.Add(time.Second))
	assert.NoError(t, err, "a server principal")

	anew := origin.Clone()
	anew.Branch = "c-lobby-2"
	for name, s := range map[string]*Session{"no origin": nil, "an origin made anew": anew} {
		_, err := tr.Admit(ben, s, t0.Add(time.Second))
		assert.Equal(t, errs.NotFound, errs.KindOf(err), "%s: %v", name, err)
		assert.ErrorContains(t, err, "stale", name)
	}
	gameAnew := target.Clone()
	gameAnew.Branch = "c-game-2"
	for name, s := range map[string]*Session{"no target": nil, "a target made anew": gameAnew} {
		err := tr.Bound(s)
		assert.Equal(t, errs.NotFound, errs.KindOf(err), "%s: %v", name, err)
		assert.ErrorContains(t, err, "stale", name)
	}
}

// TestTransferRules: expiry, who reads a transfer handle (its sender, members of either of its
// sessions, server principals) and who deletes it (its sender, server principals).
func TestTransferRules(t *testing.T) {
	target := sessionAt(t, game, "c-game", openTemplate, ana, `{"members":{"me":{"properties":{"system":{"active":true}}},"reserve_0":{"constants":{"system":{"xuid":"cal"}}}}}`)
	origin := sessionAt(t, lobby, "c-lobby", openTemplate, ana, `{"members":{"me":{"properties":{"system":{"active":true}}},"reserve_0":{"constants":{"system":{"xuid":"ben"}}}}}`)
	tr, err := made(t, target, origin, ana, t0)
	require.NoError(t, err)
	assert.NoError(t, tr.Valid(t0.Add(TransferLifetime-time.Microsecond)))
	assert.Equal(t, errs.NotFound, errs.KindOf(tr.Valid(t0.Add(TransferLifetime))), "expired")

	dan := Caller{ID: "dan"}
	anew := origin.Clone()
	anew.Branch = "c-lobby-2"
	anew.Members = append(anew.Members, &Member{Player: "dan"})
	for _, c := range []struct {
		name   string
		caller Caller
		s      *Session
		reads  bool
	}{
		{"the sender, with no session", ana, nil, true},
		{"a server principal, with no session", server, nil, true},
		{"a member of the origin", ben, origin, true},
		{"a member of the target", cal, target, true},
		{"a member of the target, by the origin", cal, origin, false},
		{"a stranger", dan, origin, false},
		{"a member of a session made anew under the origin's name", dan, anew, false},
		{"a member whose reservation lapsed", ben, origin, false},
	} {
		now := t0.Add(time.Second)
		if strings.Contains(c.name, "lapsed") {
			now = t0.Add(time.Hour)
		}
		err := tr.CanRead(c.caller, c.s, now)
		if c.reads {
			assert.NoError(t, err, c.name)
		} else {
			assert.Equal(t, errs.Permission, errs.KindOf(err), "%s: %v", c.name, err)
		}
	}
	assert.NoError(t, tr.CanDelete(ana))
	assert.NoError(t, tr.CanDelete(server))
	assert.Equal(t, errs.Permission, errs.KindOf(tr.CanDelete(ben)), "a member of the origin does not delete it")
}

// FuzzDecodeTransfer: any POST /handles body of type transfer either decodes to a handle naming
// two different sessions or is a coded 400.
func FuzzDecodeTransfer(f *testing.F) {
	f.Add([]byte(vectors(f, "Multiplayer.json")["transferHandleJson"]))
	f.Add([]byte(transferBody(game, lobby)))
	f.Fuzz(func(t *testing.T, body []byte) {
		tr, err := DecodeTransfer(body)
		if err != nil {
			require.Truef(t, errs.Is(err, errs.Invalid), "%q: %v is not a 400", body, err)
			return
		}
		require.NotEqualf(t, tr.Origin.Key(), tr.Ref.Key(), "%q: the origin is the target", body)
	})
}
