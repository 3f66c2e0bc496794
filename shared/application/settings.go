// Package application holds the settings a studio gives each of its games (applications): how
// long a turn, an invitation, an unfilled auto-match slot and a connecting room may wait before
// the sweeper ends them. They are loaded from infra/application.json by the appsettings command
// and copied into every room and match when it is created, so a change applies to new games.
package application

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Timeouts are the waits after which a game moves on without a player.
type Timeouts struct {
	// Turn is how long the pending participant of a match has to play before they become
	// PARTICIPANT_UNRESPONSIVE and the turn passes on.
	Turn time.Duration `firestore:"turn"`
	// AutoMatch is how long a game's auto-match slots stay open.
	AutoMatch time.Duration `firestore:"autoMatch"`
	// Invitation is how long an invitation to a match may go unanswered.
	Invitation time.Duration `firestore:"invitation"`
	// RoomConnection is how long a real-time room has, from the moment its players were all in
	// (no invitation pending, no slot open), to become ROOM_ACTIVE.
	RoomConnection time.Duration `firestore:"roomConnection"`
}

// Settings are one application's settings.
type Settings struct {
	Timeouts Timeouts `firestore:"timeouts"`
	// Realtime are the ICE servers of real-time rooms (realtime.go).
	Realtime Realtime `firestore:"realtime"`
}

// Defaults apply to an application that has no settings loaded. Fourteen days for a turn is
// what Play Games gave turn-based matches.
var Defaults = Settings{Timeouts: Timeouts{
	Turn:           14 * 24 * time.Hour,
	AutoMatch:      24 * time.Hour,
	Invitation:     14 * 24 * time.Hour,
	RoomConnection: 10 * time.Minute,
}, Realtime: Realtime{TURNCredentialTTL: DefaultTURNCredentialTTL}}

// WithDefaults fills the timeouts s leaves unset (zero, as in a document written by an older
// version) with the defaults, so that a missing setting never turns a timer off.
func (s Settings) WithDefaults() Settings {
	for _, v := range []struct{ into, def *time.Duration }{
		{&s.Timeouts.Turn, &Defaults.Timeouts.Turn},
		{&s.Timeouts.AutoMatch, &Defaults.Timeouts.AutoMatch},
		{&s.Timeouts.Invitation, &Defaults.Timeouts.Invitation},
		{&s.Timeouts.RoomConnection, &Defaults.Timeouts.RoomConnection},
	} {
		if *v.into <= 0 {
			*v.into = *v.def
		}
	}
	if s.Realtime.TURNCredentialTTL <= 0 {
		s.Realtime.TURNCredentialTTL = DefaultTURNCredentialTTL
	}
	return s
}

// Bounds on a timeout: long enough for a network round trip, short enough to be a timeout.
const (
	MinTimeout = 10 * time.Second
	MaxTimeout = 365 * 24 * time.Hour
)

// fileFormat is the format of infra/application.json. Every timeout is optional (the default
// applies) and written as a Go duration ("336h", "10m").
type fileFormat struct {
	Timeouts struct {
		Turn           string `json:"turn"`
		AutoMatch      string `json:"autoMatch"`
		Invitation     string `json:"invitation"`
		RoomConnection string `json:"roomConnection"`
	} `json:"timeouts"`
	Realtime realtimeFile `json:"realtime"`
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
	s := Defaults
	for _, v := range []struct {
		name, raw string
		into      *time.Duration
	}{
		{"timeouts.turn", f.Timeouts.Turn, &s.Timeouts.Turn},
		{"timeouts.autoMatch", f.Timeouts.AutoMatch, &s.Timeouts.AutoMatch},
		{"timeouts.invitation", f.Timeouts.Invitation, &s.Timeouts.Invitation},
		{"timeouts.roomConnection", f.Timeouts.RoomConnection, &s.Timeouts.RoomConnection},
	} {
		if v.raw == "" {
			continue
		}
		d, err := time.ParseDuration(v.raw)
		if err != nil {
			return Settings{}, fmt.Errorf("%s: %q is not a duration such as 336h or 10m", v.name, v.raw)
		}
		if d < MinTimeout || d > MaxTimeout {
			return Settings{}, fmt.Errorf("%s: %s is outside %s to %s", v.name, d, MinTimeout, MaxTimeout)
		}
		*v.into = d
	}
	realtime, err := f.Realtime.parse()
	if err != nil {
		return Settings{}, err
	}
	s.Realtime = realtime
	return s, nil
}
