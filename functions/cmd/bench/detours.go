package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/openplay-games/openplay/shared/auth"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/player"
)

// detours: the calls the other scenarios never make, each once a lifecycle, so that every
// mutating endpoint has its cost and latency in the report. A group of three: a room invitation
// declined and one dismissed; a match declined on the turn that invited, left, left on one's turn
// and canceled; a finished match dismissed and rematched; an MPSD session's properties, an invite
// handle joined through and deleted, and a server principal's removals; a notification
// acknowledged.
func (b *bench) detours(ctx context.Context, rec *recorder, g []auth.Account) error {
	for _, step := range []func(context.Context, *recorder, []auth.Account) error{
		b.roomDetours, b.matchDetours, b.rematchDetours, b.sessionDetours, b.ackDetour,
	} {
		if err := step(ctx, rec, g); err != nil {
			return err
		}
	}
	return nil
}

// roomDetours: Ana invites Ben and Cal; Ben declines, Cal dismisses the invitation, Ana leaves.
func (b *bench) roomDetours(ctx context.Context, rec *recorder, g []auth.Account) error {
	var room gamesv1.Room
	if err := b.client.call(ctx, rec, "RoomsCreate", g[0], http.MethodPost, "/games/v1/rooms/create",
		map[string]any{"invitedPlayerIds": []string{g[1].ID, g[2].ID}}, &room); err != nil {
		return err
	}
	path := "/games/v1/rooms/" + room.RoomID
	if err := b.client.call(ctx, rec, "RoomsDecline", g[1], http.MethodPost, path+"/decline", nil, nil); err != nil {
		return err
	}
	if err := b.client.call(ctx, rec, "RoomsDismiss", g[2], http.MethodPost, path+"/dismiss", nil, nil); err != nil {
		return err
	}
	return b.client.call(ctx, rec, "RoomsLeave", g[0], http.MethodPost, path+"/leave", map[string]any{"reason": "PLAYER_LEFT"}, nil)
}

// matchDetours: Ana invites Ben and Cal and passes the turn to Ben, who declines (the turn goes
// on to Cal); Cal joins and leaves on her turn, passing it back to Ana, who cancels the match and
// dismisses it.
func (b *bench) matchDetours(ctx context.Context, rec *recorder, g []auth.Account) error {
	m, ids, err := b.createMatch(ctx, rec, g[0], g[1:])
	if err != nil {
		return err
	}
	path := tb + "/" + m.MatchID
	if err := b.client.call(ctx, rec, "TurnBasedMatchesTakeTurn", g[0], http.MethodPut, path+"/turn", map[string]any{
		"matchVersion": m.MatchVersion, "pendingParticipantId": ids[g[1].ID]}, &m); err != nil {
		return err
	}
	if err := b.client.call(ctx, rec, "TurnBasedMatchesDecline", g[1], http.MethodPut, path+"/decline", nil, &m); err != nil {
		return err
	}
	if err := b.client.call(ctx, rec, "TurnBasedMatchesJoin", g[2], http.MethodPut, path+"/join", nil, &m); err != nil {
		return err
	}
	if err := b.client.call(ctx, rec, "TurnBasedMatchesLeaveTurn", g[2], http.MethodPut,
		fmt.Sprintf("%s/leaveTurn?matchVersion=%d&pendingParticipantId=%s", path, m.MatchVersion, ids[g[0].ID]), nil, &m); err != nil {
		return err
	}
	if err := b.client.call(ctx, rec, "TurnBasedMatchesCancel", g[0], http.MethodPut, path+"/cancel", nil, nil); err != nil {
		return err
	}
	return b.client.call(ctx, rec, "TurnBasedMatchesDismiss", g[0], http.MethodPut, path+"/dismiss", nil, nil)
}

// rematchDetours: Ana invites Ben and Cal; Cal plays the second turn and leaves while it is Ben's;
// Ben and Ana finish the match; Ben asks for a rematch and cancels it.
func (b *bench) rematchDetours(ctx context.Context, rec *recorder, g []auth.Account) error {
	m, ids, err := b.createMatch(ctx, rec, g[0], g[1:])
	if err != nil {
		return err
	}
	path := tb + "/" + m.MatchID
	if err := b.client.call(ctx, rec, "TurnBasedMatchesTakeTurn", g[0], http.MethodPut, path+"/turn", map[string]any{
		"matchVersion": m.MatchVersion, "pendingParticipantId": ids[g[2].ID]}, &m); err != nil {
		return err
	}
	if err := b.client.call(ctx, rec, "TurnBasedMatchesJoin", g[2], http.MethodPut, path+"/join", nil, nil); err != nil {
		return err
	}
	if err := b.client.call(ctx, rec, "TurnBasedMatchesTakeTurn", g[2], http.MethodPut, path+"/turn", map[string]any{
		"matchVersion": m.MatchVersion, "pendingParticipantId": ids[g[1].ID]}, &m); err != nil {
		return err
	}
	if err := b.client.call(ctx, rec, "TurnBasedMatchesJoin", g[1], http.MethodPut, path+"/join", nil, nil); err != nil {
		return err
	}
	if err := b.client.call(ctx, rec, "TurnBasedMatchesLeave", g[2], http.MethodPut, path+"/leave", nil, &m); err != nil {
		return err
	}
	results := []map[string]any{{"participantId": ids[g[0].ID], "placing": 1, "result": "MATCH_RESULT_WIN"},
		{"participantId": ids[g[1].ID], "placing": 2, "result": "MATCH_RESULT_LOSS"}}
	if err := b.client.call(ctx, rec, "TurnBasedMatchesFinish", g[1], http.MethodPut, path+"/finish",
		map[string]any{"matchVersion": m.MatchVersion, "results": results}, &m); err != nil {
		return err
	}
	if err := b.client.call(ctx, rec, "TurnBasedMatchesFinish", g[0], http.MethodPut, path+"/finish",
		map[string]any{"matchVersion": m.MatchVersion, "results": results}, &m); err != nil {
		return err
	}
	var rematch gamesv1.TurnBasedMatchRematch
	if err := b.client.call(ctx, rec, "TurnBasedMatchesRematch", g[1], http.MethodPost, path+"/rematch?requestId="+b.requestID(), nil, &rematch); err != nil {
		return err
	}
	if rematch.Rematch == nil {
		return fmt.Errorf("TurnBasedMatchesRematch: no rematch in the answer")
	}
	return b.client.call(ctx, rec, "TurnBasedMatchesCancel", g[1], http.MethodPut, tb+"/"+rematch.Rematch.MatchID+"/cancel", nil, nil)
}

// createMatch has creator make a match inviting invited and returns it with the participant IDs
// by player.
func (b *bench) createMatch(ctx context.Context, rec *recorder, creator auth.Account, invited []auth.Account) (gamesv1.TurnBasedMatch, map[string]string, error) {
	var ids []string
	for _, p := range invited {
		ids = append(ids, p.ID)
	}
	var m gamesv1.TurnBasedMatch
	if err := b.client.call(ctx, rec, "TurnBasedMatchesCreate", creator, http.MethodPost, tb+"/create",
		map[string]any{"invitedPlayerIds": ids, "requestId": b.requestID()}, &m); err != nil {
		return m, nil, err
	}
	return m, participantIDs(m), nil
}

// participantIDs maps the match's players to their participant IDs.
func participantIDs(m gamesv1.TurnBasedMatch) map[string]string {
	ids := map[string]string{}
	for _, p := range m.Participants {
		if p.Player != nil {
			ids[p.Player.PlayerID] = p.ID
		}
	}
	return ids
}

// sessionDetours: Ana makes a lobby, sets its properties through …/properties and invites Ben
// with a handle; Ben joins through the handle; Ana deletes the handle; a server principal adds a
// server entry, removes Ben by index and removes the server; Ana leaves.
func (b *bench) sessionDetours(ctx context.Context, rec *recorder, g []auth.Account) error {
	name := "bench-" + b.requestID()
	path := "/serviceconfigs/" + lobbyServiceConfig + "/sessionTemplates/" + lobbyTemplate + "/sessions/" + name
	const active = `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	mpsd := func(label string, p auth.Account, method, path, body string, out any) error {
		var in any
		if body != "" {
			in = rawJSON(body)
		}
		return b.client.callWith(ctx, rec, label, p, method, path, mpsdHeader, in, out)
	}
	if err := mpsd("SessionsPut (create)", g[0], http.MethodPut, path, active, nil); err != nil {
		return err
	}
	if err := mpsd("SessionsPutProperties", g[0], http.MethodPut, path+"/properties", `{"custom":{"map":"harbor"}}`, nil); err != nil {
		return err
	}
	var handle struct {
		ID string `json:"id"`
	}
	invite := fmt.Sprintf(`{"type":"invite","version":1,"sessionRef":{"scid":%q,"templateName":%q,"name":%q},"invitedXuid":%q}`,
		lobbyServiceConfig, lobbyTemplate, name, g[1].ID)
	if err := mpsd("SessionHandlesCreate", g[0], http.MethodPost, "/handles", invite, &handle); err != nil {
		return err
	}
	if err := mpsd("SessionsPutByHandle", g[1], http.MethodPut, "/handles/"+handle.ID+"/session", active, nil); err != nil {
		return err
	}
	if err := mpsd("SessionHandlesDelete", g[0], http.MethodDelete, "/handles/"+handle.ID, "", nil); err != nil {
		return err
	}
	server, err := serverPrincipal(g[2])
	if err != nil {
		return err
	}
	if err := mpsd("SessionsPut (server)", server, http.MethodPut, path, `{"servers":{"mm":{"properties":{"system":{"status":"searching"}}}}}`, nil); err != nil {
		return err
	}
	if err := mpsd("SessionsRemoveMember", server, http.MethodDelete, path+"/members/1", "", nil); err != nil {
		return err
	}
	if err := mpsd("SessionsRemoveServer", server, http.MethodDelete, path+"/servers/mm", "", nil); err != nil {
		return err
	}
	return mpsd("SessionsLeave", g[0], http.MethodDelete, path+"/members/me", "", nil)
}

// serverPrincipal is p with the server claim in its ID token. The Auth emulator does not sign
// tokens, so the bench marks its server principal as the tests do; a deployment sets the claim
// with the Admin SDK.
func serverPrincipal(p auth.Account) (auth.Account, error) {
	parts := strings.Split(p.Token, ".")
	if len(parts) != 3 {
		return p, fmt.Errorf("%s's ID token has %d parts", p.Name, len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	claims := map[string]any{}
	if err != nil || json.Unmarshal(raw, &claims) != nil {
		return p, fmt.Errorf("%s's ID token does not decode", p.Name)
	}
	claims[player.ServerClaim] = true
	raw, _ = json.Marshal(claims)
	parts[1] = base64.RawURLEncoding.EncodeToString(raw)
	p.Token = strings.Join(parts, ".")
	return p, nil
}

// ackDetour: Ben reads the newest notification of his inbox (the dev server delivers them
// through its push subscriptions) and acknowledges it.
func (b *bench) ackDetour(ctx context.Context, rec *recorder, g []auth.Account) error {
	var inbox struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if err := b.client.call(ctx, rec, "NotificationsList", g[1], http.MethodGet, "/openplay/v1/notifications?maxResults=1", nil, &inbox); err != nil {
		return err
	}
	if len(inbox.Items) == 0 {
		return fmt.Errorf("NotificationsList: Ben's inbox is empty after two invitations")
	}
	return b.client.call(ctx, rec, "NotificationsAck", g[1], http.MethodPost, "/openplay/v1/notifications/"+inbox.Items[0].ID+"/ack", nil, nil)
}
