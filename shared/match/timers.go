package match

import (
	"time"

	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/timer"
)

// Timers end what players let lapse (the match's Timeouts, copied from the application's
// settings when it was made):
//
//   - the pending participant does not play within Turn: they become PARTICIPANT_UNRESPONSIVE and
//     the turn passes to the next participant who can play; when nobody can,
//     the match expires;
//   - an invited participant does not answer within Invitation: the invitation lapses as a
//     decline;
//   - auto-match slots stay unfilled for AutoMatch after the match was made: they close, and the
//     match goes on if at least two players remain and auto-matching placed at least the
//     creator's minimum; otherwise it expires.
//
// A timer fires at its deadline, whenever the sweeper or a reader gets to it, so the outcome
// does not depend on when that is.

// Deadline is when the match's next timer runs out (nil while none runs): what the sweeper
// queries on.
func (m *Match) Deadline() *time.Time { return timer.Next(m.timers()) }

// timers lists the deadlines running now.
func (m *Match) timers() []timer.Timer {
	if !m.Status.isOpen() {
		return nil
	}
	var ts []timer.Timer
	t := m.Timeouts
	if p := m.ParticipantByID(m.PendingParticipantID); p != nil && t.Turn > 0 {
		ts = append(ts, timer.Timer{At: m.TurnSince.Add(t.Turn), Fire: func(at time.Time) []notification.Notification {
			p.Status = Unresponsive
			return m.timedOut(p, at)
		}})
	}
	for i := range m.Participants {
		p := &m.Participants[i]
		if p.Status == Invited && p.ID != m.PendingParticipantID && t.Invitation > 0 {
			ts = append(ts, timer.Timer{At: p.InvitedAt.Add(t.Invitation), Fire: func(at time.Time) []notification.Notification {
				p.Status = Declined
				return m.timedOut(p, at)
			}})
		}
	}
	if m.OpenSlots > 0 && t.AutoMatch > 0 {
		ts = append(ts, timer.Timer{At: m.Created.At.Add(t.AutoMatch), Fire: m.closeSlots})
	}
	return ts
}

// Expire fires, in order, every timer whose deadline is not after now, and returns the
// notifications they owe. The rules players call apply it first (see act); the sweeper and the
// matcher call it on the matches they store.
func (m *Match) Expire(now time.Time) []notification.Notification {
	var notes []notification.Notification
	for {
		due, ok := timer.Due(m.timers(), now)
		if !ok {
			return notes
		}
		notes = append(notes, due.Fire(due.At)...)
	}
}

// Refresh brings the match as read up to date at now, for a reader: its lapsed timers fire, so
// that no reader sees a lapsed turn or invitation as live before the sweeper runs. A read stores
// nothing; the sweeper stores the change and sends what it owes.
func (m *Match) Refresh(now time.Time) { m.Expire(now) }

// timedOut moves the match on without p, whose time ran out, and tells p when it goes on (when
// it ends, everyone is told it expired).
func (m *Match) timedOut(p *Participant, at time.Time) []notification.Notification {
	notes := m.afterDeparture(p, Expired, at)
	if m.Status == Expired {
		return notes
	}
	return m.notify(notes, notification.MatchTimedOut, p, nil, "Your time ran out: the game went on without you", at)
}

// closeSlots closes the unfilled auto-match slots.
func (m *Match) closeSlots(at time.Time) []notification.Notification {
	creator := m.ParticipantByID(m.Created.ParticipantID)
	placed := 0
	for _, p := range m.Participants {
		if p.AutoMatched {
			placed++
		}
	}
	m.OpenSlots = 0
	if m.remaining() < 2 || int32(placed) < m.AutoMatching.Min {
		return m.end(creator, Expired, at)
	}
	if m.PendingParticipantID == "" {
		last := m.ParticipantByID(m.LastUpdate.ParticipantID)
		return m.passTurn(last, m.successor(last), at)
	}
	m.change(creator, at, true)
	return nil
}
