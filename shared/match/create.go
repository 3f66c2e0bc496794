package match

import (
	"time"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/seating"
)

// Create is the command that makes a match.
type Create struct {
	ID            string
	ApplicationID string
	Creator       player.Profile
	Invitees      []player.Profile
	AutoMatching  *seating.AutoMatch
	Variant       *int32
	Timeouts      application.Timeouts
}

// New makes the match: the creator joined with the first turn, each invitee slated to be
// invited when the turn first reaches them (so nobody is told yet), match number 1.
func New(cmd Create, now time.Time) (*Match, error) {
	if err := seating.CheckPlayers(cmd.Creator, cmd.Invitees, cmd.AutoMatching); err != nil {
		return nil, err
	}
	m := &Match{ID: cmd.ID, ApplicationID: cmd.ApplicationID, Status: Active, Number: 1,
		Variant: cmd.Variant, AutoMatching: cmd.AutoMatching, Timeouts: cmd.Timeouts, TurnSince: now}
	if cmd.AutoMatching != nil {
		m.OpenSlots = int(cmd.AutoMatching.Max)
		m.Seed = len(cmd.Invitees) == 0
	}
	creator := m.addParticipant(Participant{Player: cmd.Creator, Status: Joined})
	creatorID := creator.ID
	for _, p := range cmd.Invitees {
		m.addParticipant(Participant{Player: p, Status: NotInvitedYet, InviterID: creatorID})
	}
	m.PendingParticipantID = creatorID
	m.Created = Modification{ParticipantID: creatorID, At: now}
	m.change(m.ParticipantByID(creatorID), now, true)
	return m, nil
}
