package match

import (
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
)

// Rematch starts the one rematch a completed match can have, asked for by a participant who
// finished it: a new match (ID RematchIDFor(m.ID)) with the players who played to the end, the
// caller's turn first, match number + 1, and this match's data as previousMatchData. Unlike a
// new match, the others are invited at once: a rematch answers a game they just played.
// existing is the stored rematch, if m has one: the player who made it gets it back unchanged
// (a retried call); anyone else is refused. A complete match runs no timer: the timers that
// lapse first only ever end an open match, which is refused all the same.
func (m *Match) Rematch(playerID string, existing *Match, now time.Time) (*Match, []notification.Notification, error) {
	var made *Match
	notes, err := m.act(now, func() ([]notification.Notification, error) {
		r, notes, err := m.rematch(playerID, existing, now)
		made = r
		return notes, err
	})
	if err != nil {
		return nil, nil, err
	}
	return made, notes, nil
}

func (m *Match) rematch(playerID string, existing *Match, now time.Time) (*Match, []notification.Notification, error) {
	me, err := m.caller(playerID)
	if err != nil {
		return nil, nil, err
	}
	if existing != nil && existing.ID == m.RematchID {
		if creator := existing.ParticipantByID(existing.Created.ParticipantID); creator != nil && creator.Player.ID == playerID {
			return existing, nil, nil
		}
	}
	switch {
	case m.Status != Complete:
		return nil, nil, errs.E(errs.Conflict, "matchId", "cannot rematch: the match is %s, not complete", m.Status)
	case me.Status != Finished:
		return nil, nil, errs.E(errs.Conflict, "matchId", "cannot rematch: only a participant who finished the match may; you are %s", me.Status)
	case m.RematchID != "":
		return nil, nil, errs.E(errs.Conflict, "matchId", "this match already has its rematch %q", m.RematchID)
	}
	r := &Match{ID: RematchIDFor(m.ID), ApplicationID: m.ApplicationID, Status: Active, Number: m.Number + 1,
		Variant: m.Variant, PreviousData: m.Data, HasPreviousData: m.HasData, Timeouts: m.Timeouts, TurnSince: now}
	creator := r.addParticipant(Participant{Player: me.Player, Status: Joined, AutoMatched: me.AutoMatched})
	creatorID := creator.ID
	for _, p := range m.Participants {
		if p.ID != me.ID && (p.Status == Finished || p.Status == Joined) {
			r.addParticipant(Participant{Player: p.Player, Status: Invited, InviterID: creatorID, AutoMatched: p.AutoMatched, InvitedAt: now})
		}
	}
	r.PendingParticipantID = creatorID
	r.Created = Modification{ParticipantID: creatorID, At: now}
	creator = r.ParticipantByID(creatorID)
	r.change(creator, now, true)

	m.RematchID = r.ID
	m.change(me, now, false)
	return r, r.notifyOthers(notification.MatchRematch, creator, "You are invited to a rematch", now), nil
}
