package room

import (
	"strconv"
	"time"

	"github.com/openplay-games/openplay/shared/notification"
)

// Snapshot is what the other participants are told about when it changes: the room's status
// and each participant's.
type Snapshot struct {
	status       Status
	participants map[string]ParticipantStatus
}

// Snapshot takes the room's statuses before a rule runs.
func (r *Room) Snapshot() Snapshot {
	s := Snapshot{status: r.Status, participants: map[string]ParticipantStatus{}}
	for _, p := range r.Participants {
		s.participants[p.ID] = p.Status
	}
	return s
}

// StatusNotifications tells every joined participant but the one who acted (actorID, a player;
// empty for a timer), those a timer took out of the room and invitees whose invitation a timer
// let lapse (unless they dismissed it), that the room's or a participant's status changed since before. Connection reports that change
// neither make no notification: peers learn of each other through their own connections.
func (r *Room) StatusNotifications(before Snapshot, actorID string, now time.Time) []notification.Notification {
	changed := r.Status != before.status
	for _, p := range r.Participants {
		changed = changed || before.participants[p.ID] != p.Status
	}
	if !changed {
		return nil
	}
	var notes []notification.Notification
	for _, p := range r.Participants {
		lapsed := actorID == "" && before.participants[p.ID] == Invited && p.Status != Invited && !p.Dismissed
		if (p.Status != Joined && before.participants[p.ID] != Joined && !lapsed) || p.Player.ID == actorID {
			continue
		}
		notes = append(notes, notification.Notification{
			ID:            "room~" + r.ID + "~status~v" + itoa(r.Version) + "~" + p.ID,
			Topic:         notification.TopicRoomUpdates,
			Type:          notification.RoomStatus,
			Recipient:     p.Player.ID,
			ApplicationID: r.ApplicationID,
			RoomID:        r.ID,
			Version:       r.Version,
			CreatedAt:     now,
			Text:          "The room is now " + string(r.Status),
		})
	}
	return notes
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
