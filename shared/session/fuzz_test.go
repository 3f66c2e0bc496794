package session

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// seedRequests adds the official client's request bodies and a few hostile ones to f.
func seedRequests(f *testing.F) {
	for _, raw := range vectors(f, "Multiplayer.json") {
		f.Add([]byte(raw))
	}
	for _, s := range []string{``, `null`, `[]`, `{"members":{"reserve_99":{}}}`, `{"members":{"-1":null}}`,
		`{"properties":{"system":{"turn":[1e99]}}}`, `{"constants":{"system":{"maxMembersCount":"4"}}}`} {
		f.Add([]byte(s))
	}
}

// FuzzDecodeRequest: any body either decodes or is a coded 400; it never panics.
func FuzzDecodeRequest(f *testing.F) {
	seedRequests(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		if _, err := DecodeRequest(body); err != nil {
			require.Truef(t, errs.Is(err, errs.Invalid), "%q: %v is not a 400", body, err)
		}
	})
}

// FuzzMerge applies any decodable body to a session by a member and by a server principal: the
// result is a coded error (never internal) that leaves the stored session as it was, or a
// session that renders, stores and parses back.
func FuzzMerge(f *testing.F) {
	seedRequests(f)
	tpl := template(f, openTemplate)
	base := must(f, nil, tpl, ana, `{"members":{"me":{"properties":{"system":{"active":true}}},"reserve_0":{"constants":{"system":{"xuid":"ben"}}}},
		"properties":{"custom":{"a":1}}}`, t0).Session
	stored, _ := base.Marshal()
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := DecodeRequest(body)
		if err != nil {
			return
		}
		for _, c := range []Caller{ana, ben, cal, server} {
			res, err := Put{Stored: base, Template: tpl, Ref: lobby, Request: req, Caller: c, Now: t0, Branch: "b", CorrelationID: "c"}.Apply()
			after, _ := base.Marshal()
			require.Equal(t, string(stored), string(after), "the stored session was changed in place")
			if err != nil {
				require.NotEqualf(t, errs.Internal, errs.KindOf(err), "%q as %s: internal error %v", body, c.ID, err)
				continue
			}
			if res.Session == nil {
				continue
			}
			raw, err := json.Marshal(res.Session.Render(c.ID))
			require.NoError(t, err)
			_, err = parseDocument(raw)
			require.NoErrorf(t, err, "%q: the result does not parse back", body)
			saved, _ := res.Session.Marshal()
			_, err = Unmarshal(saved)
			require.NoError(t, err, "the result does not load back")
		}
	})
}

// FuzzDecodeInvite: any POST /handles body either decodes or is a coded 400 (413 for
// inviteAttributes over their size).
func FuzzDecodeInvite(f *testing.F) {
	for _, name := range []string{"inviteRequestJson", "activityJson", "transferHandleJson", "searchHandleJson"} {
		f.Add([]byte(vectors(f, "Multiplayer.json")[name]))
	}
	f.Add([]byte(`{"type":"invite","sessionRef":{"scid":"00000000-0000-0000-0000-000000000000","templateName":"t","name":"n"},"invitedXuid":"p"}`))
	f.Add([]byte(`{"type":"invite","sessionRef":{"scid":"00000000-0000-0000-0000-000000000000","templateName":"t","name":"n"},"invitedXuid":"p","inviteAttributes":{"":[[{"__name__":1}]]}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if _, err := DecodeInvite(body); err != nil {
			require.Truef(t, errs.Is(err, errs.Invalid) || errs.Is(err, errs.TooLarge), "%q: %v is not a 400 or 413", body, err)
		}
	})
}
