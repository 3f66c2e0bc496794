package store

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
)

func ptr[T any](v T) *T { return &v }

// fullProfile is a stored profile: every field but Server, which no document keeps.
var fullProfile = player.Profile{ID: "ana", DisplayName: "Ana", AvatarURL: "https://example.com/ana.png"}

func TestRoomDocRoundTrip(t *testing.T) {
	r := &room.Room{ID: "r1", ApplicationID: "app", Status: room.Connecting, Version: 4, Variant: ptr[int32](2),
		AutoMatching: &game.AutoMatch{Min: 1, Max: 2, ExclusiveBitmask: 0x3}, OpenSlots: 1,
		Participants: []room.Participant{{ID: "p_1", Player: fullProfile, Status: room.Left, InviterID: "p_2", AutoMatched: true,
			Capabilities: []string{"voice"}, XMPPAddress: "ana@xmpp", LeaveReason: room.PlayerLeft, Dismissed: true,
			Connected: true, Peers: map[string]room.PeerReport{"p_2": {Status: room.ConnectionFailed, Error: "timeout",
				ErrorReason: "ICE", ConnectionSetupLatencyMillis: ptr[int32](40), UnreliableRoundtripLatencyMillis: ptr[int32](20)}},
			NetworkDiagnostics: `{"a":1}`, LeaveDiagnostics: `{"b":2}`, ExclusiveBitmask: 0x1, MovedTo: "r2",
			UnreachableSince: ptr(docTime.Add(3 * time.Minute))}},
		Created: room.Modification{ParticipantID: "p_1", At: docTime}, LastUpdate: room.Modification{ParticipantID: "p_2", At: docTime.Add(time.Second)},
		NextParticipant: 3, Timeouts: application.Defaults.Timeouts,
		ConnectingSince: ptr(docTime.Add(time.Minute)), WasActive: true, Seed: true,
		WaitEstimateSeconds: ptr[int32](30), FilledAt: ptr(docTime.Add(2 * time.Minute)), WaitSeconds: 120, MergedInto: "r3"}
	requireFilled(t, *r, "Profile.Server")
	assert.Equal(t, r, toRoomDoc(r).room())
}

func TestMatchDocRoundTrip(t *testing.T) {
	m := &match.Match{ID: "m1", ApplicationID: "app", Status: match.Complete, Version: 5, Revision: 9, Number: 2,
		Variant: ptr[int32](1), AutoMatching: &game.AutoMatch{Min: 1, Max: 1, ExclusiveBitmask: 0x2}, OpenSlots: 1,
		Participants: []match.Participant{{ID: "p_1", Player: fullProfile, Status: match.Finished, InviterID: "p_2",
			AutoMatched: true, Dismissed: true, InvitedAt: docTime, ExclusiveBitmask: 0x2, Waiting: true}},
		PendingParticipantID: "p_1", Data: []byte("state"), HasData: true, PreviousData: []byte("before"), HasPreviousData: true,
		Results: []match.Result{{ParticipantID: "p_1", Placing: ptr[int32](1), Outcome: match.Win}},
		Created: match.Modification{ParticipantID: "p_1", At: docTime}, LastUpdate: match.Modification{ParticipantID: "p_2", At: docTime.Add(time.Second)},
		RematchID: "m2", NextParticipant: 3, Timeouts: application.Defaults.Timeouts, TurnSince: docTime.Add(2 * time.Second),
		Seed: true, MergedInto: "m3"}
	requireFilled(t, *m, "Profile.Server")
	assert.Equal(t, m, toMatchDoc(m).match())
}

// TestGameDocsKeepNil: what a game leaves nil is stored as null and read back nil, as when the
// domain types were stored themselves.
func TestGameDocsKeepNil(t *testing.T) {
	r := &room.Room{ID: "r1", Participants: []room.Participant{{ID: "p_1"}}}
	d := toRoomDoc(r)
	require.Nil(t, d.AutoMatching)
	require.Nil(t, d.Invitees, "no invitations pending")
	require.Nil(t, d.Participants[0].Peers)
	assert.Equal(t, r, d.room())

	m := &match.Match{ID: "m1"}
	md := toMatchDoc(m)
	require.Nil(t, md.Participants)
	require.Nil(t, md.Results)
	assert.Equal(t, m, md.match())
}
