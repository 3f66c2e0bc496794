package room

import (
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/seating"
)

// Auto-matching: a room with open auto-match slots takes the next compatible player who asks for
// a room; they join it at once. A seed is a room made by a player auto-matching alone who found
// no room to join; until anything happens in it, the matcher may move its creator into another
// room of the pool and delete it, so that players who asked at the same moment meet.

// receivable reports whether the room can take an auto-matched player now.
func (r *Room) receivable() bool { return r.Status != Deleted && r.OpenSlots > 0 }

// mergeable reports whether the room is a seed its creator can still be moved out of.
func (r *Room) mergeable() bool { return r.Seed && r.Version == 1 && r.Status != Deleted }

// Seeker is the creator of a seed, looking for a room as they did when they made it, with the
// client they made it from.
func (r *Room) Seeker() (seating.Seeker, Client, bool) {
	if !r.mergeable() {
		return seating.Seeker{}, Client{}, false
	}
	c := r.Participants[0]
	return seating.Seeker{Player: c.Player, Criteria: *r.AutoMatching, Variant: r.Variant},
		Client{Capabilities: c.Capabilities, XmppAddress: c.XmppAddress, NetworkDiagnostics: c.NetworkDiagnostics}, true
}

// CanPlace reports why s cannot take a slot in the room now, or nil if they can.
func (r *Room) CanPlace(applicationID string, s seating.Seeker) error {
	switch {
	case !r.receivable():
		return errs.E(errs.Conflict, "roomId", "the room is not waiting for a player")
	case r.Pool != seating.Pool(applicationID, s.Variant, r.size()):
		return errs.E(errs.Conflict, "variant", "the room is of another application or variant")
	case r.Participant(s.Player.ID) != nil:
		return errs.E(errs.Conflict, "roomId", "you are in this room already")
	}
	masks := []int64{r.AutoMatching.ExclusiveBitmask}
	for _, p := range r.Participants {
		if p.AutoMatched {
			masks = append(masks, p.ExclusiveBitmask)
		}
	}
	if err := seating.Fits(s.Criteria, r.size(), masks); err != nil {
		return errs.E(errs.Conflict, "autoMatchingCriteria", "%v", err)
	}
	return nil
}

// size is how many players the room is for: those joined or invited, and its open slots.
func (r *Room) size() int {
	n := r.OpenSlots
	for _, p := range r.Participants {
		if p.Status == Joined || p.Status == Invited {
			n++
		}
	}
	return n
}

// Place fills an open slot with s, joined from client c. The others are told the room changed;
// moved says the matcher placed them (out of their seed), and they are told where they are.
// When the last slot fills, the room records how long its creator waited.
func (r *Room) Place(applicationID string, s seating.Seeker, c Client, moved bool, now time.Time) ([]notification.Notification, error) {
	if err := r.CanPlace(applicationID, s); err != nil {
		return nil, err
	}
	before := r.Snapshot()
	p := r.addParticipant(Participant{Player: s.Player, AutoMatched: true, ExclusiveBitmask: s.Criteria.ExclusiveBitmask})
	p.join(c)
	id := p.ID
	r.OpenSlots--
	if r.OpenSlots == 0 {
		at := now
		r.FilledAt, r.WaitSeconds = &at, int64(now.Sub(r.Created.At)/time.Second)
	}
	r.settle(id, now)
	notes := r.StatusNotifications(before, s.Player.ID, now)
	if moved {
		notes = append(notes, notification.Notification{
			ID:            "room~" + r.ID + "~automatched~" + id,
			Topic:         notification.TopicInvitations,
			Type:          notification.RoomAutoMatched,
			Recipient:     s.Player.ID,
			ApplicationID: r.ApplicationID,
			RoomID:        r.ID,
			Version:       r.Version,
			CreatedAt:     now,
			Text:          "You were matched into a real-time game",
		})
	}
	return notes, nil
}

// MergeInto deletes a seed whose creator the matcher placed in the room into.
func (r *Room) MergeInto(into string, now time.Time) error {
	if !r.mergeable() {
		return errs.E(errs.Conflict, "roomId", "the room is no longer a seed")
	}
	creator := &r.Participants[0]
	creator.Status, creator.Dismissed = Left, true
	r.OpenSlots, r.MergedInto = 0, into
	r.settle(creator.ID, now)
	return nil
}
