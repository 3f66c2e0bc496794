package room

import (
	"strconv"
	"time"

	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// Create is the command that makes a room: what every game is created with, and the creator's
// device.
type Create struct {
	game.Create
	Client Client
	// WaitEstimateSeconds is how long the pool's recent players waited for their slots to fill.
	WaitEstimateSeconds *int32
}

// New makes the room: the creator joined, each invitee invited, and an invitation notification
// for each invitee.
func New(cmd Create, now time.Time) (*Room, []notification.Notification, error) {
	if err := game.CheckPlayers(cmd.Creator, cmd.Invitees, cmd.AutoMatching); err != nil {
		return nil, nil, err
	}
	r := &Room{ID: cmd.ID, ApplicationID: cmd.ApplicationID, Variant: cmd.Variant, AutoMatching: cmd.AutoMatching, Timeouts: cmd.Timeouts}
	if cmd.AutoMatching != nil {
		r.OpenSlots = int(cmd.AutoMatching.Max)
		r.Seed = len(cmd.Invitees) == 0
		r.WaitEstimateSeconds = cmd.WaitEstimateSeconds
	}
	creator := r.addParticipant(Participant{Player: cmd.Creator, Status: Joined})
	creator.join(cmd.Client)
	creatorID := creator.ID
	for _, p := range cmd.Invitees {
		r.addParticipant(Participant{Player: p, Status: Invited, InviterID: creatorID})
	}
	r.Created = Modification{ParticipantID: creatorID, At: now}
	r.settle(creatorID, now)

	notes := make([]notification.Notification, 0, len(cmd.Invitees))
	for _, p := range r.Participants {
		if p.Status == Invited {
			notes = append(notes, r.invitation(p, cmd.Creator, now))
		}
	}
	return r, notes, nil
}

func (r *Room) invitation(to Participant, inviter player.Profile, now time.Time) notification.Notification {
	return notification.Notification{
		ID:            "room~" + r.ID + "~invitation~" + to.ID,
		Topic:         notification.TopicInvitations,
		Type:          notification.RoomInvitation,
		Recipient:     to.Player.ID,
		ApplicationID: r.ApplicationID,
		RoomID:        r.ID,
		Version:       r.Version,
		CreatedAt:     now,
		Text:          "You are invited to a real-time game",
		SenderName:    inviter.DisplayName,
	}
}

// IDFor is the room ID of a create call with a requestId: the same creator retrying the same
// requestId always lands on the same document, which is what makes create idempotent.
func IDFor(applicationID, creatorID string, requestID int64) string {
	return ids.Derived("room", applicationID, creatorID, strconv.FormatInt(requestID, 10))
}
