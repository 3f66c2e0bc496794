package room

import (
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/notification"
)

// Auto-matching: a room with open auto-match slots takes the next compatible player who asks for
// a room; they join it at once. A seed is a room made by a player auto-matching alone who found
// no room to join. While its players have only joined (nobody has reported a connection, nobody
// left), the matcher may move them all into another room with slots for them and delete the
// seed, so that players who asked at the same moment end in one full room rather than in
// several partial ones. When no room has slots for them all, the matcher may move some of them,
// one by one, into a fuller room, filling it (SpillInto): rooms of four holding 3, 3 and 2
// players become two full rooms.

// Rooms spill: a seed may give some of its players to a fuller room (SpillInto).
var _ game.Spiller[*Room] = (*Room)(nil)

// Pool is the pool the room draws auto-matched players from ("" when it has no auto-match
// slots): the games of its size, application and variant.
func (r *Room) Pool() string {
	if r.AutoMatching == nil {
		return ""
	}
	return game.Pool(r.ApplicationID, r.Variant, r.size())
}

// Seeking reports whether the room can take an auto-matched player now.
func (r *Room) Seeking() bool { return r.Status != Deleted && r.OpenSlots > 0 }

// movable reports whether the matcher may move every player of the room into another room: a
// seed still waiting for players, whose players have only joined.
func (r *Room) movable() bool {
	if !r.Seed || r.Status == Deleted || r.OpenSlots == 0 {
		return false
	}
	for _, p := range r.Participants {
		if p.MovedTo == "" && (p.Status != Joined || p.Connected || len(p.Peers) > 0) {
			return false
		}
	}
	return true
}

// Movers are the players the matcher would move out of the room, looking for a room as its
// creator did (each with their own exclusive bitmask), in the order they came; none when the
// room is not movable at now.
func (r *Room) Movers(now time.Time) []game.Seeker {
	if r.Expire(now); !r.movable() {
		return nil
	}
	seekers := make([]game.Seeker, 0, len(r.Participants))
	for _, p := range r.Participants {
		if p.MovedTo != "" {
			continue
		}
		criteria := *r.AutoMatching
		if p.AutoMatched {
			criteria.ExclusiveBitmask = p.ExclusiveBitmask
		}
		seekers = append(seekers, game.Seeker{Player: p.Player, Criteria: criteria, Variant: r.Variant})
	}
	return seekers
}

// Vacant is how many players the room can take now.
func (r *Room) Vacant() int {
	if !r.Seeking() {
		return 0
	}
	return r.OpenSlots
}

// CanPlace reports why s cannot take a slot in the room at now, or nil if they can. It applies
// the room's lapsed timers first; their notifications are Place's to return, so a room only
// checked here must not be stored.
func (r *Room) CanPlace(applicationID string, s game.Seeker, now time.Time) error {
	r.Expire(now)
	switch {
	case !r.Seeking():
		return errs.E(errs.Conflict, "roomId", "the room is not waiting for a player")
	case r.Pool() != game.Pool(applicationID, s.Variant, r.size()):
		return errs.E(errs.Conflict, "variant", "the room is of another application or variant")
	case r.Participant(s.Player.ID) != nil:
		return errs.E(errs.Conflict, "roomId", "you are in this room already")
	}
	var masks []int64 // the roles of the players in the room: one who left, or was moved out, frees theirs with their seat
	if c := r.Creator(); c != nil && c.holdsSeat() {
		masks = append(masks, r.AutoMatching.ExclusiveBitmask)
	}
	for _, p := range r.Participants {
		if p.AutoMatched && p.holdsSeat() {
			masks = append(masks, p.ExclusiveBitmask)
		}
	}
	if err := game.Fits(s.Criteria, r.size(), masks); err != nil {
		return errs.E(errs.Conflict, "autoMatchingCriteria", "%v", err)
	}
	return nil
}

// size is how many players the room is for: those joined or invited, and its open slots.
func (r *Room) size() int {
	n := r.OpenSlots
	for _, p := range r.Participants {
		if p.holdsSeat() {
			n++
		}
	}
	return n
}

// holdsSeat reports whether p is in the room or invited to it: not declined, not left.
func (p *Participant) holdsSeat() bool { return p.Status == Joined || p.Status == Invited }

// Place fills an open slot with s, joined from client c. The others are told the room changed;
// moved says the matcher placed them (out of their seed), and they are told where they are.
// When the last slot fills, the room records how long its creator waited.
// Lapsed timers fire first, and what they owe comes first in the notifications.
func (r *Room) Place(applicationID string, s game.Seeker, c Client, moved bool, now time.Time) ([]notification.Notification, error) {
	expired := r.Expire(now)
	if err := r.CanPlace(applicationID, s, now); err != nil {
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
	notes := append(expired, r.StatusNotifications(before, s.Player.ID, now)...)
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

// MoveInto moves every player of the room, a seed whose players have only joined, into the room
// into, with the clients they joined from, and deletes the seed (MergeInto), naming the moved
// players: those not moved out of it before. Each moved player is told where they went; into's
// players are told the room changed. Lapsed timers of both rooms fire first. A coded conflict
// when either room changed so that the move no longer fits, in which case the caller must store
// neither.
func (r *Room) MoveInto(applicationID string, into *Room, now time.Time) (game.Moved, error) {
	moved := game.Moved{Whole: true, Notes: r.Expire(now)}
	movers := r.Movers(now)
	switch {
	case movers == nil:
		return game.Moved{}, errs.E(errs.Conflict, "roomId", "the room is no longer a seed")
	case into.ID == r.ID:
		return game.Moved{}, errs.E(errs.Conflict, "roomId", "a room cannot move into itself")
	case len(movers) > 1 && into.Pool() != r.Pool():
		return game.Moved{}, errs.E(errs.Conflict, "roomId", "the rooms are of different pools")
	}
	moved.Notes = append(moved.Notes, into.Expire(now)...)
	if into.Vacant() < len(movers) {
		return game.Moved{}, errs.E(errs.Conflict, "roomId", "the room has no slots for %d players", len(movers))
	}
	for _, s := range movers {
		p := r.Participant(s.Player.ID)
		placed, err := into.Place(applicationID, s, Client{Capabilities: p.Capabilities, XMPPAddress: p.XMPPAddress,
			NetworkDiagnostics: p.NetworkDiagnostics}, true, now)
		if err != nil {
			return game.Moved{}, err
		}
		moved.Notes = append(moved.Notes, placed...)
		moved.Players = append(moved.Players, s.Player.ID)
	}
	if err := r.MergeInto(into.ID, now); err != nil {
		return game.Moved{}, err
	}
	return moved, nil
}

// MergeInto deletes a seed whose players the matcher placed in the room into. Its lapsed timers
// fire first (a seed whose slots closed is no longer one).
func (r *Room) MergeInto(into string, now time.Time) error {
	if r.Expire(now); !r.movable() {
		return errs.E(errs.Conflict, "roomId", "the room is no longer a seed")
	}
	for i := range r.Participants {
		p := &r.Participants[i]
		p.Status, p.Dismissed = Left, true
	}
	r.OpenSlots, r.MergedInto = 0, into
	r.settle(r.Participants[0].ID, now)
	return nil
}

// SpillInto moves the last n players who came into the room, a seed whose players have only
// joined, into the fuller room into of the same pool, which takes fewer than all of them
// (game.Spill), naming the moved players. Each moved player is told where they
// went, as in MoveInto, and leaves this room (MovedTo), which reopens their slots and goes on
// waiting with the players who stay, who are told it changed. Lapsed timers of both rooms fire
// first. A coded conflict when either room changed so that the move no longer fits, in which
// case the caller must store neither.
func (r *Room) SpillInto(applicationID string, into *Room, n int, now time.Time) (game.Moved, error) {
	moved := game.Moved{Notes: r.Expire(now)}
	movers := r.Movers(now)
	switch {
	case movers == nil:
		return game.Moved{}, errs.E(errs.Conflict, "roomId", "the room is no longer a seed")
	case into.ID == r.ID:
		return game.Moved{}, errs.E(errs.Conflict, "roomId", "a room cannot move into itself")
	case into.Pool() != r.Pool():
		return game.Moved{}, errs.E(errs.Conflict, "roomId", "the rooms are of different pools")
	}
	moved.Notes = append(moved.Notes, into.Expire(now)...)
	if n <= 0 || game.Spill(len(movers), r.Vacant(), into.Vacant()) != n {
		return game.Moved{}, errs.E(errs.Conflict, "roomId", "moving %d of %d players into a room with %d slots does not fill it", n, len(movers), into.Vacant())
	}
	before := r.Snapshot()
	for _, s := range movers[len(movers)-n:] {
		p := r.Participant(s.Player.ID)
		placed, err := into.Place(applicationID, s, Client{Capabilities: p.Capabilities, XMPPAddress: p.XMPPAddress,
			NetworkDiagnostics: p.NetworkDiagnostics}, true, now)
		if err != nil {
			return game.Moved{}, err
		}
		moved.Notes = append(moved.Notes, placed...)
		p.Status, p.Dismissed, p.MovedTo = Left, true, into.ID
		moved.Players = append(moved.Players, s.Player.ID)
	}
	r.OpenSlots += n
	r.settle(r.Participants[0].ID, now)
	for _, note := range r.StatusNotifications(before, "", now) {
		if r.Participant(note.Recipient).MovedTo == "" {
			moved.Notes = append(moved.Notes, note)
		}
	}
	return moved, nil
}
