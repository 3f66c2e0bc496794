package store

import (
	"time"

	"github.com/openplay-games/openplay/shared/room"
)

// roomDoc is a real-time room as stored (rooms/{roomId}). The invitation list filters on
// invitees and orders by created.at, auto-matching queries pool, seeking, applicationId,
// lastUpdate.at and filledAt, the sweeper deadline (infra/firestore.indexes.json), so the names
// must not change. Those the queries alone need (invitees, deadline, pool, seeking) are
// written from what the room's rules say of it and not read back.
type roomDoc struct {
	ID              string               `firestore:"id"`
	ApplicationID   string               `firestore:"applicationId"`
	Status          room.Status          `firestore:"status"`
	Version         int64                `firestore:"version"`
	Variant         *int32               `firestore:"variant"`
	AutoMatching    *autoMatchDoc        `firestore:"autoMatching"`
	OpenSlots       int                  `firestore:"openSlots"`
	Participants    []roomParticipantDoc `firestore:"participants"`
	Created         modificationDoc      `firestore:"created"`
	LastUpdate      modificationDoc      `firestore:"lastUpdate"`
	Invitees        []string             `firestore:"invitees"`
	NextParticipant int                  `firestore:"nextParticipant"`

	Timeouts        timeoutsDoc `firestore:"timeouts"`
	Deadline        *time.Time  `firestore:"deadline"`
	ConnectingSince *time.Time  `firestore:"connectingSince"`
	WasActive       bool        `firestore:"wasActive"`

	Pool                string     `firestore:"pool"`
	Seeking             bool       `firestore:"seeking"`
	Seed                bool       `firestore:"seed"`
	WaitEstimateSeconds *int32     `firestore:"waitEstimateSeconds"`
	FilledAt            *time.Time `firestore:"filledAt"`
	WaitSeconds         int64      `firestore:"waitSeconds"`
	MergedInto          string     `firestore:"mergedInto,omitempty"`
}

type roomParticipantDoc struct {
	ID                 string                   `firestore:"id"`
	Player             profileDoc               `firestore:"player"`
	Status             room.ParticipantStatus   `firestore:"status"`
	InviterID          string                   `firestore:"inviterId,omitempty"`
	AutoMatched        bool                     `firestore:"autoMatched,omitempty"`
	Capabilities       []string                 `firestore:"capabilities,omitempty"`
	XMPPAddress        string                   `firestore:"xmppAddress,omitempty"`
	LeaveReason        room.LeaveReason         `firestore:"leaveReason,omitempty"`
	Dismissed          bool                     `firestore:"dismissed,omitempty"`
	Connected          bool                     `firestore:"connected,omitempty"`
	Peers              map[string]peerReportDoc `firestore:"peers,omitempty"`
	NetworkDiagnostics string                   `firestore:"networkDiagnostics,omitempty"`
	LeaveDiagnostics   string                   `firestore:"leaveDiagnostics,omitempty"`
	ExclusiveBitmask   int64                    `firestore:"exclusiveBitmask,omitempty"`
	MovedTo            string                   `firestore:"movedTo,omitempty"`
	UnreachableSince   *time.Time               `firestore:"unreachableSince,omitempty"`
}

type peerReportDoc struct {
	Status                           room.PeerStatus `firestore:"status"`
	Error                            string          `firestore:"error,omitempty"`
	ErrorReason                      string          `firestore:"errorReason,omitempty"`
	ConnectionSetupLatencyMillis     *int32          `firestore:"connectionSetupLatencyMillis,omitempty"`
	UnreliableRoundtripLatencyMillis *int32          `firestore:"unreliableRoundtripLatencyMillis,omitempty"`
}

// roomCodec stores rooms as roomDoc.
var roomCodec = codecOf(toRoomDoc, (*roomDoc).room)

func toRoomDoc(r *room.Room) *roomDoc {
	return &roomDoc{ID: r.ID, ApplicationID: r.ApplicationID, Status: r.Status, Version: r.Version, Variant: r.Variant,
		AutoMatching: toAutoMatchDoc(r.AutoMatching), OpenSlots: r.OpenSlots,
		Participants: convert(r.Participants, toRoomParticipantDoc),
		Created:      modificationDoc(r.Created), LastUpdate: modificationDoc(r.LastUpdate),
		Invitees: r.Invitees(), NextParticipant: r.NextParticipant,
		Timeouts: toTimeoutsDoc(r.Timeouts), Deadline: r.Deadline(), ConnectingSince: r.ConnectingSince, WasActive: r.WasActive,
		Pool: r.Pool(), Seeking: r.Seeking(), Seed: r.Seed, WaitEstimateSeconds: r.WaitEstimateSeconds,
		FilledAt: r.FilledAt, WaitSeconds: r.WaitSeconds, MergedInto: r.MergedInto}
}

func (d *roomDoc) room() *room.Room {
	return &room.Room{ID: d.ID, ApplicationID: d.ApplicationID, Status: d.Status, Version: d.Version, Variant: d.Variant,
		AutoMatching: d.AutoMatching.autoMatch(), OpenSlots: d.OpenSlots,
		Participants: convert(d.Participants, roomParticipantDoc.participant),
		Created:      room.Modification(d.Created), LastUpdate: room.Modification(d.LastUpdate),
		NextParticipant: d.NextParticipant,
		Timeouts:        d.Timeouts.timeouts(), ConnectingSince: d.ConnectingSince, WasActive: d.WasActive,
		Seed: d.Seed, WaitEstimateSeconds: d.WaitEstimateSeconds,
		FilledAt: d.FilledAt, WaitSeconds: d.WaitSeconds, MergedInto: d.MergedInto}
}

func toRoomParticipantDoc(p room.Participant) roomParticipantDoc {
	return roomParticipantDoc{ID: p.ID, Player: toProfileDoc(p.Player), Status: p.Status, InviterID: p.InviterID,
		AutoMatched: p.AutoMatched, Capabilities: p.Capabilities, XMPPAddress: p.XMPPAddress, LeaveReason: p.LeaveReason,
		Dismissed: p.Dismissed, Connected: p.Connected, Peers: convertValues(p.Peers, func(r room.PeerReport) peerReportDoc { return peerReportDoc(r) }),
		NetworkDiagnostics: p.NetworkDiagnostics, LeaveDiagnostics: p.LeaveDiagnostics, ExclusiveBitmask: p.ExclusiveBitmask,
		MovedTo: p.MovedTo, UnreachableSince: p.UnreachableSince}
}

func (d roomParticipantDoc) participant() room.Participant {
	return room.Participant{ID: d.ID, Player: d.Player.profile(), Status: d.Status, InviterID: d.InviterID,
		AutoMatched: d.AutoMatched, Capabilities: d.Capabilities, XMPPAddress: d.XMPPAddress, LeaveReason: d.LeaveReason,
		Dismissed: d.Dismissed, Connected: d.Connected, Peers: convertValues(d.Peers, func(r peerReportDoc) room.PeerReport { return room.PeerReport(r) }),
		NetworkDiagnostics: d.NetworkDiagnostics, LeaveDiagnostics: d.LeaveDiagnostics, ExclusiveBitmask: d.ExclusiveBitmask,
		MovedTo: d.MovedTo, UnreachableSince: d.UnreachableSince}
}
