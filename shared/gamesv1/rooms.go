package gamesv1

// Kinds of the rooms resource's types.
const (
	KindRoom                     = "games#room"
	KindRoomList                 = "games#roomList"
	KindRoomStatus               = "games#roomStatus"
	KindRoomParticipant          = "games#roomParticipant"
	KindRoomModification         = "games#roomModification"
	KindRoomAutoMatchingCriteria = "games#roomAutoMatchingCriteria"
	KindRoomAutoMatchStatus      = "games#roomAutoMatchStatus"
	KindRoomClientAddress        = "games#roomClientAddress"
	KindRoomCreateRequest        = "games#roomCreateRequest"
	KindRoomJoinRequest          = "games#roomJoinRequest"
	KindRoomLeaveRequest         = "games#roomLeaveRequest"
	KindRoomLeaveDiagnostics     = "games#roomLeaveDiagnostics"
	KindRoomP2PStatuses          = "games#roomP2PStatuses"
	KindRoomP2PStatus            = "games#roomP2PStatus"
	KindNetworkDiagnostics       = "games#networkDiagnostics"
	KindPeerSessionDiagnostics   = "games#peerSessionDiagnostics"
	KindPeerChannelDiagnostics   = "games#peerChannelDiagnostics"
	KindAggregateStats           = "games#aggregateStats"
	KindPlayer                   = "games#player"
	KindAnonymousPlayer          = "games#anonymousPlayer"
)

type Room struct {
	Kind                 string                    `json:"kind"`
	ApplicationID        string                    `json:"applicationId,omitempty"`
	AutoMatchingCriteria *RoomAutoMatchingCriteria `json:"autoMatchingCriteria,omitempty"`
	AutoMatchingStatus   *RoomAutoMatchStatus      `json:"autoMatchingStatus,omitempty"`
	CreationDetails      *RoomModification         `json:"creationDetails,omitempty"`
	Description          string                    `json:"description,omitempty"`
	InviterID            string                    `json:"inviterId,omitempty"`
	LastUpdateDetails    *RoomModification         `json:"lastUpdateDetails,omitempty"`
	Participants         []RoomParticipant         `json:"participants,omitempty"`
	RoomID               string                    `json:"roomId,omitempty"`
	RoomStatusVersion    int32                     `json:"roomStatusVersion,omitempty"`
	Status               string                    `json:"status,omitempty"`
	Variant              *int32                    `json:"variant,omitempty"`
}

type RoomAutoMatchingCriteria struct {
	Kind                   string `json:"kind,omitempty"`
	ExclusiveBitmask       *Int64 `json:"exclusiveBitmask,omitempty"`
	MaxAutoMatchingPlayers *int32 `json:"maxAutoMatchingPlayers,omitempty"`
	MinAutoMatchingPlayers *int32 `json:"minAutoMatchingPlayers,omitempty"`
}

type RoomAutoMatchStatus struct {
	Kind                string `json:"kind"`
	WaitEstimateSeconds int32  `json:"waitEstimateSeconds,omitempty"`
}

type RoomModification struct {
	Kind                    string `json:"kind"`
	ModifiedTimestampMillis Int64  `json:"modifiedTimestampMillis"`
	ParticipantID           string `json:"participantId,omitempty"`
}

type RoomParticipant struct {
	Kind              string             `json:"kind"`
	AutoMatched       bool               `json:"autoMatched,omitempty"`
	AutoMatchedPlayer *AnonymousPlayer   `json:"autoMatchedPlayer,omitempty"`
	Capabilities      []string           `json:"capabilities,omitempty"`
	ClientAddress     *RoomClientAddress `json:"clientAddress,omitempty"`
	Connected         bool               `json:"connected,omitempty"`
	ID                string             `json:"id,omitempty"`
	LeaveReason       string             `json:"leaveReason,omitempty"`
	Player            *Player            `json:"player,omitempty"`
	Status            string             `json:"status,omitempty"`
}

type AnonymousPlayer struct {
	Kind           string `json:"kind"`
	AvatarImageURL string `json:"avatarImageUrl,omitempty"`
	DisplayName    string `json:"displayName,omitempty"`
}

// Player carries the fields of the discovery document's Player that OpenPlay knows; the others
// (experience, banners, title) belong to Play Games features OpenPlay does not provide.
type Player struct {
	Kind           string `json:"kind"`
	AvatarImageURL string `json:"avatarImageUrl,omitempty"`
	DisplayName    string `json:"displayName,omitempty"`
	PlayerID       string `json:"playerId,omitempty"`
}

type RoomClientAddress struct {
	Kind        string `json:"kind,omitempty"`
	XmppAddress string `json:"xmppAddress,omitempty"`
}

type RoomCreateRequest struct {
	Kind                 string                    `json:"kind,omitempty"`
	AutoMatchingCriteria *RoomAutoMatchingCriteria `json:"autoMatchingCriteria,omitempty"`
	Capabilities         []string                  `json:"capabilities,omitempty"`
	ClientAddress        *RoomClientAddress        `json:"clientAddress,omitempty"`
	InvitedPlayerIDs     []string                  `json:"invitedPlayerIds,omitempty"`
	NetworkDiagnostics   *NetworkDiagnostics       `json:"networkDiagnostics,omitempty"`
	RequestID            *Int64                    `json:"requestId,omitempty"`
	Variant              *int32                    `json:"variant,omitempty"`
}

type RoomJoinRequest struct {
	Kind               string              `json:"kind,omitempty"`
	Capabilities       []string            `json:"capabilities,omitempty"`
	ClientAddress      *RoomClientAddress  `json:"clientAddress,omitempty"`
	NetworkDiagnostics *NetworkDiagnostics `json:"networkDiagnostics,omitempty"`
}

type RoomLeaveRequest struct {
	Kind             string                `json:"kind,omitempty"`
	LeaveDiagnostics *RoomLeaveDiagnostics `json:"leaveDiagnostics,omitempty"`
	Reason           string                `json:"reason,omitempty"`
}

type NetworkDiagnostics struct {
	Kind                      string `json:"kind,omitempty"`
	AndroidNetworkSubtype     *int32 `json:"androidNetworkSubtype,omitempty"`
	AndroidNetworkType        *int32 `json:"androidNetworkType,omitempty"`
	IosNetworkType            *int32 `json:"iosNetworkType,omitempty"`
	NetworkOperatorCode       string `json:"networkOperatorCode,omitempty"`
	NetworkOperatorName       string `json:"networkOperatorName,omitempty"`
	RegistrationLatencyMillis *int32 `json:"registrationLatencyMillis,omitempty"`
}

type RoomLeaveDiagnostics struct {
	Kind                  string                   `json:"kind,omitempty"`
	AndroidNetworkSubtype *int32                   `json:"androidNetworkSubtype,omitempty"`
	AndroidNetworkType    *int32                   `json:"androidNetworkType,omitempty"`
	IosNetworkType        *int32                   `json:"iosNetworkType,omitempty"`
	NetworkOperatorCode   string                   `json:"networkOperatorCode,omitempty"`
	NetworkOperatorName   string                   `json:"networkOperatorName,omitempty"`
	PeerSession           []PeerSessionDiagnostics `json:"peerSession,omitempty"`
	SocketsUsed           *bool                    `json:"socketsUsed,omitempty"`
}

type PeerSessionDiagnostics struct {
	Kind                     string                  `json:"kind,omitempty"`
	ConnectedTimestampMillis *Int64                  `json:"connectedTimestampMillis,omitempty"`
	ParticipantID            string                  `json:"participantId,omitempty"`
	ReliableChannel          *PeerChannelDiagnostics `json:"reliableChannel,omitempty"`
	UnreliableChannel        *PeerChannelDiagnostics `json:"unreliableChannel,omitempty"`
}

type PeerChannelDiagnostics struct {
	Kind                   string          `json:"kind,omitempty"`
	BytesReceived          *AggregateStats `json:"bytesReceived,omitempty"`
	BytesSent              *AggregateStats `json:"bytesSent,omitempty"`
	NumMessagesLost        *int32          `json:"numMessagesLost,omitempty"`
	NumMessagesReceived    *int32          `json:"numMessagesReceived,omitempty"`
	NumMessagesSent        *int32          `json:"numMessagesSent,omitempty"`
	NumSendFailures        *int32          `json:"numSendFailures,omitempty"`
	RoundtripLatencyMillis *AggregateStats `json:"roundtripLatencyMillis,omitempty"`
}

type AggregateStats struct {
	Kind  string `json:"kind,omitempty"`
	Count *Int64 `json:"count,omitempty"`
	Max   *Int64 `json:"max,omitempty"`
	Min   *Int64 `json:"min,omitempty"`
	Sum   *Int64 `json:"sum,omitempty"`
}

type RoomP2PStatuses struct {
	Kind    string          `json:"kind,omitempty"`
	Updates []RoomP2PStatus `json:"updates,omitempty"`
}

type RoomP2PStatus struct {
	Kind                             string `json:"kind,omitempty"`
	ConnectionSetupLatencyMillis     *int32 `json:"connectionSetupLatencyMillis,omitempty"`
	Error                            string `json:"error,omitempty"`
	ErrorReason                      string `json:"error_reason,omitempty"`
	ParticipantID                    string `json:"participantId,omitempty"`
	Status                           string `json:"status,omitempty"`
	UnreliableRoundtripLatencyMillis *int32 `json:"unreliableRoundtripLatencyMillis,omitempty"`
}

type RoomList struct {
	Kind          string `json:"kind"`
	Items         []Room `json:"items,omitempty"`
	NextPageToken string `json:"nextPageToken,omitempty"`
}

type RoomStatus struct {
	Kind               string               `json:"kind"`
	AutoMatchingStatus *RoomAutoMatchStatus `json:"autoMatchingStatus,omitempty"`
	Participants       []RoomParticipant    `json:"participants,omitempty"`
	RoomID             string               `json:"roomId,omitempty"`
	Status             string               `json:"status,omitempty"`
	StatusVersion      int32                `json:"statusVersion,omitempty"`
}

// Identity is how a participant appears to a viewer: as a Player, or, when one of the two was
// placed by auto-matching, as an AnonymousPlayer (name and avatar, no player ID), as the
// discovery document says ("either player or autoMatchedPlayer will be set").
func Identity(playerID, displayName, avatarURL string, anonymous bool) (*Player, *AnonymousPlayer) {
	if anonymous {
		return nil, &AnonymousPlayer{Kind: KindAnonymousPlayer, DisplayName: displayName, AvatarImageURL: avatarURL}
	}
	return &Player{Kind: KindPlayer, PlayerID: playerID, DisplayName: displayName, AvatarImageURL: avatarURL}, nil
}
