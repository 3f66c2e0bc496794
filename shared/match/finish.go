package match

import (
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
)

// Finish is a finish command.
type Finish struct {
	Version int64
	Data    []byte
	HasData bool
	Results []Result
}

// Finish ends the match. The player whose turn it is calls first, with the final data and
// results: the match is MATCH_COMPLETE and the other joined participants are asked to finish
// too. Each of them then calls once with the results as they see them; a result that differs
// from the recorded one becomes MATCH_RESULT_DISAGREED.
func (m *Match) Finish(playerID string, f Finish, now time.Time) ([]notification.Notification, error) {
	return m.act(now, func() ([]notification.Notification, error) {
		if m.Status == Complete {
			return nil, m.confirm(playerID, f, now)
		}
		me, err := m.pendingCaller(playerID, f.Version, "finish the match")
		if err != nil {
			return nil, err
		}
		if err := m.recordResults(f.Results, false); err != nil {
			return nil, err
		}
		if f.HasData {
			m.Data, m.HasData = f.Data, true
		}
		me.Status = Finished
		m.Status, m.PendingParticipantID, m.OpenSlots = Complete, "", 0
		m.change(me, now, true)
		var notes []notification.Notification
		for i := range m.Participants {
			if p := &m.Participants[i]; p.Status == Joined {
				notes = m.notify(notes, notification.MatchCompleted, p, me, "The game is over: confirm your results", now)
			}
		}
		return notes, nil
	})
}

// confirm is a later finish call on a completed match.
func (m *Match) confirm(playerID string, f Finish, now time.Time) error {
	me, err := m.caller(playerID)
	if err != nil {
		return err
	}
	switch {
	case me.Status == Finished:
		return errs.E(errs.Conflict, "matchId", "you already finished this match")
	case me.Status != Joined:
		return errs.E(errs.Conflict, "matchId", "cannot finish: you are %s in this match", me.Status)
	case f.Version != m.Version:
		return errs.E(errs.Conflict, "matchVersion", "is %d but the match is at version %d: fetch the match and try again", f.Version, m.Version)
	case f.HasData:
		return errs.E(errs.Invalid, "data", "only the first finish, by the player whose turn it was, sets the final data")
	}
	if err := m.recordResults(f.Results, true); err != nil {
		return err
	}
	me.Status = Finished
	m.change(me, now, true)
	return nil
}
