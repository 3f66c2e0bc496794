package room

import (
	"time"

	"github.com/openplay-games/openplay/shared/notification"
)

// Timers end what players let lapse (the room's Timeouts, copied from the application's
// settings when it was made), all counted from the room's creation:
//
//   - an invitation not answered within Invitation lapses as a decline;
//   - auto-match slots unfilled after AutoMatch close; if auto-matching placed fewer than the
//     creator's minimum, or fewer than two players remain, the room is deleted;
//   - a room that has not become ROOM_ACTIVE within RoomConnection is deleted: its joined
//     participants leave with the reason TIMEOUT and pending invitations lapse.
//
// A timer fires at its deadline, whenever the sweeper or a reader gets to it.

type timer struct {
	at   time.Time
	fire func()
}

func (r *Room) timers() []timer {
	if r.Status == Deleted {
		return nil
	}
	var ts []timer
	t, created := r.Timeouts, r.Created.At
	for i := range r.Participants {
		if p := &r.Participants[i]; p.Status == Invited && t.Invitation > 0 {
			ts = append(ts, timer{created.Add(t.Invitation), func() { p.Status = Declined }})
		}
	}
	if r.OpenSlots > 0 && t.AutoMatch > 0 {
		ts = append(ts, timer{created.Add(t.AutoMatch), r.closeSlots})
	}
	if !r.WasActive && t.RoomConnection > 0 {
		ts = append(ts, timer{created.Add(t.RoomConnection), r.disband})
	}
	return ts
}

// nextDeadline is the earliest deadline, or nil when no timer runs.
func (r *Room) nextDeadline() *time.Time {
	var next *time.Time
	for _, t := range r.timers() {
		if next == nil || t.at.Before(*next) {
			at := t.at
			next = &at
		}
	}
	return next
}

// Expire fires, in order, every timer whose deadline is not after now, and returns the status
// notifications owed to the players in the room (and to those it took out). Reads apply it too.
func (r *Room) Expire(now time.Time) []notification.Notification {
	before := r.Snapshot()
	var last time.Time
	for {
		var due *timer
		for _, t := range r.timers() {
			if !t.at.After(now) && (due == nil || t.at.Before(due.at)) {
				due = &t
			}
		}
		if due == nil {
			break
		}
		due.fire()
		last = due.at
		r.settle(r.Created.ParticipantID, last)
	}
	if last.IsZero() {
		return nil
	}
	return r.StatusNotifications(before, "", last)
}

// closeSlots closes the unfilled auto-match slots, and disbands a room left too small.
func (r *Room) closeSlots() {
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
		r.disband()
	}
}

// disband takes everyone out of the room: it is deleted when settled.
func (r *Room) disband() {
	r.OpenSlots = 0
	for i := range r.Participants {
		switch p := &r.Participants[i]; p.Status {
		case Joined:
			p.Status, p.LeaveReason = Left, Timeout
		case Invited:
			p.Status = Declined
		}
	}
}
