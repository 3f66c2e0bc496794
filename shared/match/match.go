// Package match holds the Play Games turn-based match and its rules: turns guarded by
// matchVersion, lazy invitations, leaving, declining, canceling, finishing with results, and
// rematches. Every rule is a pure function of the match, the command and the time: it applies
// the timers that lapsed first and returns the notifications it owes. The caller loads and
// stores the match.
//
// Two counters: Version is the API's matchVersion, and grows with every change to the state of
// play (turns, departures, finishing, canceling); Revision grows with every stored change,
// including those that do not touch play (a player joining, dismissing, a rematch being linked),
// so that a player's takeTurn is not refused because someone else dismissed the match.
//
// When players drop out (leave, leaveTurn, decline), the match goes on while anyone can still
// play: if the pending player is gone, the turn passes to the next remaining participant in
// order (or to an open auto-match slot). A lone remaining player gets the turn and can finish
// the match with results or cancel it. When nobody remains, the match is canceled.
package match

import (
	"strconv"
	"time"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/player"
)

// Status is the match's status, as the API names it.
type Status string

const (
	AutoMatching Status = "MATCH_AUTO_MATCHING" // auto-match slots are open
	Active       Status = "MATCH_ACTIVE"
	Complete     Status = "MATCH_COMPLETE"
	Canceled     Status = "MATCH_CANCELED"
	Expired      Status = "MATCH_EXPIRED"
	Deleted      Status = "MATCH_DELETED" // a tombstone in sync, for a player who dismissed the match
)

// ParticipantStatus is a participant's status, as the API names it.
type ParticipantStatus string

const (
	NotInvitedYet ParticipantStatus = "PARTICIPANT_NOT_INVITED_YET"
	Invited       ParticipantStatus = "PARTICIPANT_INVITED"
	Joined        ParticipantStatus = "PARTICIPANT_JOINED"
	Declined      ParticipantStatus = "PARTICIPANT_DECLINED"
	Left          ParticipantStatus = "PARTICIPANT_LEFT"
	Finished      ParticipantStatus = "PARTICIPANT_FINISHED"
	Unresponsive  ParticipantStatus = "PARTICIPANT_UNRESPONSIVE"
)

// MaxDataBytes bounds the game state a turn may store.
const MaxDataBytes = 128 * 1024

// Match is one turn-based match (the store keeps it as a document of its own, shared/store/match_doc.go).
type Match struct {
	ID            string
	ApplicationID string
	Status        Status
	Version       int64
	Revision      int64
	Number        int
	Variant       *int32
	AutoMatching  *game.AutoMatch
	// OpenSlots is how many auto-match slots are still to be filled.
	OpenSlots            int
	Participants         []Participant
	PendingParticipantID string
	Data                 []byte
	HasData              bool
	// PreviousData is the last state of the match this one is a rematch of, shown until the
	// first turn.
	PreviousData    []byte
	HasPreviousData bool
	Results         []Result
	Created         Modification
	LastUpdate      Modification
	RematchID       string
	NextParticipant int

	// Timeouts are the application's settings when the match was made; TurnSince is when the
	// pending participant got the turn.
	Timeouts  application.Timeouts
	TurnSince time.Time

	// Auto-matching (see automatch.go): whether the match is a seed (made by a player
	// auto-matching alone), and the match a merged seed's creator was moved to. (Matches have no
	// autoMatchingStatus, so unlike rooms they keep no wait times.)
	Seed       bool
	MergedInto string
}

// Modification records who changed the match and when.
type Modification struct {
	ParticipantID string
	At            time.Time
}

// Participant is a player's place in the match. ID is scoped to the match ("p_1", …).
type Participant struct {
	ID          string
	Player      player.Profile
	Status      ParticipantStatus
	InviterID   string
	AutoMatched bool
	Dismissed   bool
	// InvitedAt is when the participant was invited (their invitation lapses after the
	// invitation timeout).
	InvitedAt time.Time
	// ExclusiveBitmask is an auto-matched participant's role mask. Waiting marks one placed in
	// the match before the turn reached its slot: the turn passed "to the auto-match slot" goes
	// to them.
	ExclusiveBitmask int64
	Waiting          bool
}

// StateVersion is what the store compares to tell whether a rule changed the match.
func (m *Match) StateVersion() int64 { return m.Revision }

// GameID is the match's ID, for the code that handles rooms and matches alike.
func (m *Match) GameID() string { return m.ID }

// CreatedAt is when the match was made.
func (m *Match) CreatedAt() time.Time { return m.Created.At }

// Participant returns the participant playing as playerID, or nil.
func (m *Match) Participant(playerID string) *Participant {
	return game.Find(m.Participants, func(p *Participant) bool { return p.Player.ID == playerID })
}

// ParticipantByID returns the participant with the match-scoped id, or nil.
func (m *Match) ParticipantByID(id string) *Participant {
	return game.Find(m.Participants, func(p *Participant) bool { return p.ID == id })
}

// VisibleTo reports whether playerID may see the match: every participant except one not yet
// invited (the invitation reaches them with their first turn).
func (m *Match) VisibleTo(playerID string) bool {
	p := m.Participant(playerID)
	return p != nil && p.Status != NotInvitedYet
}

// Anonymous reports whether p appears to the player viewerID as an anonymous auto-matched
// player: one auto-matching placed does to everyone else, and everyone else does to a viewer
// auto-matching placed.
func (m *Match) Anonymous(p *Participant, viewerID string) bool {
	if p.Player.ID == viewerID {
		return false
	}
	viewer := m.Participant(viewerID)
	return p.AutoMatched || viewer != nil && viewer.AutoMatched
}

// isOpen reports whether the match can still be played.
func (s Status) isOpen() bool { return s == Active || s == AutoMatching }

// inGame reports whether the participant can still take a turn (now or once they join).
func (p *Participant) inGame() bool {
	return p.Status == Joined || p.Status == Invited || p.Status == NotInvitedYet
}

func (m *Match) addParticipant(p Participant) *Participant {
	m.NextParticipant++
	p.ID = "p_" + strconv.Itoa(m.NextParticipant)
	m.Participants = append(m.Participants, p)
	return &m.Participants[len(m.Participants)-1]
}

// change records a change by participant by at now. play says whether it changes the state of
// play (and so the matchVersion). It recomputes what follows from the participants.
func (m *Match) change(by *Participant, now time.Time, play bool) {
	m.Revision++
	if play {
		m.Version++
	}
	m.LastUpdate = Modification{ParticipantID: by.ID, At: now}
	if m.Status.isOpen() {
		m.Status = Active
		if m.OpenSlots > 0 {
			m.Status = AutoMatching
		}
	}
}

// Open reports whether the match can still be played: listings show open matches first.
func (m *Match) Open() bool { return m.Status.isOpen() }

// Players are the players who may see the match (all participants but those not invited yet):
// whom sync shows it to.
func (m *Match) Players() []string {
	out := make([]string, 0, len(m.Participants))
	for _, p := range m.Participants {
		if p.Status != NotInvitedYet {
			out = append(out, p.Player.ID)
		}
	}
	return out
}

// Listed are the players who may see the match and have not dismissed it: whose list shows it.
func (m *Match) Listed() []string {
	out := make([]string, 0, len(m.Participants))
	for _, p := range m.Participants {
		if p.Status != NotInvitedYet && !p.Dismissed {
			out = append(out, p.Player.ID)
		}
	}
	return out
}

// IDFor is the match ID of a create call with a requestId: a retry lands on the same document.
func IDFor(applicationID, creatorID string, requestID int64) string {
	return ids.Derived("match", applicationID, creatorID, strconv.FormatInt(requestID, 10))
}

// RematchIDFor is the ID of the one rematch a match can have.
func RematchIDFor(matchID string) string { return ids.Derived("rematch", matchID) }
