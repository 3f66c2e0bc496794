package signal

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
)

var (
	t0    = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	ana   = player.Profile{ID: "ana", DisplayName: "Ana"}
	ben   = player.Profile{ID: "ben", DisplayName: "Ben"}
	chloe = player.Profile{ID: "chloe", DisplayName: "Chloe"}
)

// threeJoined is Ana's room (p_1) that Ben (p_2) joined; Chloe (p_3) is still invited.
func threeJoined(t *testing.T) *room.Room {
	t.Helper()
	rm, _, err := room.New(room.Create{Create: game.Create{ID: "r1", ApplicationID: "app", Creator: ana,
		Invitees: []player.Profile{ben, chloe}, Timeouts: application.Defaults.Timeouts}}, t0)
	require.NoError(t, err)
	_, err = rm.Join(ben, room.Client{}, t0)
	require.NoError(t, err)
	return rm
}

func TestValidate(t *testing.T) {
	ok := Send{To: "p_2", Type: Offer, Seq: 1, Payload: "v=0"}
	require.NoError(t, ok.Validate())
	require.NoError(t, Send{To: "p_2", Type: Bye, Seq: MaxSeq}.Validate(), "a bye needs no payload")
	for _, tt := range []struct {
		name  string
		edit  func(*Send)
		kind  errs.Kind
		field string
	}{
		{"no recipient", func(s *Send) { s.To = "" }, errs.Invalid, "to"},
		{"unknown type", func(s *Send) { s.Type = "hello" }, errs.Invalid, "type"},
		{"no type", func(s *Send) { s.Type = "" }, errs.Invalid, "type"},
		{"seq 0", func(s *Send) { s.Seq = 0 }, errs.Invalid, "seq"},
		{"negative seq", func(s *Send) { s.Seq = -4 }, errs.Invalid, "seq"},
		{"seq too large", func(s *Send) { s.Seq = MaxSeq + 1 }, errs.Invalid, "seq"},
		{"payload too large", func(s *Send) { s.Payload = strings.Repeat("a", MaxPayloadBytes+1) }, errs.TooLarge, "payload"},
		{"payload not UTF-8", func(s *Send) { s.Payload = "\xff" }, errs.Invalid, "payload"},
		{"empty offer", func(s *Send) { s.Payload = "" }, errs.Invalid, "payload"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := ok
			tt.edit(&s)
			err := s.Validate()
			assert.True(t, errs.Is(err, tt.kind), "%v is not %s", err, tt.kind)
			assert.ErrorContains(t, err, tt.field+": ")
		})
	}
	assert.NoError(t, Send{To: "p_2", Type: Candidate, Seq: 2, Payload: strings.Repeat("a", MaxPayloadBytes)}.Validate(), "exactly the limit")
}

func TestAddress(t *testing.T) {
	rm := threeJoined(t)
	sig, recipient, err := Address(rm, "ana", Send{To: "p_2", Type: Offer, Seq: 7, Payload: "v=0"}, t0)
	require.NoError(t, err)
	assert.Equal(t, "ben", recipient)
	assert.Equal(t, Signal{ID: "r1~p_1~0000000007", RoomID: "r1", From: "p_1", To: "p_2", Type: Offer, Seq: 7, Payload: "v=0",
		ExpireAt: t0.Add(Retention)}, sig)

	left := threeJoined(t)
	_, err = left.Leave("ben", room.Leave{}, t0)
	require.NoError(t, err)
	deleted := threeJoined(t)
	_, err = deleted.Leave("ben", room.Leave{}, t0)
	require.NoError(t, err)
	_, err = deleted.Decline("chloe", t0)
	require.NoError(t, err)
	_, err = deleted.Leave("ana", room.Leave{}, t0)
	require.NoError(t, err)
	require.Equal(t, room.Deleted, deleted.Status)
	lapsed := threeJoined(t) // Chloe's invitation lapses after application.Defaults.Timeouts.Invitation; then the room connects
	lapsedAt := t0.Add(application.Defaults.Timeouts.Invitation + application.Defaults.Timeouts.RoomConnection + time.Minute)

	for _, tt := range []struct {
		name   string
		rm     *room.Room
		sender string
		to     string
		at     time.Time
		kind   errs.Kind
		field  string
	}{
		{"an outsider", threeJoined(t), "dan", "p_2", t0, errs.NotFound, "roomId"},
		{"an invitee who has not joined", threeJoined(t), "chloe", "p_1", t0, errs.Conflict, "roomId"},
		{"to an invitee who has not joined", threeJoined(t), "ana", "p_3", t0, errs.Conflict, "to"},
		{"to no such participant", threeJoined(t), "ana", "p_9", t0, errs.Invalid, "to"},
		{"to itself", threeJoined(t), "ana", "p_1", t0, errs.Invalid, "to"},
		{"after leaving", left, "ben", "p_1", t0, errs.Conflict, "roomId"},
		{"to a player who left", left, "ana", "p_2", t0, errs.Conflict, "to"},
		{"in a deleted room", deleted, "ana", "p_2", t0, errs.Conflict, "roomId"},
		{"in a room its timers deleted", lapsed, "ana", "p_2", lapsedAt, errs.Conflict, "roomId"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Address(tt.rm, tt.sender, Send{To: tt.to, Type: Candidate, Seq: 1, Payload: "c"}, tt.at)
			assert.True(t, errs.Is(err, tt.kind), "%v is not %s", err, tt.kind)
			assert.ErrorContains(t, err, tt.field+": ")
		})
	}
}

func TestDocIDsSortAsSequenceNumbers(t *testing.T) {
	assert.Less(t, DocID("r", "p_1", 9), DocID("r", "p_1", 10))
	assert.Less(t, DocID("r", "p_1", MaxSeq-1), DocID("r", "p_1", MaxSeq))
}

func TestSameContent(t *testing.T) {
	a := Signal{To: "p_2", Type: Offer, Payload: "v=0", ExpireAt: t0}
	later := a
	later.ExpireAt = t0.Add(time.Minute)
	assert.True(t, SameContent(a, later), "a retry stamped later is the same signal")
	other := a
	other.Payload = "v=1"
	assert.False(t, SameContent(a, other))
}
