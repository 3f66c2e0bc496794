// Package room holds the Play Games real-time room and its rules: who may join, decline, dismiss,
// leave and report peer status, and how the room and participant statuses follow. Every rule is a
// pure function of the room, the command and the time: it applies the timers that lapsed first
// and returns the notifications the change owes. The caller loads and stores the room.
package room

import (
	"slices"
	"time"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/player"
)

// Status is the room's status, as the API names it.
type Status string

const (
	Inviting     Status = "ROOM_INVITING"      // some invitees have not answered
	AutoMatching Status = "ROOM_AUTO_MATCHING" // auto-match slots are open
	Connecting   Status = "ROOM_CONNECTING"    // joined players are connecting to each other
	Active       Status = "ROOM_ACTIVE"        // every joined participant is in the fully connected set
	Deleted      Status = "ROOM_DELETED"       // every joined participant has left
)

// Room is one real-time room (the store keeps it as a document of its own, shared/store/room_doc.go).
type Room struct {
	ID            string
	ApplicationID string
	Status        Status
	// Version is the room's status version: it increases with every change to the room.
	Version      int64
	Variant      *int32
	AutoMatching *game.AutoMatch
	// OpenSlots is how many auto-match slots are still to be filled.
	OpenSlots    int
	Participants []Participant
	Created      Modification
	LastUpdate   Modification
	// nextParticipant numbers participant IDs within the room.
	NextParticipant int

	// Timeouts are the application's settings when the room was made; ConnectingSince is when
	// the room first stopped waiting for players (its connection timer starts); WasActive
	// records that it once connected (the connection timer stops for good).
	Timeouts        application.Timeouts
	ConnectingSince *time.Time
	WasActive       bool

	// Auto-matching (see automatch.go): whether the room is a seed (made by a player
	// auto-matching alone), the wait estimate shown while slots are open, when the last slot
	// filled and after how long, and where a merged seed's creator went.
	Seed                bool
	WaitEstimateSeconds *int32
	FilledAt            *time.Time
	WaitSeconds         int64
	MergedInto          string
}

// Modification records who changed the room and when.
type Modification struct {
	ParticipantID string
	At            time.Time
}

// Client is what a player's device tells the room when it creates or joins it.
type Client struct {
	Capabilities []string
	XMPPAddress  string
	// NetworkDiagnostics is the validated diagnostics object as JSON, stored for operators.
	NetworkDiagnostics string
}

// Participant is a player's place in the room. ID is scoped to the room ("p_1", "p_2", …) and
// says nothing about the player.
type Participant struct {
	ID                 string
	Player             player.Profile
	Status             ParticipantStatus
	InviterID          string
	AutoMatched        bool
	Capabilities       []string
	XMPPAddress        string
	LeaveReason        LeaveReason
	Dismissed          bool
	Connected          bool
	Peers              map[string]PeerReport
	NetworkDiagnostics string
	LeaveDiagnostics   string
	// ExclusiveBitmask is an auto-matched participant's role mask.
	ExclusiveBitmask int64
	// MovedTo is the room the matcher moved the participant to, alone, out of this one, which
	// goes on waiting for players (see SpillInto).
	MovedTo string
	// UnreachableSince is when another participant reported a failed connection to this one,
	// while that report stands and this one has not called reportStatus since (unreachable.go).
	UnreachableSince *time.Time
}

// ParticipantStatus is a participant's status, as the API names it.
type ParticipantStatus string

const (
	Invited  ParticipantStatus = "PARTICIPANT_INVITED"
	Joined   ParticipantStatus = "PARTICIPANT_JOINED"
	Declined ParticipantStatus = "PARTICIPANT_DECLINED"
	Left     ParticipantStatus = "PARTICIPANT_LEFT"
)

// Participant returns the participant playing as playerID, or nil.
func (r *Room) Participant(playerID string) *Participant {
	return game.Find(r.Participants, func(p *Participant) bool { return p.Player.ID == playerID })
}

// ParticipantByID returns the participant with the room-scoped id, or nil.
func (r *Room) ParticipantByID(id string) *Participant {
	return game.Find(r.Participants, func(p *Participant) bool { return p.ID == id })
}

// VisibleTo reports whether playerID may see the room: participants and invitees may, in any
// status; everyone else is told the room does not exist, so that room IDs do not leak.
func (r *Room) VisibleTo(playerID string) bool { return r.Participant(playerID) != nil }

// Invitees are the players whose invitation is pending and not dismissed, while someone is in the
// room: whose invitation list shows it (nil when none).
func (r *Room) Invitees() []string {
	var out []string
	if !slices.ContainsFunc(r.Participants, func(p Participant) bool { return p.Status == Joined }) {
		return out
	}
	for _, p := range r.Participants {
		if p.Status == Invited && !p.Dismissed {
			out = append(out, p.Player.ID)
		}
	}
	return out
}

// Anonymous reports whether p appears to the player viewerID as an anonymous auto-matched
// player: one auto-matching placed does to everyone else, and everyone else does to a viewer
// auto-matching placed.
func (r *Room) Anonymous(p *Participant, viewerID string) bool {
	if p.Player.ID == viewerID {
		return false
	}
	viewer := r.Participant(viewerID)
	return p.AutoMatched || viewer != nil && viewer.AutoMatched
}

// StateVersion is the version the store compares to tell whether a rule changed the room.
func (r *Room) StateVersion() int64 { return r.Version }

// GameID is the room's ID, for the code that handles rooms and matches alike.
func (r *Room) GameID() string { return r.ID }

// CreatedAt is when the room was made.
func (r *Room) CreatedAt() time.Time { return r.Created.At }

// Creator is the participant who created the room.
func (r *Room) Creator() *Participant { return r.ParticipantByID(r.Created.ParticipantID) }
