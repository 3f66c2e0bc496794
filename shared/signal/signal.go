// Package signal holds the rules of WebRTC signalling through rooms: what a signal may carry and
// who may send one to whom. A joined participant of a room sends offers, answers, ICE candidates
// and byes to another joined participant of the same room; OpenPlay stores each for its recipient
// to read, and forgets it after Retention. The rules are pure: the caller reads the room and
// stores the signal (see docs/realtime.md).
package signal

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/room"
)

// Type is what a signal carries.
type Type string

const (
	Offer     Type = "offer"     // an SDP offer
	Answer    Type = "answer"    // an SDP answer
	Candidate Type = "candidate" // an ICE candidate (or the end of candidates)
	Bye       Type = "bye"       // the sender closes its connection to the recipient
)

// Limits of a signal.
const (
	// MaxPayloadBytes bounds the payload: an SDP offer for two data channels is about 1 KiB,
	// a candidate a few hundred bytes.
	MaxPayloadBytes = 16 * 1024
	// MaxSeq bounds the sequence number, which is written zero-padded to ten digits in the
	// document ID so that IDs sort as the numbers do.
	MaxSeq = 1<<31 - 1
	// Retention is how long a signal is kept: long enough for a peer that was briefly away to
	// catch up, short enough that a room's signals never pile up (see infra/firestore.ttl.json).
	Retention = 10 * time.Minute
)

// Send is a signal as its sender asks for it.
type Send struct {
	To      string // the recipient's participant ID
	Type    Type
	Seq     int64 // numbers the sender's signals to this recipient in this room: 1, 2, 3, …
	Payload string
}

// Signal is a signal accepted for its recipient, which the store keeps under the recipient's
// player document.
type Signal struct {
	ID      string
	RoomID  string
	From    string // the sender's participant ID
	To      string // the recipient's participant ID
	Type    Type
	Seq     int64
	Payload string
	// SentAt is when the signal was stored (zero until then): the store has Firestore stamp it
	// at commit, so that it orders a recipient's signals as they became visible (the HTTP read
	// pages by it).
	SentAt   time.Time
	ExpireAt time.Time
}

// Validate checks a signal's own content.
func (s Send) Validate() error {
	switch {
	case s.To == "":
		return errs.E(errs.Invalid, "to", "name the recipient's participant ID")
	case s.Type != Offer && s.Type != Answer && s.Type != Candidate && s.Type != Bye:
		return errs.E(errs.Invalid, "type", "must be offer, answer, candidate or bye, got %q", s.Type)
	case s.Seq < 1 || s.Seq > MaxSeq:
		return errs.E(errs.Invalid, "seq", "must be a whole number from 1 to %d, got %d", MaxSeq, s.Seq)
	case len(s.Payload) > MaxPayloadBytes:
		return errs.E(errs.TooLarge, "payload", "at most %d bytes, got %d", MaxPayloadBytes, len(s.Payload))
	case !utf8.ValidString(s.Payload):
		return errs.E(errs.Invalid, "payload", "not valid UTF-8")
	case s.Type != Bye && s.Payload == "":
		return errs.E(errs.Invalid, "payload", "an %s carries a payload", s.Type)
	}
	return nil
}

// Address checks that the player senderID may send cmd in rm at now, and returns the signal to
// store and the player ID of its recipient. Only a joined participant may send, and only to
// another joined participant of the same room; anyone who is not in the room is told it does not
// exist, as the rooms API tells them. cmd is valid (see Validate, which decoding applies). rm is
// the room as read: its lapsed timers are applied to it first (a room past its deadline is not
// live, even before the sweeper stores that).
func Address(rm *room.Room, senderID string, cmd Send, now time.Time) (Signal, string, error) {
	rm.Refresh(now)
	from := rm.Participant(senderID)
	if from == nil {
		return Signal{}, "", errs.E(errs.NotFound, "roomId", "no room %q", rm.ID)
	}
	if rm.Status == room.Deleted {
		return Signal{}, "", errs.E(errs.Conflict, "roomId", "the room is deleted: every joined participant has left")
	}
	if from.Status != room.Joined {
		return Signal{}, "", errs.E(errs.Conflict, "roomId", "cannot send a signal: you are %s, not joined", from.Status)
	}
	to := rm.ParticipantByID(cmd.To)
	switch {
	case to == nil:
		return Signal{}, "", errs.E(errs.Invalid, "to", "no participant %q in this room", cmd.To)
	case to.ID == from.ID:
		return Signal{}, "", errs.E(errs.Invalid, "to", "a participant cannot signal itself")
	case to.Status != room.Joined:
		return Signal{}, "", errs.E(errs.Conflict, "to", "participant %q is %s, not joined", to.ID, to.Status)
	}
	return Signal{
		ID:       DocID(rm.ID, from.ID, cmd.Seq),
		RoomID:   rm.ID,
		From:     from.ID,
		To:       to.ID,
		Type:     cmd.Type,
		Seq:      cmd.Seq,
		Payload:  cmd.Payload,
		ExpireAt: now.Add(Retention),
	}, to.Player.ID, nil
}

// DocID names a signal's document: deterministic, so that a retried send lands on the same
// document, and sorted by room, sender and sequence number.
func DocID(roomID, from string, seq int64) string {
	return fmt.Sprintf("%s~%s~%010d", roomID, from, seq)
}

// SameContent reports whether two signals with the same ID say the same thing: a retry, as
// opposed to a second signal reusing a sequence number.
func SameContent(a, b Signal) bool {
	return a.To == b.To && a.Type == b.Type && a.Payload == b.Payload
}
