package match

import (
	"time"

	"github.com/openplay-games/openplay/shared/game"
)

// Create is the command that makes a match: what every game is created with.
type Create struct{ game.Create }

// New makes the match: the creator joined with the first turn, each invitee slated to be
// invited when the turn first reaches them (so nobody is told yet), match number 1.
func New(cmd Create, now time.Time) (*Match, error) {
	if err := game.CheckPlayers(cmd.Creator, cmd.Invitees, cmd.AutoMatching); err != nil {
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
