package application

import (
	"fmt"
	"strings"
	"time"
)

// Realtime are the ICE servers the players of real-time rooms connect their peers through (see
// docs/realtime.md): STUN URLs, and TURN URLs whose short-lived credentials OpenPlay mints per
// player with the TURN secret (OPENPLAY_TURN_SECRET), valid for TURNCredentialTTL.
type Realtime struct {
	STUN              []string
	TURN              []string
	TURNCredentialTTL time.Duration
}

// Bounds on the TURN credential lifetime: a game session's length, at most a day (the TURN REST
// API draft's recommendation).
const (
	DefaultTURNCredentialTTL = time.Hour
	MinTURNCredentialTTL     = time.Minute
	MaxTURNCredentialTTL     = 24 * time.Hour
)

// realtimeFile is the "realtime" block of infra/application.json.
type realtimeFile struct {
	STUNURLs          []string `json:"stunUrls"`
	TURNURLs          []string `json:"turnUrls"`
	TURNCredentialTTL string   `json:"turnCredentialTtl"`
}

// parse checks the block: STUN URLs start with stun: or stuns:, TURN URLs with turn: or turns:
// (as RTCIceServer takes them), and the lifetime is a duration within its bounds.
func (f realtimeFile) parse() (Realtime, error) {
	rt := Realtime{STUN: f.STUNURLs, TURN: f.TURNURLs, TURNCredentialTTL: DefaultTURNCredentialTTL}
	for _, v := range []struct {
		name    string
		urls    []string
		schemes []string
	}{{"realtime.stunUrls", f.STUNURLs, []string{"stun:", "stuns:"}}, {"realtime.turnUrls", f.TURNURLs, []string{"turn:", "turns:"}}} {
		for i, u := range v.urls {
			if !hasAnyPrefix(u, v.schemes) || len(u) > 512 {
				return Realtime{}, fmt.Errorf("%s[%d]: %q is not a URL starting with %s", v.name, i, u, strings.Join(v.schemes, " or "))
			}
		}
	}
	if f.TURNCredentialTTL != "" {
		d, err := time.ParseDuration(f.TURNCredentialTTL)
		if err != nil || d < MinTURNCredentialTTL || d > MaxTURNCredentialTTL {
			return Realtime{}, fmt.Errorf("realtime.turnCredentialTtl: %q is not a duration from %s to %s", f.TURNCredentialTTL, MinTURNCredentialTTL, MaxTURNCredentialTTL)
		}
		rt.TURNCredentialTTL = d
	}
	return rt, nil
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
