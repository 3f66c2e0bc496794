package budget

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/testenv"
)

// Sessions: the largest session holds as many JSON values and bytes as its limits allow
// (shared/session/limits.go), most of them in small objects, which cost the most to decode; the
// largest write replaces a good part of it.

// Session templates of the fixture's service config: sessions that keep their members and stay
// when empty (and may have a search handle), and large ones.
var templates = map[string]string{
	"budget": `{"constants":{"system":{"maxMembersCount":100,"visibility":"open","reservedRemovalTimeout":null,"inactiveRemovalTimeout":null,"sessionEmptyTimeout":null,
		"capabilities":{"searchable":true}}}}`,
	"large": `{"constants":{"system":{"maxMembersCount":1000,"visibility":"open","capabilities":{"large":true},"inactiveRemovalTimeout":null,"readyRemovalTimeout":null,"sessionEmptyTimeout":null}}}`,
}

// swapObjects and swapStrings are the parts of the largest session the largest write replaces:
// small objects and strings at their longest; keepObjects the small objects it keeps. With its
// members, the session is then close to both its limits, and stays there.
const (
	swapObjects = 500
	swapStrings = 16
	keepObjects = 3000
)

// sessionCustom is the custom properties of the largest session: keepObjects small objects it
// keeps and the part a write swaps, generation gen of it.
func sessionCustom(gen int, withKept bool) map[string]any {
	custom := map[string]any{"swap": objects(swapObjects, gen)}
	if withKept {
		custom["kept"] = objects(keepObjects, 0)
	}
	for i := range swapStrings {
		custom[fmt.Sprintf("s%d", i)] = fmt.Sprintf("%d", gen) + text(session.MaxStringBytes-len(fmt.Sprint(gen)))
	}
	return custom
}

func objects(n, gen int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"a": json.Number(fmt.Sprint(gen))}
	}
	return out
}

// sessionCast is who the fixture's sessions are made of: an owner, three players the owner
// reserved places for, a player invited through handles and a server principal.
func (f *fixture) sessionCast() (owner testenv.Player, reserved []testenv.Player, invited testenv.Player, server string) {
	p := f.pool(6)
	return p[0], p[1:4], p[4], p[5].WithClaims(f.t, func(c map[string]any) { c["openplay_server"] = true })
}

func (f *fixture) sessionPath(template, name string) string {
	return "/serviceconfigs/" + f.scid() + "/sessionTemplates/" + template + "/sessions/" + name
}

// scid is the fixture's service config, with the templates stored once.
func (f *fixture) scid() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.serviceConfig == "" {
		scid := guid()
		var list []*session.Template
		for name, raw := range templates {
			tpl, err := session.ParseTemplate(scid, name, []byte(raw))
			require.NoError(f.t, err, "template %s", name)
			list = append(list, tpl)
		}
		require.NoError(f.t, f.svc.Store.WriteTemplates(f.t.Context(), list, nil))
		f.serviceConfig = scid
	}
	return f.serviceConfig
}

// sessions makes (once) the largest sessions of the owner: the reserved players, a server entry
// and custom properties at the limits. They are written with the session rules through the
// store, in one transaction each, as a run of writes through the API would leave them.
func (f *fixture) sessions() []string {
	f.mu.Lock()
	made := f.bigSessions
	f.mu.Unlock()
	if made != nil {
		return made
	}
	owner, reserved, _, _ := f.sessionCast()
	made = make([]string, concurrency)
	f.parallel(concurrency, func(i int) {
		made[i] = "big-" + unique()
		ref, err := session.ParseRef(f.scid(), "budget", made[i])
		if !assert.NoError(f.t, err) {
			return
		}
		req := &session.Request{Me: &session.MemberDelta{Properties: &session.BagDelta{System: map[string]any{"active": true}}},
			Properties: &session.BagDelta{Custom: sessionCustom(0, true), CustomSet: true},
			Servers:    map[string]any{"srv": map[string]any{"constants": map[string]any{"custom": map[string]any{"address": text(256)}}}}}
		for n, p := range reserved {
			req.Reserve = append(req.Reserve, session.Reservation{N: n, Player: p.ID,
				Delta: session.MemberDelta{Constants: &session.BagDelta{System: map[string]any{"xuid": p.ID}}}})
		}
		now := f.svc.Time()
		_, err = f.svc.Store.PutSession(f.t.Context(), ref, now, func(stored *session.Session, tpl *session.Template) (*session.Result, error) {
			return session.Put{Stored: stored, Template: tpl, Ref: ref, Request: req, Caller: session.Caller{ID: owner.ID, Name: owner.Name, Server: true},
				Now: now, Branch: guid(), CorrelationID: guid()}.Apply()
		})
		assert.NoError(f.t, err, "the largest session %s", made[i])
	})
	f.mu.Lock()
	f.bigSessions = made
	f.mu.Unlock()
	return made
}

// swap is the owner's largest write to session name: it replaces the swapped part.
func (f *fixture) swap(path string, gen int, wrap func(custom map[string]any) any) call {
	owner, _, _, _ := f.sessionCast()
	return call{http.MethodPut, path, owner.Token, body(f.t, wrap(sessionCustom(gen, false)))}
}

func properties(custom map[string]any) any {
	return map[string]any{"properties": map[string]any{"custom": custom}}
}
func bag(custom map[string]any) any { return map[string]any{"custom": custom} }

// handles makes an invite handle to each of the fixture's sessions, for the invited player.
func (f *fixture) handles() []string {
	f.mu.Lock()
	made := f.inviteHandles
	f.mu.Unlock()
	if made != nil {
		return made
	}
	owner, _, invited, _ := f.sessionCast()
	names := f.sessions()
	made = make([]string, len(names))
	f.parallel(len(names), func(i int) {
		var h struct{ ID string }
		f.do(f.invite(owner, invited, names[i]), &h)
		made[i] = h.ID
	})
	f.mu.Lock()
	f.inviteHandles = made
	f.mu.Unlock()
	return made
}

// invite is the largest invite: its attributes nearly session.MaxInviteAttributesBytes of
// JSON, in as many values as fit ({"a":0}, 8 bytes with its comma).
func (f *fixture) invite(owner, invited testenv.Player, name string) call {
	attributes := map[string]any{"a": objects((session.MaxInviteAttributesBytes-16)/8, 0)}
	return call{http.MethodPost, "/handles", owner.Token, body(f.t, map[string]any{"type": "invite", "version": 1,
		"sessionRef":  map[string]any{"scid": f.scid(), "templateName": "budget", "name": name},
		"invitedXuid": invited.ID, "inviteAttributes": attributes})}
}

// queried makes more of the largest sessions than a query reads (session.MaxQueryBytes of
// them), each with the owner active among the most members a session holds.
func (f *fixture) queried() {
	owner, _, _, _ := f.sessionCast()
	f.parallel(10, func(int) {
		ref, err := session.ParseRef(f.scid(), "large", "q-"+unique())
		if !assert.NoError(f.t, err) {
			return
		}
		now := f.svc.Time()
		s := &session.Session{Ref: ref, Branch: guid(), CorrelationID: guid(), StartTime: now, ChangeNumber: 1,
			Constants: session.Bag{System: map[string]any{"maxMembersCount": json.Number("1000"), "visibility": "open",
				"capabilities": map[string]any{"large": true}, "inactiveRemovalTimeout": nil, "readyRemovalTimeout": nil, "sessionEmptyTimeout": nil}}}
		for i := range 1000 {
			id := fmt.Sprintf("member%022d", i)
			if i == 0 {
				id = owner.ID
			}
			s.Members = append(s.Members, &session.Member{Index: i, Player: id, Name: text(32), JoinTime: now, StatusSince: now,
				Constants: session.Bag{System: map[string]any{"xuid": id}}, Properties: session.Bag{System: map[string]any{"active": true}}})
		}
		s.MembersNext = 1000
		_, err = f.svc.Store.PutSession(f.t.Context(), ref, now, func(*session.Session, *session.Template) (*session.Result, error) {
			return &session.Result{Session: s, Outcome: session.Created, Changed: true}, nil
		})
		assert.NoError(f.t, err, "a queried session")
	})
}

var sessionCases = map[string]worstCase{
	"SessionsPut": func(f *fixture) []call {
		names := f.sessions()
		return calls(concurrency, func(i int) call { return f.swap(f.sessionPath("budget", names[i]), 1, properties) })
	},
	"SessionsGet": func(f *fixture) []call {
		owner, _, _, _ := f.sessionCast()
		path := f.sessionPath("budget", f.sessions()[0])
		return calls(concurrency, func(int) call { return call{http.MethodGet, path, owner.Token, nil} })
	},
	"SessionsPutProperties": func(f *fixture) []call {
		names := f.sessions()
		return calls(concurrency, func(i int) call { return f.swap(f.sessionPath("budget", names[i])+"/properties", 2, bag) })
	},
	"SessionsLeave": func(f *fixture) []call {
		_, reserved, _, _ := f.sessionCast()
		names := f.sessions()
		return calls(concurrency, func(i int) call {
			return call{http.MethodDelete, f.sessionPath("budget", names[i]) + "/members/me", reserved[0].Token, nil}
		})
	},
	"SessionsRemoveMember": func(f *fixture) []call {
		_, _, _, server := f.sessionCast()
		names := f.sessions()
		return calls(concurrency, func(i int) call {
			return call{http.MethodDelete, f.sessionPath("budget", names[i]) + "/members/2", server, nil}
		})
	},
	"SessionsRemoveServer": func(f *fixture) []call {
		_, _, _, server := f.sessionCast()
		names := f.sessions()
		return calls(concurrency, func(i int) call {
			return call{http.MethodDelete, f.sessionPath("budget", names[i]) + "/servers/srv", server, nil}
		})
	},
	"SessionsQuery": func(f *fixture) []call {
		f.queried()
		owner, _, _, _ := f.sessionCast()
		return calls(concurrency, func(int) call {
			return call{http.MethodGet, "/serviceconfigs/" + f.scid() + "/sessions?xuid=" + owner.ID, owner.Token, nil}
		})
	},
	// The most players, each a member of the largest sessions: the query reads
	// session.MaxQueryBytes of them and files each under every player. The players are the owner
	// named ten times: the batch files a session under each of them as it would under ten
	// players, while the emulator, which scans for every member entry looked for, answers one
	// entry as fast as a query (ten took it past the request deadline with 80 calls at once).
	"SessionsBatchQuery": func(f *fixture) []call {
		f.queried()
		owner, _, _, _ := f.sessionCast()
		batch := body(f.t, map[string]any{"xuids": slices.Repeat([]string{owner.ID}, session.MaxBatchPlayers)})
		return calls(concurrency, func(int) call {
			return call{http.MethodPost, "/serviceconfigs/" + f.scid() + "/batch", owner.Token, batch}
		})
	},
	"SessionTemplatesList": func(f *fixture) []call {
		owner, _, _, _ := f.sessionCast()
		return calls(concurrency, func(int) call {
			return call{http.MethodGet, "/serviceconfigs/" + f.scid() + "/sessionTemplates", owner.Token, nil}
		})
	},
	"SessionTemplatesGet": func(f *fixture) []call {
		owner, _, _, _ := f.sessionCast()
		return calls(concurrency, func(int) call {
			return call{http.MethodGet, "/serviceconfigs/" + f.scid() + "/sessionTemplates/budget", owner.Token, nil}
		})
	},
	// A transfer handle's calls are the handle routes' worst: they read two of the largest sessions
	// (the origin, then the target), where an invite's read one.
	"SessionHandlesCreate": func(f *fixture) []call {
		owner, _, _, _ := f.sessionCast()
		names := f.sessions()
		return calls(concurrency, func(i int) call { return f.transfer(owner, names[i], names[(i+1)%len(names)]) })
	},
	// Ten players, each active in one of the largest sessions with it as their activity: the
	// query reads the ten sessions, one at a time, and answers their custom properties.
	"SessionHandlesQuery": func(f *fixture) []call {
		names, owners := f.sessions(), f.pool(6 + session.MaxActivityOwners)[6:]
		xuids := make([]string, len(owners))
		f.parallel(len(owners), func(i int) {
			xuids[i] = owners[i].ID
			join := body(f.t, map[string]any{"members": map[string]any{"me": map[string]any{"properties": map[string]any{"system": map[string]any{"active": true}}}}})
			f.do(call{http.MethodPut, f.sessionPath("budget", names[i]), owners[i].Token, join}, nil)
			f.do(call{http.MethodPost, "/handles", owners[i].Token, body(f.t, map[string]any{"type": "activity", "version": 1,
				"sessionRef": map[string]any{"scid": f.scid(), "templateName": "budget", "name": names[i]}})}, nil)
		})
		query := body(f.t, map[string]any{"type": "activity", "scid": f.scid(), "owners": map[string]any{"xuids": xuids}})
		return calls(concurrency, func(int) call {
			return call{http.MethodPost, "/handles/query?include=relatedInfo,customProperties", owners[0].Token, query}
		})
	},
	// A member who neither sent nor received the handle: the session is read to check them.
	"SessionHandlesGet": func(f *fixture) []call {
		_, reserved, _, _ := f.sessionCast()
		handles := f.handles()
		return calls(concurrency, func(i int) call { return call{http.MethodGet, "/handles/" + handles[i], reserved[2].Token, nil} })
	},
	"SessionHandlesDelete": func(f *fixture) []call {
		// the worst: a search handle, deleted from the largest session (read, changed, written)
		owner, _, _, _ := f.sessionCast()
		names := f.sessions()
		made := make([]string, len(names))
		f.parallel(len(names), func(i int) {
			var h struct{ ID string }
			f.do(f.searchHandle(owner, names[i]), &h)
			made[i] = h.ID
		})
		return calls(concurrency, func(i int) call { return call{http.MethodDelete, "/handles/" + made[i], owner.Token, nil} })
	},
	"SessionsGetByHandle": func(f *fixture) []call {
		_, reserved, _, _ := f.sessionCast()
		handles := f.transfers()
		return calls(concurrency, func(i int) call {
			return call{http.MethodGet, "/handles/" + handles[i] + "/session", reserved[2].Token, nil}
		})
	},
	"SessionsPutByHandle": func(f *fixture) []call {
		_, reserved, _, _ := f.sessionCast()
		invited := reserved[2]
		handles := f.transfers()
		join := body(f.t, map[string]any{"members": map[string]any{"me": map[string]any{"properties": map[string]any{
			"system": map[string]any{"active": true}, "custom": map[string]any{"note": text(session.MaxStringBytes)}}}}})
		return calls(concurrency, func(i int) call {
			return call{http.MethodPut, "/handles/" + handles[i] + "/session", invited.Token, join}
		})
	},
}

// transfer makes a transfer handle from session origin to session target.
func (f *fixture) transfer(owner testenv.Player, origin, target string) call {
	ref := func(name string) map[string]any {
		return map[string]any{"scid": f.scid(), "templateName": "budget", "name": name}
	}
	return call{http.MethodPost, "/handles", owner.Token, body(f.t, map[string]any{"type": "transfer", "version": 1,
		"sessionRef": ref(target), "originSessionRef": ref(origin)})}
}

// transfers makes a transfer handle from each of the fixture's sessions to the next, whose
// members (the owner and the reserved players) are members of both.
func (f *fixture) transfers() []string {
	owner, _, _, _ := f.sessionCast()
	names := f.sessions()
	made := make([]string, len(names))
	f.parallel(len(names), func(i int) {
		var h struct{ ID string }
		f.do(f.transfer(owner, names[i], names[(i+1)%len(names)]), &h)
		made[i] = h.ID
	})
	return made
}
