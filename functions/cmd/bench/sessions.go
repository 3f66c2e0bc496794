package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/openplay-games/openplay/shared/auth"
)

// The MPSD lobby the scenario churns: the sample template of infra/session-templates (an open
// lobby of up to 8), under its sample service config.
const (
	lobbyServiceConfig = "00000000-0000-0000-0000-000000000000"
	lobbyTemplate      = "lobby"
)

// mpsdHeader is what XSAPI sends with every session call.
var mpsdHeader = http.Header{"X-Xbl-Contract-Version": {"107"}}

// lobbyChurn: the first player creates a lobby session and becomes an active member, the others
// join it, each sets a member property, the host sets the session's properties, and everyone
// leaves (the last one's leave ends the session). Endpoint labels name the route and, in
// parentheses, which use of the session PUT it was.
func (b *bench) lobbyChurn(ctx context.Context, rec *recorder, g []auth.Account) error {
	path := "/serviceconfigs/" + lobbyServiceConfig + "/sessionTemplates/" + lobbyTemplate + "/sessions/bench-" + b.requestID()
	const active = `{"members":{"me":{"properties":{"system":{"active":true}}}}}`
	put := func(label string, p auth.Account, body string) error {
		return b.client.callWith(ctx, rec, label, p, http.MethodPut, path, mpsdHeader, rawJSON(body), nil)
	}
	if err := put("SessionsPut (create)", g[0], active); err != nil {
		return err
	}
	for _, p := range g[1:] {
		if err := put("SessionsPut (join)", p, active); err != nil {
			return err
		}
	}
	for i, p := range g {
		if err := put("SessionsPut (member properties)", p, fmt.Sprintf(`{"members":{"me":{"properties":{"custom":{"team":%d}}}}}`, i%2)); err != nil {
			return err
		}
	}
	if err := put("SessionsPut (session properties)", g[0], `{"properties":{"system":{"keywords":["bench"]},"custom":{"map":"harbor","rounds":3}}}`); err != nil {
		return err
	}
	for i := len(g) - 1; i >= 0; i-- {
		if err := b.client.callWith(ctx, rec, "SessionsLeave", g[i], http.MethodDelete, path+"/members/me", mpsdHeader, nil, nil); err != nil {
			return err
		}
	}
	return nil
}

// rawJSON is a request body sent as it is.
type rawJSON string

func (r rawJSON) MarshalJSON() ([]byte, error) { return []byte(r), nil }

// routeOf is the route an endpoint label names ("SessionsPut (join)" is SessionsPut).
func routeOf(label string) string {
	name, _, _ := strings.Cut(label, " (")
	return name
}
