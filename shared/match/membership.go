package match

import (
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// caller finds the caller's participant. A player who may not see the match is told it does not
// exist.
func (m *Match) caller(playerID string) (*Participant, error) {
	if !m.VisibleTo(playerID) {
		return nil, errs.E(errs.NotFound, "matchId", "no match %q", m.ID)
	}
	return m.Participant(playerID), nil
}

// invitee finds the caller and checks they have a pending invitation to an open match.
func (m *Match) invitee(playerID, action string) (*Participant, error) {
	me, err := m.caller(playerID)
	if err != nil {
		return nil, err
	}
	if !m.Status.isOpen() {
		return nil, errs.E(errs.Conflict, "matchId", "cannot %s: the match is over (%s)", action, m.Status)
	}
	if me.Status != Invited {
		return nil, errs.E(errs.Conflict, "matchId", "cannot %s: you are %s, not invited", action, me.Status)
	}
	return me, nil
}

// Join accepts the caller's invitation; the profile refreshes the name and avatar shown. A
// player who dismissed the invitation and joins anyway sees the match again.
func (m *Match) Join(who player.Profile, now time.Time) ([]notification.Notification, error) {
	return m.act(now, func() ([]notification.Notification, error) {
		me, err := m.invitee(who.ID, "join")
		if err != nil {
			return nil, err
		}
		me.Status, me.Player, me.Dismissed = Joined, who, false
		m.change(me, now, false)
		return nil, nil
	})
}

// Decline refuses the caller's invitation. If the turn was theirs it moves on.
func (m *Match) Decline(playerID string, now time.Time) ([]notification.Notification, error) {
	return m.act(now, func() ([]notification.Notification, error) {
		me, err := m.invitee(playerID, "decline")
		if err != nil {
			return nil, err
		}
		me.Status = Declined
		return m.afterDeparture(me, Canceled, now), nil
	})
}

// Leave takes the caller out of the match when it is not their turn (during their turn,
// LeaveTurn says who plays next).
func (m *Match) Leave(playerID string, now time.Time) ([]notification.Notification, error) {
	return m.act(now, func() ([]notification.Notification, error) {
		me, err := m.caller(playerID)
		if err != nil {
			return nil, err
		}
		switch {
		case !m.Status.isOpen():
			return nil, errs.E(errs.Conflict, "matchId", "cannot leave: the match is over (%s)", m.Status)
		case me.Status != Joined:
			return nil, errs.E(errs.Conflict, "matchId", "cannot leave: you are %s in this match", me.Status)
		case m.PendingParticipantID == me.ID:
			return nil, errs.E(errs.Conflict, "matchId", "cannot leave: it is your turn; use leaveTurn to say who plays next")
		}
		me.Status = Left
		return m.afterDeparture(me, Canceled, now), nil
	})
}

// Cancel ends the match for everyone; any joined participant may cancel an open match.
func (m *Match) Cancel(playerID string, now time.Time) ([]notification.Notification, error) {
	return m.act(now, func() ([]notification.Notification, error) {
		me, err := m.caller(playerID)
		if err != nil {
			return nil, err
		}
		switch {
		case !m.Status.isOpen():
			return nil, errs.E(errs.Conflict, "matchId", "cannot cancel: the match is over (%s)", m.Status)
		case me.Status != Joined:
			return nil, errs.E(errs.Conflict, "matchId", "cannot cancel: you are %s in this match", me.Status)
		}
		m.Status, m.PendingParticipantID, m.OpenSlots = Canceled, "", 0
		m.change(me, now, true)
		return m.notifyOthers(notification.MatchCanceled, me, "The game was canceled", now), nil
	})
}

// Dismiss hides the match from the caller's list (sync shows it to them as deleted) and stops
// their notifications. Dismissing again changes nothing. It does not change the state of play,
// so the matchVersion stays.
func (m *Match) Dismiss(playerID string, now time.Time) ([]notification.Notification, error) {
	return m.act(now, func() ([]notification.Notification, error) {
		me, err := m.caller(playerID)
		if err != nil || me.Dismissed {
			return nil, err
		}
		me.Dismissed = true
		m.change(me, now, false)
		return nil, nil
	})
}
