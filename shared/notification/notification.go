// Package notification is what OpenPlay tells players: invitations and, later, turns and session
// changes. A Notification is created by a domain rule, written to the outbox in the same
// transaction as the state change that owes it, and published to its topic after commit.
package notification

import "time"

// Topic names. One Pub/Sub topic per family of notifications.
const (
	TopicInvitations = "openplay-invitations"  // invitations to rooms and matches
	TopicTurns       = "openplay-turns"        // turn-based play: your turn, completed, canceled, rematch
	TopicRoomUpdates = "openplay-room-updates" // real-time rooms: a participant's or the room's status changed
	// TopicSessionChanges carries MPSD-style shoulder taps: a session a member subscribed to changed.
	TopicSessionChanges = "openplay-session-changes"
)

// Topics lists every topic the instance publishes to; the emulator start-up and the deploy
// create exactly these.
var Topics = []string{TopicInvitations, TopicTurns, TopicRoomUpdates, TopicSessionChanges}

// Type says what happened.
type Type string

const (
	RoomInvitation   Type = "ROOM_INVITATION"    // a player invited you to a real-time room
	RoomStatus       Type = "ROOM_STATUS"        // the room's or a participant's status changed
	MatchInvitation  Type = "MATCH_INVITATION"   // the turn reached you in a match you were invited to
	MatchTurn        Type = "MATCH_TURN"         // it is your turn
	MatchCompleted   Type = "MATCH_COMPLETED"    // the match is over: finish it with your results
	MatchCanceled    Type = "MATCH_CANCELED"     // a player canceled the match
	MatchRematch     Type = "MATCH_REMATCH"      // a player asked for a rematch; you are invited to it
	MatchTimedOut    Type = "MATCH_TIMED_OUT"    // your turn or invitation ran out; the match went on without you
	MatchExpired     Type = "MATCH_EXPIRED"      // the match ended because a timer ran out (turn, invitation or auto-match)
	MatchAutoMatched Type = "MATCH_AUTO_MATCHED" // auto-matching placed you in this match (the matcher moved you there)
	RoomAutoMatched  Type = "ROOM_AUTO_MATCHED"  // auto-matching placed you in this room (the matcher moved you there)
	SessionChange    Type = "SESSION_CHANGE"     // a session you subscribed to changed (a shoulder tap)
	SessionInvite    Type = "SESSION_INVITE"     // a member of a session invited you to it (an invite handle)
)

// Invitation reports whether t invites its recipient into a game from outside it: a room, a
// match or a session that someone else chose to invite them to. These are what a player's
// inbox takes a limited number of (docs/notifications.md). A rematch is not among them: it
// invites the players of a match they just played to its end.
func (t Type) Invitation() bool {
	return t == RoomInvitation || t == MatchInvitation || t == SessionInvite
}

// Notification is one message for one player, as Pub/Sub carries it (the store keeps it in
// documents of its own). ID is deterministic (derived from the resource, its version and the
// recipient) so that a retried transaction or a re-publish never makes a second, different
// notification; consumers dedupe by ID.
type Notification struct {
	ID            string `json:"id"`
	Topic         string `json:"-"`
	Type          Type   `json:"type"`
	Recipient     string `json:"recipient"`
	ApplicationID string `json:"applicationId"`
	RoomID        string `json:"roomId,omitempty"`
	MatchID       string `json:"matchId,omitempty"`
	// SessionRef is the MPSD session it concerns, as "scid~template~name"; Branch and
	// ChangeTypes complete a shoulder tap (Version is then the session's changeNumber).
	SessionRef  string    `json:"sessionRef,omitempty"`
	Branch      string    `json:"branch,omitempty"`
	ChangeTypes []string  `json:"changeTypes,omitempty"`
	Version     int64     `json:"version,string"`
	CreatedAt   time.Time `json:"createdAt"`
	// Text is a fixed line for what happened, which a push sender can show as is ("You are
	// invited to a real-time game"): it never carries what a player wrote.
	Text string `json:"text,omitempty"`
	// SenderName is the display name of the player whose call the notification reports (who
	// invited, took the turn, canceled…), cleaned where the profile was made
	// (player.CleanDisplayName); empty when no player's call caused it (a timer) or the player
	// has no name. It is data, for a client to show as plain text, never as markup or a link.
	SenderName string `json:"senderName,omitempty"`
}
