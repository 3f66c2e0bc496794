package match

import (
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/notification"
)

// Auto-matching, as Play Games did it: a match with an open auto-match slot takes the next
// compatible player who asks for a match. If the turn waits at an open slot (the pending
// participant is unset), that player joins and plays; otherwise they wait for the turn to reach
// their slot: the next pass to an auto-match slot goes to the first player waiting. So a match
// of four whose second player holds the turn still fills while they think, instead of turning
// newcomers away for the length of a human turn.
//
// A seed is a match made by a player auto-matching alone who found no match to join. While its
// creator is alone in it, with the turn theirs before they played or waiting at a slot after
// they did, the matcher may move them into another match of the pool and close the seed: two
// players who asked at the same moment end up in one match, not two, even when both took the
// opening turn (as a Play Games client does right after create). The moved player's opening turn
// is dropped with the seed: they join the other match as its auto-matched player, which is what
// they would have been had they asked a moment later.
//
// The same holds for a seed several players have joined, as long as nobody played but turns
// passed to an auto-match slot (a newcomer's first turn, handed on to the next): the matcher may
// move them all into a match with slots for them, so that players who asked at once end in one
// full match rather than in several partial ones. Only those turns are dropped with the seed.

// Pool is the pool the match draws auto-matched players from ("" when it has no auto-match
// slots): the games of its size, application and variant.
func (m *Match) Pool() string {
	if m.AutoMatching == nil {
		return ""
	}
	return game.Pool(m.ApplicationID, m.Variant, m.size())
}

// Seeking reports whether the match can take an auto-matched player now: what create and the
// matcher query on.
func (m *Match) Seeking() bool {
	return m.Status.isOpen() && m.OpenSlots > 0
}

// movable reports whether the matcher may move every player of the match into another match:
// a seed still waiting for players in which nothing happened but placements and one turn each,
// passed to an auto-match slot, with the turn now waiting at a slot. A match records no history
// of its turns, so that is told by counting: it was made at revision 1, and each placement and
// each turn since moved the revision once, so n players who came and played one turn each leave
// it at 2n; any other change (a second turn, a timer) leaves it higher. A turn passed by name to
// a newcomer who had not had one is counted as passed to a slot: it went where a pass to the slot
// would have, or to another newcomer waiting for it.
func (m *Match) movable() bool {
	switch {
	case !m.Seed || !m.Seeking() || len(m.Results) > 0:
		return false
	case m.Revision == 1:
		return true // nothing happened since it was made
	case m.PendingParticipantID != "" || m.Revision != 2*int64(len(m.Participants)):
		return false
	}
	for _, p := range m.Participants {
		if p.Status != Joined || p.Waiting {
			return false
		}
	}
	return true
}

// Movers are the players the matcher would move out of the match, looking for a match as its
// creator did (each with their own exclusive bitmask), in the order they came; none when the
// match is not movable at now.
func (m *Match) Movers(now time.Time) []game.Seeker {
	if m.Expire(now); !m.movable() {
		return nil
	}
	seekers := make([]game.Seeker, len(m.Participants))
	for i, p := range m.Participants {
		criteria := *m.AutoMatching
		if p.AutoMatched {
			criteria.ExclusiveBitmask = p.ExclusiveBitmask
		}
		seekers[i] = game.Seeker{Player: p.Player, Criteria: criteria, Variant: m.Variant}
	}
	return seekers
}

// Vacant is how many players the match can take now.
func (m *Match) Vacant() int {
	if !m.Seeking() {
		return 0
	}
	return m.OpenSlots
}

// CanPlace reports why s cannot take a slot in the match at now, or nil if they can. It applies
// the match's lapsed timers first; their notifications are Place's to return, so a match only
// checked here must not be stored.
func (m *Match) CanPlace(applicationID string, s game.Seeker, now time.Time) error {
	m.Expire(now)
	switch {
	case !m.Seeking():
		return errs.E(errs.Conflict, "matchId", "the match is not waiting for a player")
	case m.Pool() != game.Pool(applicationID, s.Variant, m.size()):
		return errs.E(errs.Conflict, "variant", "the match is of another application or variant")
	case m.Participant(s.Player.ID) != nil:
		return errs.E(errs.Conflict, "matchId", "you are in this match already")
	}
	if err := game.Fits(s.Criteria, m.size(), m.masks()); err != nil {
		return errs.E(errs.Conflict, "autoMatchingCriteria", "%v", err)
	}
	return nil
}

// size is how many players the match is for: those still in it and its open slots.
func (m *Match) size() int { return m.remaining() + m.OpenSlots }

// masks are the exclusive bitmasks of the players who can still play: the one the creator asked
// for, and those of the players auto-matching placed. One who left or timed out frees their role.
func (m *Match) masks() []int64 {
	var masks []int64
	if c := m.ParticipantByID(m.Created.ParticipantID); c != nil && c.inGame() {
		masks = append(masks, m.AutoMatching.ExclusiveBitmask)
	}
	for _, p := range m.Participants {
		if p.AutoMatched && p.inGame() {
			masks = append(masks, p.ExclusiveBitmask)
		}
	}
	return masks
}

// Place fills an open slot with s, joined. If the turn waits at the slot it is theirs;
// otherwise they wait for it. The players already in the match are told; so is s when the
// matcher placed them (moved, out of their seed), since they did not ask for this match.
// Lapsed timers fire first, and what they owe comes first in the notifications.
func (m *Match) Place(applicationID string, s game.Seeker, moved bool, now time.Time) ([]notification.Notification, error) {
	notes := m.Expire(now)
	if err := m.CanPlace(applicationID, s, now); err != nil {
		return nil, err
	}
	p := m.addParticipant(Participant{Player: s.Player, Status: Joined, AutoMatched: true,
		ExclusiveBitmask: s.Criteria.ExclusiveBitmask, Waiting: true})
	m.OpenSlots--
	turn := m.PendingParticipantID == ""
	if turn {
		m.PendingParticipantID, m.TurnSince, p.Waiting = p.ID, now, false
	}
	m.change(p, now, turn)
	for i := range m.Participants {
		q := &m.Participants[i]
		switch {
		case q == p && moved:
			text := "You were matched into a game"
			if turn {
				text += ": it is your turn"
			}
			notes = m.autoMatched(notes, p, q, text, now)
		case q != p && q.Status == Joined:
			notes = m.autoMatched(notes, p, q, "A player was matched into your game", now)
		}
	}
	return notes, nil
}

// autoMatched tells to that placed joined the match (placed named as its sender, unless it is
// to). Placements need not move the matchVersion, so the notification's ID names the placed
// participant.
func (m *Match) autoMatched(notes []notification.Notification, placed, to *Participant, text string, now time.Time) []notification.Notification {
	if to.Dismissed {
		return notes
	}
	sender := ""
	if placed != to {
		sender = senderName(placed)
	}
	return append(notes, notification.Notification{
		ID:            "match~" + m.ID + "~automatched~" + placed.ID + "~" + to.ID,
		Topic:         notification.TopicInvitations,
		Type:          notification.MatchAutoMatched,
		Recipient:     to.Player.ID,
		ApplicationID: m.ApplicationID,
		MatchID:       m.ID,
		Version:       m.Version,
		CreatedAt:     now,
		Text:          text,
		SenderName:    sender,
	})
}

// MoveInto moves every player of the match, a seed in which nothing was played but turns to a
// slot, into the match into, and closes the seed (MergeInto), naming the moved players: all of
// the seed's, placed in order, the first taking the turn if it waits at a slot there. Each moved player is told where
// they went, and into's players are told who came. Lapsed timers of both matches fire first. A
// coded conflict when either match changed so that the move no longer fits, in which case the
// caller must store neither.
func (m *Match) MoveInto(applicationID string, into *Match, now time.Time) (game.Moved, error) {
	moved := game.Moved{Whole: true, Notes: m.Expire(now)}
	movers := m.Movers(now)
	switch {
	case movers == nil:
		return game.Moved{}, errs.E(errs.Conflict, "matchId", "the match is no longer a seed")
	case into.ID == m.ID:
		return game.Moved{}, errs.E(errs.Conflict, "matchId", "a match cannot move into itself")
	case len(movers) > 1 && into.Pool() != m.Pool():
		return game.Moved{}, errs.E(errs.Conflict, "matchId", "the matches are of different pools")
	}
	moved.Notes = append(moved.Notes, into.Expire(now)...)
	if into.Vacant() < len(movers) {
		return game.Moved{}, errs.E(errs.Conflict, "matchId", "the match has no slots for %d players", len(movers))
	}
	for _, s := range movers {
		placed, err := into.Place(applicationID, s, true, now)
		if err != nil {
			return game.Moved{}, err
		}
		moved.Notes = append(moved.Notes, placed...)
		moved.Players = append(moved.Players, s.Player.ID)
	}
	if err := m.MergeInto(into.ID, now); err != nil {
		return game.Moved{}, err
	}
	return moved, nil
}

// MergeInto closes a seed whose players the matcher placed in the match into. Its lapsed timers
// fire first (a seed whose slots closed is no longer one).
func (m *Match) MergeInto(into string, now time.Time) error {
	if m.Expire(now); !m.movable() {
		return errs.E(errs.Conflict, "matchId", "the match is no longer a seed")
	}
	m.Status, m.PendingParticipantID, m.OpenSlots, m.MergedInto = Canceled, "", 0, into
	for i := range m.Participants {
		m.Participants[i].Dismissed = true
	}
	m.change(&m.Participants[0], now, true)
	return nil
}

// waitingPlayer is the first participant placed before the turn reached their slot.
func (m *Match) waitingPlayer() *Participant {
	for i := range m.Participants {
		if p := &m.Participants[i]; p.Waiting && p.inGame() {
			return p
		}
	}
	return nil
}
