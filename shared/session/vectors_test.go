package session

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// vectors reads one of the official client's fixture files (testdata/, copied from
// microsoft/xbox-live-api, MIT): one JSON object whose keys are the vectors.
func vectors(t testing.TB, file string) map[string]json.RawMessage {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + file)
	require.NoError(t, err)
	var out map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &out), file)
	return out
}

// sessionVectors are the fixtures that are session documents.
func sessionVectors(t testing.TB) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for _, file := range []string{"Multiplayer.json", "MultiplayerManager.json"} {
		for name, raw := range vectors(t, file) {
			var probe map[string]any
			if json.Unmarshal(raw, &probe) == nil && probe["membersInfo"] != nil {
				out[file+"/"+name] = raw
			}
		}
	}
	return out
}

// TestRoundTrip parses every session document of the fixtures, renders it, and checks that
// nothing it carries was lost (up to enum case, which is canonicalised, and the fields Render
// derives) and that rendering is stable: parse(render(s)) renders the same.
func TestRoundTrip(t *testing.T) {
	docs := sessionVectors(t)
	require.GreaterOrEqual(t, len(docs), 25, "session vectors found")
	for name, raw := range docs {
		t.Run(name, func(t *testing.T) {
			s, err := parseDocument(raw)
			require.NoError(t, err, "parse")
			viewer := ""
			if len(s.Members) > 0 {
				viewer = s.Members[0].Player // a large session shows only the viewer
			}
			first := js(s.Render(viewer))
			again, err := parseDocument([]byte(first))
			require.NoError(t, err, "parse the rendering")
			assert.Equal(t, first, js(again.Render(viewer)), "rendering is not stable")
			var in, out map[string]any
			_ = json.Unmarshal(raw, &in)
			_ = json.Unmarshal([]byte(first), &out)
			lower := func(v any) string { return strings.ToLower(js(v)) }
			for _, field := range []string{"constants", "servers", "correlationId", "changeNumber", "branch", "initializing", "hostCandidates"} {
				if in[field] != nil {
					assert.Equal(t, lower(in[field]), lower(out[field]), field)
				}
			}
			// each role's count and memberXuids are derived from the members (the fixtures' own
			// disagree with their members): they must say what the rendered members say, and
			// the rest of roleTypes is kept
			if in["roleTypes"] != nil {
				checkDerivedRoles(t, out)
				inRoles, _ := in["roleTypes"].(map[string]any)
				outRoles, _ := out["roleTypes"].(map[string]any)
				assert.Equal(t, lower(withoutDerived(inRoles)), lower(withoutDerived(outRoles)), "roleTypes")
			}
			if props, ok := in["properties"].(map[string]any); ok {
				if sys, ok := props["system"].(map[string]any); ok && sys["turn"] == nil {
					sys["turn"] = []any{}
				}
				if props["custom"] == nil {
					props["custom"] = map[string]any{}
				}
				assert.Equal(t, lower(props), lower(out["properties"]), "properties")
			}
			// membersInfo is derived from the members (some fixtures' own counts disagree with
			// their members): count, accepted (not reserved) and active must say what the
			// rendered members say
			if !s.large() {
				outMembers, _ := out["members"].(map[string]any)
				accepted, active := 0, 0
				for _, m := range outMembers {
					m := m.(map[string]any)
					if m["reserved"] != true {
						accepted++
					}
					if path(m, "properties", "system", "active") == true {
						active++
					}
				}
				assert.Equal(t, float64(len(outMembers)), path(out, "membersInfo", "count"), "membersInfo.count")
				assert.Equal(t, float64(accepted), path(out, "membersInfo", "accepted"), "membersInfo.accepted")
				if active > 0 {
					assert.Equal(t, float64(active), path(out, "membersInfo", "active"), "membersInfo.active")
				}
			}
			members, _ := in["members"].(map[string]any)
			for key, m := range members {
				want := m.(map[string]any)
				outKey := key
				require.False(t, key == "me" && !s.large(), "members.me in a session that is not large")
				got, _ := path(out, "members", outKey).(map[string]any)
				require.NotNil(t, got, "member %s lost", key)
				// deviceToken is derived from the secure device address (the fixtures' are mock
				// values such as "" and "TestHostDeviceToken"): 32 lower-case hex digits
				if addr, _ := path(want, "properties", "system", "secureDeviceAddress").(string); addr != "" {
					assert.Regexp(t, `^[0-9a-f]{32}$`, got["deviceToken"], "member %s deviceToken", key)
				}
				for _, f := range []string{"properties", "roles", "nat", "joinTime", "reserved", "initializationFailure", "activeTitleId"} {
					if want[f] == nil {
						continue
					}
					w, g := lower(want[f]), lower(got[f])
					if f == "joinTime" {
						w, g = sameTime(want[f], got[f])
					}
					assert.Equal(t, w, g, "member %s %s", key, f)
				}
				wantConstants := want["constants"]
				if c, ok := wantConstants.(map[string]any); ok && c["custom"] == nil {
					c["custom"] = map[string]any{}
				}
				if want["constants"] != nil {
					assert.Equal(t, lower(wantConstants), lower(got["constants"]), "member %s constants", key)
				}
			}
		})
	}
}

// TestOfficialRequests decodes every request body the official client sends (the fixtures of its
// Multiplayer and MultiplayerManager tests) and applies each to a session the way a member (or, for servers, a server principal) would:
// all are accepted except memberInitialization, whose synthetic values ask for more members to
// start (4004) than a session may have, and initializationSucceeded, which a session takes only
// while member initialization is evaluating.
func TestOfficialRequests(t *testing.T) {
	tpl := template(t, `{"constants":{"system":{"maxMembersCount":10,"inactiveRemovalTimeout":null,"capabilities":{"connectivity":true}}}}`)
	empty := template(t, `{}`)
	base := must(t, nil, tpl, Caller{ID: "5678"}, `{"members":{"me":{}}}`, t0).Session
	requests := 0
	all := map[string]json.RawMessage{}
	for _, file := range []string{"Multiplayer.json", "MultiplayerManager.json"} {
		for name, raw := range vectors(t, file) {
			all[file+"/"+name] = raw
		}
	}
	for name, raw := range all {
		var probe map[string]any
		if json.Unmarshal(raw, &probe) != nil || len(probe) == 0 {
			continue
		}
		isRequest := true
		for k := range probe {
			if !strings.Contains(" constants properties members servers roleTypes ", " "+k+" ") {
				isRequest = false
			}
		}
		if !isRequest {
			continue
		}
		requests++
		t.Run(name, func(t *testing.T) {
			req, err := DecodeRequest(raw)
			if strings.HasSuffix(name, "/memberInitializationJson") {
				require.True(t, errs.Is(err, errs.Invalid), "memberInitialization: %v", err)
				assert.Contains(t, err.Error(), "membersNeededToStart")
				return
			}
			require.NoError(t, err, "decode")
			c := Caller{ID: "1234"}
			if req.Servers != nil {
				c.Server = true
			}
			stored, template := base, (*Template)(nil)
			if req.Constants != nil { // constants are set at creation
				stored, template = nil, empty
			}
			res, err := Put{Stored: stored, Template: template, Ref: lobby, Request: req, Caller: c, Now: t0, Branch: "b", CorrelationID: "c"}.Apply()
			if strings.HasSuffix(name, "/initializationStatusJson") {
				// only while an episode is evaluating (TestInitializationEpisode sends it then)
				require.True(t, errs.Is(err, errs.Invalid), "initializationSucceeded: %v", err)
				assert.Contains(t, err.Error(), "initializationSucceeded")
				return
			}
			require.NoError(t, err, "apply")
			again, err := parseDocument([]byte(js(res.Session.Render("1234"))))
			require.NoError(t, err, "the result does not parse back")
			if req.Properties != nil {
				sent, _ := req.Properties.Custom.(map[string]any)
				has, _ := again.Properties.Custom.(map[string]any)
				for k, v := range sent {
					if v != nil {
						assert.Equal(t, js(v), js(has[k]), "properties.custom.%s", k)
					}
				}
			}
		})
	}
	assert.GreaterOrEqual(t, requests, 40, "request vectors found")
}

// checkDerivedRoles checks that each role of a rendered session counts and lists the rendered
// members that hold it, in index order.
func checkDerivedRoles(t *testing.T, doc map[string]any) {
	t.Helper()
	members, _ := doc["members"].(map[string]any)
	types, _ := doc["roleTypes"].(map[string]any)
	for typ, v := range types {
		roles, _ := path(v, "roles").(map[string]any)
		for name, role := range roles {
			var xuids []any
			for i := range 1000 {
				m := members[strconv.Itoa(i)]
				if m != nil && path(m, "roles", typ) == name {
					xuids = append(xuids, path(m, "constants", "system", "xuid"))
				}
			}
			assert.Equal(t, float64(len(xuids)), path(role, "count"), "roleTypes.%s.roles.%s.count: the members holding it", typ, name)
			assert.Equal(t, js(append([]any{}, xuids...)), js(path(role, "memberXuids")), "roleTypes.%s.roles.%s.memberXuids", typ, name)
		}
	}
}

// sameTime compares two rendered times by the instant they name.
func sameTime(a, b any) (string, string) {
	ta, errA := time.Parse(time.RFC3339Nano, a.(string))
	tb, errB := time.Parse(time.RFC3339Nano, b.(string))
	if errA != nil || errB != nil || !ta.Equal(tb) {
		return js(a), js(b)
	}
	return "", ""
}
