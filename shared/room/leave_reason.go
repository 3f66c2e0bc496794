package room

import "sort"

// LeaveReason is why a participant left, as the RoomParticipant resource names it.
type LeaveReason string

const (
	PlayerLeft            LeaveReason = "PLAYER_LEFT"
	GameLeft              LeaveReason = "GAME_LEFT"
	Abandoned             LeaveReason = "ABANDONED"
	PeerConnectionFailure LeaveReason = "PEER_CONNECTION_FAILURE"
	ServerError           LeaveReason = "SERVER_ERROR"
	Timeout               LeaveReason = "TIMEOUT"
	PresenceFailure       LeaveReason = "PRESENCE_FAILURE"
)

// leaveReasons maps the reasons a leave request may give (RoomLeaveRequest.reason) to the reason
// the room shows (RoomParticipant.leaveReason). The request has finer reasons than the resource;
// each lands on the resource reason that describes the same outcome for the other players:
//
//	PLAYER_LEFT, REALTIME_SIGN_OUT                    → PLAYER_LEFT (the player chose to go)
//	GAME_LEFT                                         → GAME_LEFT
//	REALTIME_ABANDONED, REALTIME_CLIENT_DISCONNECTING,
//	REALTIME_GAME_CRASHED, REALTIME_ROOM_SERVICE_CRASHED,
//	REALTIME_DIFFERENT_CLIENT_ROOM_OPERATION,
//	REALTIME_SAME_CLIENT_ROOM_OPERATION               → ABANDONED (gone without an orderly exit)
//	REALTIME_PEER_CONNECTION_FAILURE                  → PEER_CONNECTION_FAILURE
//	REALTIME_SERVER_CONNECTION_FAILURE                → PRESENCE_FAILURE (the server connection broke)
//	REALTIME_SERVER_ERROR                             → SERVER_ERROR
//	REALTIME_TIMEOUT                                  → TIMEOUT
//
// A request without a reason is PLAYER_LEFT.
var leaveReasons = map[string]LeaveReason{
	"PLAYER_LEFT":                              PlayerLeft,
	"REALTIME_SIGN_OUT":                        PlayerLeft,
	"GAME_LEFT":                                GameLeft,
	"REALTIME_ABANDONED":                       Abandoned,
	"REALTIME_CLIENT_DISCONNECTING":            Abandoned,
	"REALTIME_GAME_CRASHED":                    Abandoned,
	"REALTIME_ROOM_SERVICE_CRASHED":            Abandoned,
	"REALTIME_DIFFERENT_CLIENT_ROOM_OPERATION": Abandoned,
	"REALTIME_SAME_CLIENT_ROOM_OPERATION":      Abandoned,
	"REALTIME_PEER_CONNECTION_FAILURE":         PeerConnectionFailure,
	"REALTIME_SERVER_CONNECTION_FAILURE":       PresenceFailure,
	"REALTIME_SERVER_ERROR":                    ServerError,
	"REALTIME_TIMEOUT":                         Timeout,
}

// LeaveReasonFor maps a leave request's reason; ok is false for an unknown reason.
func LeaveReasonFor(requestReason string) (reason LeaveReason, ok bool) {
	if requestReason == "" {
		return PlayerLeft, true
	}
	reason, ok = leaveReasons[requestReason]
	return reason, ok
}

// RequestLeaveReasons lists the reasons a leave request may give, sorted, for error messages.
func RequestLeaveReasons() []string {
	names := make([]string, 0, len(leaveReasons))
	for k := range leaveReasons {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
