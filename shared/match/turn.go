package match

import (
	"strconv"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
)

// Turn is a takeTurn command. Next is the participant ID to pass the turn to: the caller's own
// to save without passing, or empty to hand it to an open auto-match slot.
type Turn struct {
	Version int64
	Data    []byte
	HasData bool
	Next    string
	Results []Result
}

// TakeTurn plays the caller's turn: the new game state, results so far, and who plays next.
func (m *Match) TakeTurn(playerID string, t Turn, now time.Time) ([]notification.Notification, error) {
	return m.act(now, func() ([]notification.Notification, error) {
		me, err := m.pendingCaller(playerID, t.Version, "take a turn")
		if err != nil {
			return nil, err
		}
		next, err := m.nextPlayer(me, t.Next, "pendingParticipantId", true)
		if err != nil {
			return nil, err
		}
		if err := m.recordResults(t.Results, false); err != nil {
			return nil, err
		}
		if t.HasData {
			m.Data, m.HasData = t.Data, true
		}
		m.PreviousData, m.HasPreviousData = nil, false // shown until the rematch's first turn
		return m.passTurn(me, next, now), nil
	})
}

// LeaveTurn takes the caller out of the match during their turn, passing it to next. The last
// player who can play leaves with next unset, and the match is canceled (open auto-match slots
// do not keep an empty match alive).
func (m *Match) LeaveTurn(playerID string, version int64, next string, now time.Time) ([]notification.Notification, error) {
	return m.act(now, func() ([]notification.Notification, error) {
		me, err := m.pendingCaller(playerID, version, "leave during your turn")
		if err != nil {
			return nil, err
		}
		if m.remaining() == 1 {
			if next != "" {
				return nil, errs.E(errs.Invalid, "pendingParticipantId", "nobody else can play: leave it unset, and the match is canceled")
			}
			me.Status = Left
			return m.end(me, Canceled, now), nil
		}
		to, err := m.nextPlayer(me, next, "pendingParticipantId", false)
		if err != nil {
			return nil, err
		}
		me.Status = Left
		return m.passTurn(me, to, now), nil
	})
}

// pendingCaller finds the caller and checks it is their turn at this version.
func (m *Match) pendingCaller(playerID string, version int64, action string) (*Participant, error) {
	me, err := m.caller(playerID)
	if err != nil {
		return nil, err
	}
	if !m.Status.isOpen() {
		return nil, errs.E(errs.Conflict, "matchId", "cannot %s: the match is over (%s)", action, m.Status)
	}
	if me.Status != Joined {
		return nil, errs.E(errs.Conflict, "matchId", "cannot %s: you are %s in this match", action, me.Status)
	}
	if m.PendingParticipantID != me.ID {
		return nil, errs.E(errs.Conflict, "matchId", "cannot %s: it is not your turn", action)
	}
	if version != m.Version {
		return nil, errs.E(errs.Conflict, "matchVersion", "is %d but the match is at version %d: fetch the match and try again", version, m.Version)
	}
	return me, nil
}

// nextPlayer resolves who the turn passes to; nil means an open auto-match slot.
func (m *Match) nextPlayer(me *Participant, next, field string, allowSelf bool) (*Participant, error) {
	if next == "" {
		// A slot filled before the turn reached it comes first: its player plays.
		if w := m.waitingPlayer(); w != nil {
			return w, nil
		}
		if m.OpenSlots > 0 {
			return nil, nil
		}
		return nil, errs.E(errs.Invalid, field, "required: this match has no open auto-match slot to pass the turn to")
	}
	p := m.ParticipantByID(next)
	switch {
	case p == nil:
		return nil, errs.E(errs.Invalid, field, "no participant %q in this match", next)
	case p == me && !allowSelf:
		return nil, errs.E(errs.Invalid, field, "pass the turn to another participant as you leave")
	case !p.inGame():
		return nil, errs.E(errs.Invalid, field, "participant %q cannot play: they are %s", next, p.Status)
	}
	return p, nil
}

// passTurn records the change by me and gives the turn to next (nil: an auto-match slot),
// inviting them if the turn reaches them for the first time.
func (m *Match) passTurn(me, next *Participant, now time.Time) []notification.Notification {
	wasNotInvited := next != nil && next.Status == NotInvitedYet
	if wasNotInvited {
		next.Status, next.InvitedAt = Invited, now
	}
	m.PendingParticipantID = ""
	if next != nil {
		m.PendingParticipantID, next.Waiting = next.ID, false
	}
	m.TurnSince = now
	m.change(me, now, true)
	switch {
	case next == nil || next == me:
		return nil
	case wasNotInvited:
		return m.notify(nil, notification.MatchInvitation, next, m.inviterOf(next), "You are invited to a turn-based game", now)
	default:
		return m.notify(nil, notification.MatchTurn, next, me, "It is your turn", now)
	}
}

func (m *Match) inviterOf(p *Participant) *Participant {
	if inviter := m.ParticipantByID(p.InviterID); inviter != nil {
		return inviter
	}
	return m.ParticipantByID(m.Created.ParticipantID)
}

// remaining counts the participants who can still play.
func (m *Match) remaining() int {
	n := 0
	for i := range m.Participants {
		if m.Participants[i].inGame() {
			n++
		}
	}
	return n
}

// successor is the first participant after p in order who can still play, or nil.
func (m *Match) successor(p *Participant) *Participant {
	start := 0
	for i := range m.Participants {
		if m.Participants[i].ID == p.ID {
			start = i
		}
	}
	for k := 1; k <= len(m.Participants); k++ {
		q := &m.Participants[(start+k)%len(m.Participants)]
		if q.inGame() {
			return q
		}
	}
	return nil
}

// afterDeparture records that me is out of the game (left, declined, timed out): if it was
// their turn the next remaining participant gets it; if nobody remains the
// match ends with the status ending (canceled, or expired when a timer ran out).
func (m *Match) afterDeparture(me *Participant, ending Status, now time.Time) []notification.Notification {
	if m.remaining() == 0 {
		return m.end(me, ending, now)
	}
	if m.PendingParticipantID == me.ID {
		return m.passTurn(me, m.successor(me), now)
	}
	m.change(me, now, true)
	return nil
}

// end ends a match that cannot go on, as canceled (everyone left) or expired (a timer ran out:
// everyone who was still in the game, or timed out of it, is told).
func (m *Match) end(me *Participant, status Status, now time.Time) []notification.Notification {
	m.Status, m.PendingParticipantID, m.OpenSlots = status, "", 0
	m.change(me, now, true)
	if status != Expired {
		return nil
	}
	var notes []notification.Notification
	for i := range m.Participants {
		switch p := &m.Participants[i]; p.Status {
		case Joined, Invited, Finished, Unresponsive:
			notes = m.notify(notes, notification.MatchExpired, p, nil, "The game expired: it could not go on in time", now)
		}
	}
	return notes
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
