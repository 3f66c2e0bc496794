// Package session is the multiplayer session directory in the style of Xbox Live's MPSD: the
// session document (constants, properties, members, servers), the merge rules of a session PUT,
// who may join, read and write, the member and session timers (evaluated lazily, given now), and
// the change types a shoulder tap reports. It imports no cloud SDK; shared/store keeps sessions
// in Firestore and functions/sessions serves them. The reference is docs/mpsd.md; what this
// package decided where the reference is silent is marked "inferred" and listed in docs/sessions.md.
package session

import (
	"slices"
	"strings"
	"time"
)

// ContractVersion is the MPSD contract rendered (XSAPI sends 107); MinContractVersion is the
// oldest a request may name in X-Xbl-Contract-Version.
const (
	ContractVersion    = 107
	MinContractVersion = 104
)

// Ref names a session: service config ID, template and session name, as the creator spelled
// them. Template and session names are case-insensitive (MPSD's rule), so Key folds them.
type Ref struct {
	SCID     string `json:"scid"`
	Template string `json:"templateName"`
	Name     string `json:"name"`
}

// String is the reference as MPSD writes it in shoulder taps: scid~template~name.
func (r Ref) String() string { return r.SCID + "~" + r.Template + "~" + r.Name }

// Path is the session's URI path, as XSAPI spells it (Content-Location of handle reads and writes).
func (r Ref) Path() string {
	return "/serviceconfigs/" + r.SCID + "/sessionTemplates/" + r.Template + "/sessions/" + r.Name
}

// Key is the case-folded reference, unique per session: the Firestore document ID.
func (r Ref) Key() string { return strings.ToLower(r.String()) }

// Bag is a property bag: the system part MPSD interprets and the custom part it does not (any
// JSON value, usually an object). Numbers are json.Number, so values round-trip exactly.
type Bag struct {
	System map[string]any `json:"system,omitempty"`
	Custom any            `json:"custom,omitempty"`
}

// Member is one entry of the member list. Player is the OpenPlay player ID (Firebase uid) where
// MPSD says xuid; Name is the display name, rendered as gamertag once the member accepted.
// StatusSince is when the member entered its current status, which the timers count from.
type Member struct {
	Index       int            `json:"index"`
	Player      string         `json:"player"`
	Name        string         `json:"name,omitempty"`
	Constants   Bag            `json:"constants"`
	Properties  Bag            `json:"properties"`
	Roles       map[string]any `json:"roles,omitempty"`
	Reserved    bool           `json:"reserved,omitempty"`
	JoinTime    time.Time      `json:"joinTime"`
	StatusSince time.Time      `json:"statusSince"`
	// Episode is the member initialization episode the member takes or took part in (0: none),
	// and InitFailure why it failed there (see initialization.go).
	Episode     int    `json:"episode,omitempty"`
	InitFailure string `json:"initFailure,omitempty"`
	// Extra keeps member fields this service does not produce (nat,
	// initializationEpisode, …) when a document is parsed, so that it renders again unchanged.
	Extra map[string]any `json:"extra,omitempty"`
}

// Status is a member's state, derived as XSAPI derives it.
type Status string

const (
	Active   Status = "active"
	Ready    Status = "ready"
	Inactive Status = "inactive"
	Reserved Status = "reserved"
)

// Status reports the member's state: active, else ready, else reserved, else inactive.
func (m *Member) Status() Status {
	switch {
	case m.Properties.System["active"] == true:
		return Active
	case m.Properties.System["ready"] == true:
		return Ready
	case m.Reserved:
		return Reserved
	}
	return Inactive
}

// Session is a session document as stored. Members are in index order; MembersNext is the index
// the next member gets (indices are never reused). Former lists players who left, whom a locked
// session lets back in. EmptySince is when the member list last became empty (zero if not).
// Branch is new each time a session is made under a name (invite handles are bound to it:
// Invite.Bound); CorrelationID is kept when a session that ended is made again (the store holds
// it for store.EndedSessionRetention), as MPSD keeps it.
type Session struct {
	Ref           Ref            `json:"ref"`
	ApplicationID string         `json:"applicationId,omitempty"` // the deployment's, for its sweeper
	Branch        string         `json:"branch"`
	ChangeNumber  int64          `json:"changeNumber"`
	CorrelationID string         `json:"correlationId"`
	StartTime     time.Time      `json:"startTime"`
	Constants     Bag            `json:"constants"`
	Properties    Bag            `json:"properties"`
	RoleTypes     map[string]any `json:"roleTypes,omitempty"`
	Members       []*Member      `json:"members,omitempty"`
	MembersNext   int            `json:"membersNext"`
	Servers       map[string]any `json:"servers,omitempty"`
	Former        []string       `json:"former,omitempty"`
	EmptySince    time.Time      `json:"emptySince,omitzero"`
	// Initializing is the member initialization episode under way (nil: none), and Episodes the
	// number of the last one started.
	Initializing *Initializing `json:"initializing,omitempty"`
	Episodes     int           `json:"episodes,omitempty"`
	// HostCandidates are the devices episode 1's measuring found fit to host, best first, until
	// a host is set (see host.go).
	HostCandidates []string `json:"hostCandidates,omitempty"`
	// Search is the session's search handle (nil: none; see search.go).
	Search *Search        `json:"search,omitempty"`
	Extra  map[string]any `json:"extra,omitempty"`
}

// Member returns the member that is player, or nil.
func (s *Session) Member(player string) *Member {
	for _, m := range s.Members {
		if m.Player == player {
			return m
		}
	}
	return nil
}

// MemberAt returns the member with index i, or nil.
func (s *Session) MemberAt(i int) *Member {
	for _, m := range s.Members {
		if m.Index == i {
			return m
		}
	}
	return nil
}

// remove takes the member with index i out of the list.
func (s *Session) remove(i int, now time.Time) {
	s.Members = slices.DeleteFunc(s.Members, func(m *Member) bool {
		if m.Index == i && !m.Reserved && !slices.Contains(s.Former, m.Player) {
			s.Former = append(s.Former, m.Player)
		}
		return m.Index == i
	})
	if len(s.Members) == 0 {
		s.EmptySince = now
	}
}

// Visibility is the constant that says who may read and join: open, visible or private.
func (s *Session) Visibility() string {
	if v, ok := s.Constants.System["visibility"].(string); ok {
		return v
	}
	return "open"
}

// MaxMembers is constants.system.maxMembersCount (default 100).
func (s *Session) MaxMembers() int {
	if n, ok := intValue(s.Constants.System["maxMembersCount"]); ok {
		return n
	}
	return 100
}

// flag reads a boolean session property (closed, locked).
func (s *Session) flag(name string) bool { return s.Properties.System[name] == true }

// restriction reads joinRestriction or readRestriction (default none; local with
// capabilities.userAuthorizationStyle, which large sessions do not take).
func (s *Session) restriction(name string) string {
	if v, ok := s.Properties.System[name].(string); ok {
		return v
	}
	if s.capability("userAuthorizationStyle") && !s.large() {
		return "local" // the default for titles without strong identity (docs/mpsd.md §5)
	}
	return "none"
}

// Turn is properties.system.turn: the member indices whose turn it is.
func (s *Session) Turn() []int {
	list, _ := s.Properties.System["turn"].([]any)
	var out []int
	for _, v := range list {
		if n, ok := intValue(v); ok {
			out = append(out, n)
		}
	}
	return out
}

// Keywords is properties.system.keywords, lower-cased (MPSD compares them case-insensitively).
func (s *Session) Keywords() []string {
	list, _ := s.Properties.System["keywords"].([]any)
	var out []string
	for _, v := range list {
		if k, ok := v.(string); ok {
			out = append(out, strings.ToLower(k))
		}
	}
	return out
}
