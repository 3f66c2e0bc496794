package room

import (
	"time"

	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/timer"
)

// Timers end what players let lapse (the room's Timeouts, copied from the application's
// settings when it was made):
//
//   - an invitation not answered within Invitation of the room's creation lapses as a decline;
//   - auto-match slots unfilled AutoMatch after the room's creation close; if auto-matching
//     placed fewer than the creator's minimum, or fewer than two players remain, the room is
//     deleted;
//   - a room that has not become ROOM_ACTIVE within RoomConnection of its players all being in
//     (no invitation pending, no slot open) is deleted: its joined participants leave with the
//     reason TIMEOUT;
//   - in a room that was active, a joined participant another reported CONNECTION_FAILED who
//     does not call reportStatus within the room's timeouts.unreachable leaves with the reason
//     PEER_CONNECTION_FAILURE (unreachable.go).
//
// A timer fires at its deadline, whenever the sweeper or a reader gets to it.

// Deadline is when the room's next timer runs out (nil while none runs): what the sweeper
// queries on.
func (r *Room) Deadline() *time.Time { return timer.Next(r.timers()) }

func (r *Room) timers() []timer.Timer {
	if r.Status == Deleted {
		return nil
	}
	var ts []timer.Timer
	t, created := r.Timeouts, r.Created.At
	for i := range r.Participants {
		if p := &r.Participants[i]; p.Status == Invited && t.Invitation > 0 {
			ts = append(ts, timer.Timer{At: created.Add(t.Invitation), Fire: func(time.Time) []notification.Notification {
				p.Status = Declined
				return nil
			}})
		}
		if p := &r.Participants[i]; p.Status == Joined && p.UnreachableSince != nil {
			ts = append(ts, timer.Timer{At: p.UnreachableSince.Add(r.unreachableAfter()), Fire: func(time.Time) []notification.Notification {
				p.Status, p.LeaveReason = Left, PeerConnectionFailure
				return nil
			}})
		}
	}
	if r.OpenSlots > 0 && t.AutoMatch > 0 {
		ts = append(ts, timer.Timer{At: created.Add(t.AutoMatch), Fire: r.closeSlots})
	}
	if !r.WasActive && r.ConnectingSince != nil && t.RoomConnection > 0 {
		ts = append(ts, timer.Timer{At: r.ConnectingSince.Add(t.RoomConnection), Fire: r.disband})
	}
	return ts
}

// Expire fires, in order, every timer whose deadline is not after now, and returns the status
// notifications owed to the players in the room (and to those it took out). The rules players
// call apply it first (see act); the sweeper and the matcher call it on the rooms they store.
func (r *Room) Expire(now time.Time) []notification.Notification {
	before := r.Snapshot()
	var last time.Time
	for {
		due, ok := timer.Due(r.timers(), now)
		if !ok {
			break
		}
		due.Fire(due.At)
		last = due.At
		r.settle(r.Created.ParticipantID, last)
	}
	if last.IsZero() {
		return nil
	}
	return r.StatusNotifications(before, "", last)
}

// Refresh brings the room as read up to date at now, for a reader: its lapsed timers fire, so
// that a lapsed invitation or a room past its deadline is not shown as live before the sweeper
// runs. A read stores nothing; the sweeper stores the change and sends what it owes.
func (r *Room) Refresh(now time.Time) { r.Expire(now) }

// closeSlots closes the unfilled auto-match slots, and disbands a room left too small. The
// room's notifications come from Expire.
func (r *Room) closeSlots(time.Time) []notification.Notification {
	placed, remaining := 0, 0
	for _, p := range r.Participants {
		if p.AutoMatched {
			placed++
		}
		if p.Status == Joined || p.Status == Invited {
			remaining++
		}
	}
	r.OpenSlots = 0
	if int32(placed) < r.AutoMatching.Min || remaining < 2 {
		r.disband(time.Time{})
	}
	return nil
}

// disband takes everyone out of the room: it is deleted when settled.
func (r *Room) disband(time.Time) []notification.Notification {
	r.OpenSlots = 0
	for i := range r.Participants {
		switch p := &r.Participants[i]; p.Status {
		case Joined:
			p.Status, p.LeaveReason = Left, Timeout
		case Invited:
			p.Status = Declined
		}
	}
	return nil
}
