// Package application holds the settings a studio gives each of its games (applications): how
// long a turn, an invitation, an unfilled auto-match slot, a connecting room and a player
// reported unreachable may wait before the sweeper ends them, how many invitations players may
// send and receive, how strictly players' ID tokens are checked, the ICE servers of real-time
// rooms, and which web origins' pages may call the API. They are loaded from
// infra/application.json by the appsettings command. The timeouts are copied into every room and
// match when it is created, so a change applies to new games; the other settings apply to every
// call an instance serves once it has read them again (within a minute).
package application

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// Timeouts are the waits after which a game moves on without a player.
type Timeouts struct {
	// Turn is how long the pending participant of a match has to play before they become
	// PARTICIPANT_UNRESPONSIVE and the turn passes on.
	Turn time.Duration
	// AutoMatch is how long a game's auto-match slots stay open.
	AutoMatch time.Duration
	// Invitation is how long an invitation to a match may go unanswered.
	Invitation time.Duration
	// RoomConnection is how long a real-time room has, from the moment its players were all in
	// (no invitation pending, no slot open), to become ROOM_ACTIVE.
	RoomConnection time.Duration
	// Unreachable is how long a joined player of a room that has been ROOM_ACTIVE has to call
	// reportStatus once another participant reported its connection to them failed, before
	// they are taken out: their device went away without a word (a crash, a lost network, an
	// app or page frozen in the background).
	Unreachable time.Duration
}

// Settings are one application's settings.
type Settings struct {
	Timeouts Timeouts
	Limits   Limits
	Auth     Auth
	// Realtime are the ICE servers of real-time rooms (realtime.go).
	Realtime Realtime
	// CORS are the web origins whose pages may call the API (cors.go).
	CORS CORS
}

// Auth is how players' ID tokens are checked (the default: signature, audience and expiry only,
// so a token stays good until it expires, up to an hour after it was issued).
type Auth struct {
	// CheckRevoked also checks each call's token against the player's Firebase account: a
	// disabled or deleted account, or refresh tokens revoked after the token was issued, are
	// refused at the next call; a server claim the account lost no longer counts. It costs one
	// Firebase Auth lookup per call (see docs/operations.md).
	CheckRevoked bool
}

// Defaults apply to an application that has no settings loaded. Fourteen days for a turn is
// what Play Games gave turn-based matches. The invitation limits let a player create a game with
// seven friends every 70 seconds, invite the same friend every 30 seconds, and receive three
// invitations a minute, for as long as they like (docs/api.md, Limits).
var Defaults = Settings{
	Timeouts: Timeouts{
		Turn:           14 * 24 * time.Hour,
		AutoMatch:      24 * time.Hour,
		Invitation:     14 * 24 * time.Hour,
		RoomConnection: 10 * time.Minute,
		Unreachable:    30 * time.Second,
	},
	Limits: Limits{Invitations: InvitationLimits{
		Window:               10 * time.Minute,
		PerSender:            60,
		PerSenderToOnePlayer: 20,
		PerRecipient:         30,
	}},
	Realtime: Realtime{TURNCredentialTTL: DefaultTURNCredentialTTL},
}

// WithDefaults fills the settings s leaves unset (zero, as in a document written by an older
// version) with the defaults, so that a missing setting never turns a timer or a limit off.
func (s Settings) WithDefaults() Settings {
	for _, v := range s.durations() {
		if *v.into <= 0 {
			*v.into = v.def
		}
	}
	for _, v := range s.counts() {
		if *v.into <= 0 {
			*v.into = v.def
		}
	}
	if s.Realtime.TURNCredentialTTL <= 0 {
		s.Realtime.TURNCredentialTTL = DefaultTURNCredentialTTL
	}
	return s
}

// setting is one setting of a Settings: its name in the settings file, where it is, its default
// and its bounds.
type setting[T any] struct {
	name     string
	into     *T
	def      T
	min, max T
}

func (s *Settings) durations() []setting[time.Duration] {
	d := Defaults
	return []setting[time.Duration]{
		{"timeouts.turn", &s.Timeouts.Turn, d.Timeouts.Turn, MinTimeout, MaxTimeout},
		{"timeouts.autoMatch", &s.Timeouts.AutoMatch, d.Timeouts.AutoMatch, MinTimeout, MaxTimeout},
		{"timeouts.invitation", &s.Timeouts.Invitation, d.Timeouts.Invitation, MinTimeout, MaxTimeout},
		{"timeouts.roomConnection", &s.Timeouts.RoomConnection, d.Timeouts.RoomConnection, MinTimeout, MaxTimeout},
		{"timeouts.unreachable", &s.Timeouts.Unreachable, d.Timeouts.Unreachable, MinUnreachable, MaxTimeout},
		{"limits.invitations.window", &s.Limits.Invitations.Window, d.Limits.Invitations.Window, MinLimitWindow, MaxLimitWindow},
	}
}

func (s *Settings) counts() []setting[int] {
	d := Defaults.Limits.Invitations
	inv := &s.Limits.Invitations
	return []setting[int]{
		{"limits.invitations.perSender", &inv.PerSender, d.PerSender, 1, MaxLimitCount},
		{"limits.invitations.perSenderToOnePlayer", &inv.PerSenderToOnePlayer, d.PerSenderToOnePlayer, 1, MaxLimitCount},
		{"limits.invitations.perRecipient", &inv.PerRecipient, d.PerRecipient, 1, MaxLimitCount},
	}
}

// Each calls visit with the file name and value of every setting, in the file's order.
func (s Settings) Each(visit func(name string, value any)) {
	for _, v := range s.durations() {
		visit(v.name, *v.into)
	}
	for _, v := range s.counts() {
		visit(v.name, *v.into)
	}
	visit("auth.checkRevoked", s.Auth.CheckRevoked)
	visit("realtime.stunUrls", s.Realtime.STUN)
	visit("realtime.turnUrls", s.Realtime.TURN)
	visit("realtime.turnCredentialTtl", s.Realtime.TURNCredentialTTL)
	visit("cors.allowedOrigins", s.CORS.AllowedOrigins)
}

// Bounds on a timeout: long enough for a network round trip, short enough to be a timeout.
// An unreachable player's wait is longer than the 10 s between a client's reports while one of
// its connections is down (docs/realtime.md), so that a player still there always has a chance
// to answer.
const (
	MinTimeout     = 10 * time.Second
	MinUnreachable = 20 * time.Second
	MaxTimeout     = 365 * 24 * time.Hour
)

// fileFormat is the format of infra/application.json. Every setting is optional (the default
// applies); durations are written as Go durations ("336h", "10m"), counts as numbers.
type fileFormat struct {
	Timeouts struct {
		Turn           string `json:"turn"`
		AutoMatch      string `json:"autoMatch"`
		Invitation     string `json:"invitation"`
		RoomConnection string `json:"roomConnection"`
		Unreachable    string `json:"unreachable"`
	} `json:"timeouts"`
	Limits struct {
		Invitations struct {
			Window               string `json:"window"`
			PerSender            *int   `json:"perSender"`
			PerSenderToOnePlayer *int   `json:"perSenderToOnePlayer"`
			PerRecipient         *int   `json:"perRecipient"`
		} `json:"invitations"`
	} `json:"limits"`
	Auth struct {
		CheckRevoked bool `json:"checkRevoked"`
	} `json:"auth"`
	Realtime realtimeFile `json:"realtime"`
	CORS     corsFile     `json:"cors"`
}

// Parse reads and checks a settings file. Unknown fields are refused, so a misspelt setting does
// not silently keep its default.
func Parse(raw []byte) (Settings, error) {
	var f fileFormat
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return Settings{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return Settings{}, errors.New("the file holds more than one JSON value: settings after the first would be ignored")
	}
	s := Defaults
	timeouts, inv := f.Timeouts, f.Limits.Invitations
	durations := map[string]string{"timeouts.turn": timeouts.Turn, "timeouts.autoMatch": timeouts.AutoMatch,
		"timeouts.invitation": timeouts.Invitation, "timeouts.roomConnection": timeouts.RoomConnection, "timeouts.unreachable": timeouts.Unreachable,
		"limits.invitations.window": inv.Window}
	for _, v := range s.durations() {
		raw := durations[v.name]
		if raw == "" {
			continue
		}
		d, err := time.ParseDuration(raw)
		if err != nil {
			return Settings{}, fmt.Errorf("%s: %q is not a duration such as 336h or 10m", v.name, raw)
		}
		if d < v.min || d > v.max {
			return Settings{}, fmt.Errorf("%s: %s is outside %s to %s", v.name, d, v.min, v.max)
		}
		*v.into = d
	}
	counts := map[string]*int{"limits.invitations.perSender": inv.PerSender,
		"limits.invitations.perSenderToOnePlayer": inv.PerSenderToOnePlayer, "limits.invitations.perRecipient": inv.PerRecipient}
	for _, v := range s.counts() {
		n := counts[v.name]
		if n == nil {
			continue
		}
		if *n < v.min || *n > v.max {
			return Settings{}, fmt.Errorf("%s: %d is outside %d to %d", v.name, *n, v.min, v.max)
		}
		*v.into = *n
	}
	if l := s.Limits.Invitations; l.PerSenderToOnePlayer > l.PerSender {
		return Settings{}, fmt.Errorf("limits.invitations.perSenderToOnePlayer: %d is more than limits.invitations.perSender (%d), so it would never apply",
			l.PerSenderToOnePlayer, l.PerSender)
	}
	s.Auth.CheckRevoked = f.Auth.CheckRevoked
	realtime, err := f.Realtime.parse()
	if err != nil {
		return Settings{}, err
	}
	s.Realtime = realtime
	if s.CORS, err = f.CORS.parse(); err != nil {
		return Settings{}, err
	}
	return s, nil
}
