package rooms

import (
	"strings"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/room"
)

// renderRoom is the Room resource as the player viewerID sees it.
func renderRoom(r *room.Room, viewerID string) gamesv1.Room {
	out := gamesv1.Room{
		Kind:               gamesv1.KindRoom,
		ApplicationID:      r.ApplicationID,
		RoomID:             r.ID,
		Status:             string(r.Status),
		RoomStatusVersion:  int32(r.Version),
		Variant:            r.Variant,
		CreationDetails:    modification(r.Created),
		LastUpdateDetails:  modification(r.LastUpdate),
		Participants:       participants(r, viewerID),
		AutoMatchingStatus: autoMatchingStatus(r),
		Description:        describe(r, viewerID),
	}
	if viewer := r.Participant(viewerID); viewer != nil {
		out.InviterID = viewer.InviterID
	}
	if a := r.AutoMatching; a != nil {
		mask := gamesv1.Int64(a.ExclusiveBitmask)
		out.AutoMatchingCriteria = &gamesv1.RoomAutoMatchingCriteria{Kind: gamesv1.KindRoomAutoMatchingCriteria,
			MinAutoMatchingPlayers: &a.Min, MaxAutoMatchingPlayers: &a.Max, ExclusiveBitmask: &mask}
	}
	return out
}

// renderStatus is the RoomStatus resource reportStatus answers the player viewerID with.
func renderStatus(r *room.Room, viewerID string) gamesv1.RoomStatus {
	return gamesv1.RoomStatus{
		Kind:               gamesv1.KindRoomStatus,
		RoomID:             r.ID,
		Status:             string(r.Status),
		StatusVersion:      int32(r.Version),
		Participants:       participants(r, viewerID),
		AutoMatchingStatus: autoMatchingStatus(r),
	}
}

// autoMatchingStatus is set while the room waits for auto-matched players, with the mean wait
// of the pool's recently filled rooms when the room was made (left out while none is known).
func autoMatchingStatus(r *room.Room) *gamesv1.RoomAutoMatchStatus {
	if r.OpenSlots == 0 || r.Status == room.Deleted {
		return nil
	}
	out := &gamesv1.RoomAutoMatchStatus{Kind: gamesv1.KindRoomAutoMatchStatus}
	if r.WaitEstimateSeconds != nil {
		out.WaitEstimateSeconds = *r.WaitEstimateSeconds
	}
	return out
}

func modification(m room.Modification) *gamesv1.RoomModification {
	return &gamesv1.RoomModification{Kind: gamesv1.KindRoomModification,
		ModifiedTimestampMillis: gamesv1.Int64(m.At.UnixMilli()), ParticipantID: m.ParticipantID}
}

// participants are the room's participants as viewerID sees them, some anonymous (see
// room.Room.Anonymous).
func participants(r *room.Room, viewerID string) []gamesv1.RoomParticipant {
	out := make([]gamesv1.RoomParticipant, len(r.Participants))
	for i := range r.Participants {
		p := &r.Participants[i]
		out[i] = gamesv1.RoomParticipant{
			Kind:         gamesv1.KindRoomParticipant,
			ID:           p.ID,
			Status:       string(p.Status),
			AutoMatched:  p.AutoMatched,
			Capabilities: p.Capabilities,
			Connected:    p.Connected,
			LeaveReason:  string(p.LeaveReason),
		}
		out[i].Player, out[i].AutoMatchedPlayer = gamesv1.Identity(p.Player.ID, p.Player.DisplayName, p.Player.AvatarURL, r.Anonymous(p, viewerID))
		if p.XMPPAddress != "" {
			out[i].ClientAddress = &gamesv1.RoomClientAddress{Kind: gamesv1.KindRoomClientAddress, XmppAddress: p.XMPPAddress}
		}
	}
	return out
}

// describe is the room's one-line description, worded for the viewer: an invitation names who
// sent it; otherwise it names the other players still in the game.
func describe(r *room.Room, viewerID string) string {
	viewer := r.Participant(viewerID)
	if viewer != nil && viewer.Status == room.Invited {
		if inviter := r.ParticipantByID(viewer.InviterID); inviter != nil {
			return displayName(inviter) + " invited you to a real-time game"
		}
	}
	var others []string
	for i := range r.Participants {
		p := &r.Participants[i]
		if p.Player.ID != viewerID && (p.Status == room.Joined || p.Status == room.Invited) {
			others = append(others, displayName(p))
		}
	}
	switch {
	case r.Status == room.Deleted:
		return "Real-time game that has ended"
	case len(others) == 0 && r.OpenSlots > 0:
		return "Real-time game waiting for auto-matched players"
	case len(others) == 0:
		return "Real-time game with no other players"
	}
	return "Real-time game with " + joinNames(others)
}

func displayName(p *room.Participant) string {
	if p.Player.DisplayName != "" {
		return p.Player.DisplayName
	}
	return "a player"
}

func joinNames(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
