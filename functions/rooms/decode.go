package rooms

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/room"
)

// Limits on what a client may send; generous for real clients, small enough to keep a room
// document (which holds everything its participants sent) far below Firestore's 1 MiB.
const (
	maxCapabilities = 16
	maxShortText    = 256
	maxPeerSessions = game.MaxPlayers
	maxUpdates      = game.MaxPlayers
)

// createRequest is a validated rooms.create body.
type createRequest struct {
	game.CreateRequest
	client room.Client
}

func decodeCreate(body []byte) (createRequest, error) {
	var req gamesv1.RoomCreateRequest
	if err := httpapi.DecodeBytes(body, &req); err != nil {
		return createRequest{}, err
	}
	client, err := decodeClient(req.Capabilities, req.ClientAddress, req.NetworkDiagnostics)
	err = errors.Join(httpapi.CheckKind("kind", req.Kind, gamesv1.KindRoomCreateRequest), err)
	out := createRequest{CreateRequest: games.NewCreateRequest(req.InvitedPlayerIDs, req.Variant, req.RequestID), client: client}
	if c := req.AutoMatchingCriteria; c != nil && err == nil {
		out.Auto, err = games.DecodeAutoMatch(c.Kind, gamesv1.KindRoomAutoMatchingCriteria,
			c.MinAutoMatchingPlayers, c.MaxAutoMatchingPlayers, c.ExclusiveBitmask)
	}
	return out, httpapi.FirstError(err)
}

func decodeJoin(body []byte) (room.Client, error) {
	var req gamesv1.RoomJoinRequest
	if err := httpapi.DecodeBytes(body, &req); err != nil {
		return room.Client{}, err
	}
	client, err := decodeClient(req.Capabilities, req.ClientAddress, req.NetworkDiagnostics)
	return client, httpapi.FirstError(errors.Join(httpapi.CheckKind("kind", req.Kind, gamesv1.KindRoomJoinRequest), err))
}

// decodeClient validates what a device says about itself on create and join.
func decodeClient(capabilities []string, addr *gamesv1.RoomClientAddress, diag *gamesv1.NetworkDiagnostics) (room.Client, error) {
	var err error
	if len(capabilities) > maxCapabilities {
		err = errs.E(errs.Invalid, "capabilities", "at most %d entries, got %d", maxCapabilities, len(capabilities))
	}
	for i, c := range capabilities {
		field := fmt.Sprintf("capabilities[%d]", i)
		if c == "" {
			err = errors.Join(err, errs.E(errs.Invalid, field, "must not be empty"))
		}
		err = errors.Join(err, httpapi.CheckString(field, c, maxShortText))
	}
	client := room.Client{Capabilities: capabilities}
	if addr != nil {
		err = errors.Join(err, httpapi.CheckKind("clientAddress.kind", addr.Kind, gamesv1.KindRoomClientAddress),
			httpapi.CheckString("clientAddress.xmppAddress", addr.XmppAddress, maxShortText))
		client.XMPPAddress = addr.XmppAddress
	}
	if diag != nil {
		err = errors.Join(err,
			httpapi.CheckKind("networkDiagnostics.kind", diag.Kind, gamesv1.KindNetworkDiagnostics),
			httpapi.CheckString("networkDiagnostics.networkOperatorCode", diag.NetworkOperatorCode, maxShortText),
			httpapi.CheckString("networkDiagnostics.networkOperatorName", diag.NetworkOperatorName, maxShortText),
			httpapi.CheckNonNegative("networkDiagnostics.registrationLatencyMillis", diag.RegistrationLatencyMillis))
		client.NetworkDiagnostics = compactJSON(diag)
	}
	return client, err
}

func decodeLeave(body []byte) (room.Leave, error) {
	var req gamesv1.RoomLeaveRequest
	if err := httpapi.DecodeBytes(body, &req); err != nil {
		return room.Leave{}, err
	}
	err := httpapi.CheckKind("kind", req.Kind, gamesv1.KindRoomLeaveRequest)
	reason, ok := room.LeaveReasonFor(req.Reason)
	if !ok {
		err = errors.Join(err, errs.E(errs.Invalid, "reason", "unknown value %q; want one of %s", req.Reason, strings.Join(room.RequestLeaveReasons(), ", ")))
	}
	out := room.Leave{Reason: reason}
	if d := req.LeaveDiagnostics; d != nil {
		err = errors.Join(err,
			httpapi.CheckKind("leaveDiagnostics.kind", d.Kind, gamesv1.KindRoomLeaveDiagnostics),
			httpapi.CheckString("leaveDiagnostics.networkOperatorCode", d.NetworkOperatorCode, maxShortText),
			httpapi.CheckString("leaveDiagnostics.networkOperatorName", d.NetworkOperatorName, maxShortText))
		if len(d.PeerSession) > maxPeerSessions {
			err = errors.Join(err, errs.E(errs.Invalid, "leaveDiagnostics.peerSession", "at most %d entries, got %d", maxPeerSessions, len(d.PeerSession)))
		}
		for i, s := range d.PeerSession {
			field := fmt.Sprintf("leaveDiagnostics.peerSession[%d]", i)
			err = errors.Join(err, httpapi.CheckKind(field+".kind", s.Kind, gamesv1.KindPeerSessionDiagnostics),
				httpapi.CheckNonNegative(field+".connectedTimestampMillis", s.ConnectedTimestampMillis),
				checkChannel(field+".reliableChannel", s.ReliableChannel),
				checkChannel(field+".unreliableChannel", s.UnreliableChannel))
			if s.ParticipantID == "" {
				err = errors.Join(err, errs.E(errs.Invalid, field+".participantId", "required"))
			}
			out.PeerIDs = append(out.PeerIDs, s.ParticipantID)
		}
		out.Diagnostics = compactJSON(d)
	}
	return out, httpapi.FirstError(err)
}

func checkChannel(field string, c *gamesv1.PeerChannelDiagnostics) error {
	if c == nil {
		return nil
	}
	return errors.Join(httpapi.CheckKind(field+".kind", c.Kind, gamesv1.KindPeerChannelDiagnostics),
		httpapi.CheckNonNegative(field+".numMessagesLost", c.NumMessagesLost),
		httpapi.CheckNonNegative(field+".numMessagesReceived", c.NumMessagesReceived),
		httpapi.CheckNonNegative(field+".numMessagesSent", c.NumMessagesSent),
		httpapi.CheckNonNegative(field+".numSendFailures", c.NumSendFailures),
		checkStats(field+".bytesReceived", c.BytesReceived),
		checkStats(field+".bytesSent", c.BytesSent),
		checkStats(field+".roundtripLatencyMillis", c.RoundtripLatencyMillis))
}

func checkStats(field string, s *gamesv1.AggregateStats) error {
	if s == nil {
		return nil
	}
	return errors.Join(httpapi.CheckKind(field+".kind", s.Kind, gamesv1.KindAggregateStats),
		httpapi.CheckNonNegative(field+".count", s.Count), httpapi.CheckNonNegative(field+".max", s.Max),
		httpapi.CheckNonNegative(field+".min", s.Min), httpapi.CheckNonNegative(field+".sum", s.Sum))
}

var (
	peerStatuses = []string{string(room.ConnectionEstablished), string(room.ConnectionFailed)}
	peerErrors   = []string{"P2P_FAILED", "PRESENCE_FAILED", "RELAY_SERVER_FAILED"}
)

func decodeReportStatus(body []byte) ([]room.PeerUpdate, error) {
	var req gamesv1.RoomP2PStatuses
	if err := httpapi.DecodeBytes(body, &req); err != nil {
		return nil, err
	}
	err := httpapi.CheckKind("kind", req.Kind, gamesv1.KindRoomP2PStatuses)
	if len(req.Updates) > maxUpdates {
		err = errors.Join(err, errs.E(errs.Invalid, "updates", "at most %d entries, got %d", maxUpdates, len(req.Updates)))
	}
	updates := make([]room.PeerUpdate, 0, len(req.Updates))
	for i, u := range req.Updates {
		field := fmt.Sprintf("updates[%d]", i)
		err = errors.Join(err, httpapi.CheckKind(field+".kind", u.Kind, gamesv1.KindRoomP2PStatus),
			oneOf(field+".status", u.Status, peerStatuses, true),
			oneOf(field+".error", u.Error, peerErrors, false),
			httpapi.CheckString(field+".error_reason", u.ErrorReason, maxShortText),
			httpapi.CheckNonNegative(field+".connectionSetupLatencyMillis", u.ConnectionSetupLatencyMillis),
			httpapi.CheckNonNegative(field+".unreliableRoundtripLatencyMillis", u.UnreliableRoundtripLatencyMillis))
		if u.ParticipantID == "" {
			err = errors.Join(err, errs.E(errs.Invalid, field+".participantId", "required"))
		}
		updates = append(updates, room.PeerUpdate{ParticipantID: u.ParticipantID, Report: room.PeerReport{
			Status: room.PeerStatus(u.Status), Error: u.Error, ErrorReason: u.ErrorReason,
			ConnectionSetupLatencyMillis: u.ConnectionSetupLatencyMillis, UnreliableRoundtripLatencyMillis: u.UnreliableRoundtripLatencyMillis,
		}})
	}
	return updates, httpapi.FirstError(err)
}

func oneOf(field, got string, allowed []string, required bool) error {
	if got == "" && !required {
		return nil
	}
	for _, a := range allowed {
		if got == a {
			return nil
		}
	}
	if got == "" {
		return errs.E(errs.Invalid, field, "required; one of %s", strings.Join(allowed, ", "))
	}
	return errs.E(errs.Invalid, field, "unknown value %q; want one of %s", got, strings.Join(allowed, ", "))
}

// compactJSON is how diagnostics are kept: the validated object, as compact JSON.
func compactJSON(v any) string {
	b, _ := json.Marshal(v) // the types are plain data; Marshal cannot fail on them
	return string(b)
}
