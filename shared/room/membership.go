package room

import (
	"strconv"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// caller finds the caller's participant and refuses calls on a deleted room. A player who is not
// in the room is told it does not exist.
func (r *Room) caller(playerID string) (*Participant, error) {
	p := r.Participant(playerID)
	if p == nil {
		return nil, errs.E(errs.NotFound, "roomId", "no room %q", r.ID)
	}
	if r.Status == Deleted {
		return nil, errs.E(errs.Conflict, "roomId", "the room is deleted: every joined participant has left")
	}
	return p, nil
}

func (p *Participant) join(c Client) {
	p.Status = Joined
	p.Capabilities = c.Capabilities
	p.XMPPAddress = c.XMPPAddress
	p.NetworkDiagnostics = c.NetworkDiagnostics
}

// mustBeInvitee refuses a call that only an invitee with a pending invitation may make.
func (p *Participant) mustBeInvitee(action string) error {
	switch p.Status {
	case Invited:
		return nil
	case Joined:
		return errs.E(errs.Conflict, "roomId", "cannot %s: you have already joined this room", action)
	case Declined:
		return errs.E(errs.Conflict, "roomId", "cannot %s: you declined this invitation", action)
	default:
		return errs.E(errs.Conflict, "roomId", "cannot %s: you have left this room", action)
	}
}

// mustBeJoined refuses a call that only a joined participant may make.
func (p *Participant) mustBeJoined(action string) error {
	switch p.Status {
	case Joined:
		return nil
	case Invited:
		return errs.E(errs.Conflict, "roomId", "cannot %s: you have not joined this room", action)
	case Declined:
		return errs.E(errs.Conflict, "roomId", "cannot %s: you declined this invitation", action)
	default:
		return errs.E(errs.Conflict, "roomId", "cannot %s: you have already left this room", action)
	}
}

// Join accepts the caller's invitation. The profile refreshes the name and avatar the room shows.
func (r *Room) Join(who player.Profile, c Client, now time.Time) ([]notification.Notification, error) {
	return r.act(who.ID, now, func() error {
		p, err := r.caller(who.ID)
		if err != nil {
			return err
		}
		if err := p.mustBeInvitee("join"); err != nil {
			return err
		}
		p.Player = who
		p.join(c)
		p.Dismissed = false
		r.settle(p.ID, now)
		return nil
	})
}

// Decline refuses the caller's invitation.
func (r *Room) Decline(playerID string, now time.Time) ([]notification.Notification, error) {
	return r.act(playerID, now, func() error {
		p, err := r.caller(playerID)
		if err != nil {
			return err
		}
		if err := p.mustBeInvitee("decline"); err != nil {
			return err
		}
		p.Status = Declined
		r.settle(p.ID, now)
		return nil
	})
}

// Dismiss hides the caller's invitation from their invitation list without answering
// it; the caller can still join or decline. Dismissing again changes nothing, so a retry is
// harmless.
func (r *Room) Dismiss(playerID string, now time.Time) ([]notification.Notification, error) {
	return r.act(playerID, now, func() error { return r.dismiss(playerID, now) })
}

func (r *Room) dismiss(playerID string, now time.Time) error {
	p, err := r.caller(playerID)
	if err != nil {
		return err
	}
	if err := p.mustBeInvitee("dismiss"); err != nil {
		return err
	}
	if p.Dismissed {
		return nil
	}
	p.Dismissed = true
	r.settle(p.ID, now)
	return nil
}

// Leave is the command a joined participant sends when leaving.
type Leave struct {
	Reason LeaveReason
	// Diagnostics is the validated leave diagnostics object as JSON; PeerIDs are the participant
	// IDs it mentions, which must belong to the room.
	Diagnostics string
	PeerIDs     []string
}

// Leave takes the caller out of the room. When the last joined participant leaves, the room is
// deleted and pending invitations lapse.
func (r *Room) Leave(playerID string, cmd Leave, now time.Time) ([]notification.Notification, error) {
	return r.act(playerID, now, func() error {
		p, err := r.caller(playerID)
		if err != nil {
			return err
		}
		if err := p.mustBeJoined("leave"); err != nil {
			return err
		}
		for i, id := range cmd.PeerIDs {
			if r.ParticipantByID(id) == nil {
				return errs.E(errs.Invalid, "leaveDiagnostics.peerSession["+strconv.Itoa(i)+"].participantId", "no participant %q in this room", id)
			}
		}
		p.Status = Left
		p.LeaveReason = cmd.Reason
		p.LeaveDiagnostics = cmd.Diagnostics
		r.settle(p.ID, now)
		return nil
	})
}
