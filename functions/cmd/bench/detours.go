package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/player"
)

// detours: the mutating calls the other scenarios never make, each once a lifecycle, for a group
// of three (Ana, Ben, Cal), so that every mutating endpoint is measured, and the reads of one
// resource by its ID.
func (b *bench) detours(r *run, g []emulator.Account) {
	ana, ben, cal := g[0], g[1], g[2]

	// Ana invites Ben and Cal to a room; Ben looks at it and declines, Cal dismisses the
	// invitation, Ana leaves.
	var room gamesv1.Room
	r.call(ana, "RoomsCreate", map[string]any{"invitedPlayerIds": playerIDs(g[1:])}, &room)
	r.call(ben, "RoomsGet", nil, nil, "roomId", room.RoomID)
	r.call(ben, "RoomsDecline", nil, nil, "roomId", room.RoomID)
	r.call(cal, "RoomsDismiss", nil, nil, "roomId", room.RoomID)
	leaveRoom(r, room.RoomID, g[:1])

	// Ana invites Ben and Cal to a match and passes the turn to Ben, who declines (the turn goes
	// on to Cal); Cal looks at it, joins and leaves on her turn, passing it back to Ana, who
	// cancels the match and dismisses it.
	m, pids := b.createMatch(r, g)
	takeTurn(r, m, pids, ana, ben, "")
	r.call(ben, "TurnBasedMatchesDecline", nil, m, "matchId", m.MatchID)
	r.call(cal, "TurnBasedMatchesGet", nil, nil, "matchId", m.MatchID)
	r.call(cal, "TurnBasedMatchesJoin", nil, m, "matchId", m.MatchID)
	r.call(cal, "TurnBasedMatchesLeaveTurn", nil, m, "matchId", m.MatchID,
		"?", "matchVersion="+strconv.Itoa(int(m.MatchVersion))+"&pendingParticipantId="+pids[ana.ID])
	r.call(ana, "TurnBasedMatchesCancel", nil, nil, "matchId", m.MatchID)
	r.call(ana, "TurnBasedMatchesDismiss", nil, nil, "matchId", m.MatchID)

	// Another match: Cal plays the second turn and leaves while it is Ben's; Ben and Ana finish
	// it; Ben asks for a rematch and cancels it.
	m, pids = b.createMatch(r, g)
	takeTurn(r, m, pids, ana, cal, "")
	r.call(cal, "TurnBasedMatchesJoin", nil, nil, "matchId", m.MatchID)
	takeTurn(r, m, pids, cal, ben, "")
	r.call(ben, "TurnBasedMatchesJoin", nil, nil, "matchId", m.MatchID)
	r.call(cal, "TurnBasedMatchesLeave", nil, m, "matchId", m.MatchID)
	finish(r, m, pids, g, "", ben, ana)
	var rematch gamesv1.TurnBasedMatchRematch
	r.call(ben, "TurnBasedMatchesRematch", nil, &rematch, "matchId", m.MatchID, "?", "requestId="+b.requestID())
	r.check(rematch.Rematch != nil, "TurnBasedMatchesRematch: no rematch in the answer")
	if r.err == nil {
		r.call(ben, "TurnBasedMatchesCancel", nil, nil, "matchId", rematch.Rematch.MatchID)
	}

	// Ana reads the lobby's template, makes a lobby, sets its properties through …/properties, looks up her and Ben's sessions
	// with a batch query and invites Ben with a handle; Ben joins through it, reads the lobby and
	// makes it his activity, which Cal looks up and reads by its ID; Ana deletes the handle, Ben
	// his activity; a server principal adds a server entry, removes Ben by index and removes the
	// server; Ana leaves.
	session := b.lobby()
	var handle, activity struct{ ID string }
	r.call(ana, "SessionTemplatesGet", nil, nil, "scid", lobbyServiceConfig, "template", lobbyTemplate)
	r.call(ana, "SessionsPut (create)", rawJSON(activeMember), nil, session...)
	r.call(ana, "SessionsPutProperties", rawJSON(`{"custom":{"map":"harbor"}}`), nil, session...)
	r.call(ana, "SessionsBatchQuery", rawJSON(fmt.Sprintf(`{"xuids":[%q,%q]}`, ana.ID, ben.ID)), nil, "scid", lobbyServiceConfig)
	r.call(ana, "SessionHandlesCreate", rawJSON(fmt.Sprintf(`{"type":"invite","version":1,"sessionRef":{"scid":%q,"templateName":%q,"name":%q},"invitedXuid":%q}`,
		lobbyServiceConfig, lobbyTemplate, session[len(session)-1], ben.ID)), &handle)
	r.call(ben, "SessionsPutByHandle", rawJSON(activeMember), nil, "handleId", handle.ID)
	r.call(ben, "SessionsGet", nil, nil, session...)
	r.call(ben, "SessionHandlesCreate (activity)", rawJSON(fmt.Sprintf(`{"type":"activity","version":1,"sessionRef":{"scid":%q,"templateName":%q,"name":%q}}`,
		lobbyServiceConfig, lobbyTemplate, session[len(session)-1])), &activity)
	r.call(cal, "SessionHandlesQuery", rawJSON(fmt.Sprintf(`{"type":"activity","scid":%q,"owners":{"xuids":[%q,%q]}}`, lobbyServiceConfig, ana.ID, ben.ID)), nil,
		"?", "include=relatedInfo,customProperties")
	r.call(cal, "SessionHandlesGet (activity)", nil, nil, "handleId", activity.ID)
	r.call(ana, "SessionHandlesDelete", nil, nil, "handleId", handle.ID)
	r.call(ben, "SessionHandlesDelete (activity)", nil, nil, "handleId", activity.ID)
	// Ana, in the lobby, starts a game and hands the lobby on to it with a transfer handle; Ben,
	// in the lobby, reads the handle, joins the game through it and leaves it.
	game := b.lobby()
	ref := func(path []string) string {
		return fmt.Sprintf(`{"scid":%q,"templateName":%q,"name":%q}`, path[1], path[3], path[5])
	}
	r.call(ana, "SessionsPut (create)", rawJSON(activeMember), nil, game...)
	r.call(ana, "SessionHandlesCreate (transfer)", rawJSON(`{"type":"transfer","version":1,"sessionRef":`+ref(game)+`,"originSessionRef":`+ref(session)+`}`), &handle)
	r.call(ben, "SessionHandlesGet (transfer)", nil, nil, "handleId", handle.ID)
	r.call(ben, "SessionsPutByHandle (transfer)", rawJSON(activeMember), nil, "handleId", handle.ID)
	r.call(ben, "SessionsLeave", nil, nil, game...)
	r.call(ana, "SessionsLeave", nil, nil, game...)
	server := serverPrincipal(r, cal)
	r.call(server, "SessionsPut (server)", rawJSON(`{"servers":{"mm":{"properties":{"system":{"status":"searching"}}}}}`), nil, session...)
	r.call(server, "SessionsRemoveMember", nil, nil, append(session, "index", "1")...)
	r.call(server, "SessionsRemoveServer", nil, nil, append(session, "server", "mm")...)
	r.call(ana, "SessionsLeave", nil, nil, session...)

	// Ana advertises a lobby with a search handle (written into the session) and Ben browses
	// for it with a search query and reads it by its ID; Ana deletes it and leaves.
	browse := b.lobby()
	var search struct{ ID string }
	r.call(ana, "SessionsPut (create)", rawJSON(activeMember), nil, browse...) // the sample lobby is searchable
	r.call(ana, "SessionHandlesCreate (search)", rawJSON(fmt.Sprintf(`{"type":"search","version":1,"sessionRef":{"scid":%q,"templateName":%q,"name":%q},
		"searchAttributes":{"tags":["casual"],"strings":{"map":"harbor"},"numbers":{"skill":12}}}`, lobbyServiceConfig, lobbyTemplate, browse[len(browse)-1])), &search)
	var found struct{ Results []struct{ ID string } }
	r.call(ben, "SessionHandlesQuery", rawJSON(fmt.Sprintf(`{"type":"search","scid":%q,"templateName":%q,
		"filter":"tags/any(d:tolower(d) eq 'casual') and numbers/skill ge 10","orderBy":"numbers/skill desc"}`, lobbyServiceConfig, lobbyTemplate)), &found)
	r.check(len(found.Results) > 0, "SessionHandlesQuery: the lobby's search handle was not found")
	r.call(ben, "SessionHandlesGet (search)", nil, nil, "handleId", search.ID)
	r.call(ana, "SessionHandlesDelete (search)", nil, nil, "handleId", search.ID)
	r.call(ana, "SessionsLeave", nil, nil, browse...)

	// Ben reads the newest notification of his inbox and acknowledges it. The push consumers
	// deliver it, so it may take a moment to arrive.
	var inbox struct{ Items []struct{ ID string } } // JSON field names match case-insensitively
	for try := 0; r.err == nil && len(inbox.Items) == 0; try++ {
		r.check(try < 20, "NotificationsList: Ben's inbox is still empty 2 s after his invitations")
		time.Sleep(time.Duration(min(try, 1)) * 100 * time.Millisecond)
		r.call(ben, "NotificationsList", nil, &inbox, "?", "maxResults=1")
	}
	if r.err == nil {
		r.call(ben, "NotificationsAck", nil, nil, "id", inbox.Items[0].ID)
	}
}

// serverPrincipal is p with the server claim in its ID token. The Auth emulator does not check
// signatures, so the bench marks its server principal as the tests do; a deployment sets the
// claim with the Admin SDK.
func serverPrincipal(r *run, p emulator.Account) emulator.Account {
	parts := strings.Split(p.Token, ".")
	claims := map[string]any{}
	raw, err := base64.RawURLEncoding.DecodeString(parts[min(1, len(parts)-1)])
	r.check(len(parts) == 3 && err == nil && json.Unmarshal(raw, &claims) == nil, "%s's ID token does not decode", p.Name)
	if r.err == nil {
		claims[player.ServerClaim] = true
		raw, _ = json.Marshal(claims)
		parts[1] = base64.RawURLEncoding.EncodeToString(raw)
		p.Token = strings.Join(parts, ".")
	}
	return p
}
