package match

import (
	"time"

	"github.com/openplay-games/openplay/shared/notification"
)

// notify builds a notification of type t about the match at its current version for p, unless
// p dismissed the match (dismissing stops notifications). from is the participant whose call it
// reports (nil when a timer's), named in it as data; text is a fixed line.
func (m *Match) notify(notes []notification.Notification, t notification.Type, p, from *Participant, text string, now time.Time) []notification.Notification {
	if p.Dismissed {
		return notes
	}
	topic := notification.TopicTurns
	if t == notification.MatchInvitation {
		topic = notification.TopicInvitations
	}
	return append(notes, notification.Notification{
		ID:            "match~" + m.ID + "~" + string(t) + "~v" + itoa(m.Version) + "~" + p.ID,
		Topic:         topic,
		Type:          t,
		Recipient:     p.Player.ID,
		ApplicationID: m.ApplicationID,
		MatchID:       m.ID,
		Version:       m.Version,
		CreatedAt:     now,
		Text:          text,
		SenderName:    senderName(from),
	})
}

// notifyOthers notifies every participant but by who is still in the game or has finished it.
func (m *Match) notifyOthers(t notification.Type, by *Participant, text string, now time.Time) []notification.Notification {
	var notes []notification.Notification
	for i := range m.Participants {
		p := &m.Participants[i]
		if p.ID != by.ID && (p.Status == Joined || p.Status == Invited || p.Status == Finished) {
			notes = m.notify(notes, t, p, by, text, now)
		}
	}
	return notes
}

// senderName is the display name of from, the participant a notification reports on, if any.
func senderName(from *Participant) string {
	if from == nil {
		return ""
	}
	return from.Player.DisplayName
}
