package room

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/seating"
)

// partial is Ana's seed for four with the players placed in it.
func partial(t *testing.T, id string, placed ...string) *Room {
	t.Helper()
	r := seedRoom(t, id, ana, 4)
	for _, p := range placed {
		_, err := r.Place("app", seekerOf(player.Profile{ID: p, DisplayName: p}, 4, 0), Client{XmppAddress: p + "@x"}, false, t0)
		require.NoError(t, err, "placing %s", p)
	}
	return r
}

func TestMovers(t *testing.T) {
	tests := []struct {
		name   string
		room   func() *Room
		at     time.Duration
		movers []string
	}{
		{"a lone seed", func() *Room { return partial(t, "r") }, 0, []string{"ana"}},
		{"a seed players only joined", func() *Room { return partial(t, "r", "ben", "chloe") }, 0, []string{"ana", "ben", "chloe"}},
		{"a connection reported", func() *Room {
			r := partial(t, "r", "ben")
			_, err := r.ReportStatus("ben", []PeerUpdate{{ParticipantID: "p_1", Report: PeerReport{Status: ConnectionEstablished}}}, t0)
			require.NoError(t, err)
			return r
		}, 0, nil},
		{"a player left", func() *Room {
			r := partial(t, "r", "ben", "chloe")
			_, err := r.Leave("chloe", Leave{Reason: PlayerLeft}, t0)
			require.NoError(t, err)
			return r
		}, 0, nil},
		{"full", func() *Room { return partial(t, "r", "ben", "chloe", "dan") }, 0, nil},
		{"its slots lapsed", func() *Room { return partial(t, "r", "ben") }, 25 * time.Hour, nil},
		{"made with an invitee", func() *Room {
			r, _, err := New(Create{ID: "r", ApplicationID: "app", Creator: ana, Invitees: []player.Profile{ben},
				AutoMatching: &seating.AutoMatch{Min: 1, Max: 1}}, t0)
			require.NoError(t, err)
			return r
		}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range tt.room().Movers(t0.Add(tt.at)) {
				got = append(got, s.Player.ID)
			}
			assert.Equal(t, tt.movers, got)
		})
	}
}

func TestMoveIntoTakesEveryPlayer(t *testing.T) {
	from, into := partial(t, "b", "ben"), seedRoom(t, "c", chloe, 4)
	notes, err := from.MoveInto("app", into, t0)
	require.NoError(t, err)
	moved := 0
	for _, n := range notes {
		if n.Type == notification.RoomAutoMatched {
			moved++
			assert.Equal(t, "c", n.RoomID, "%s told the room they are in", n.Recipient)
		}
	}
	assert.Equal(t, 2, moved, "Ana and Ben each told where they went")
	assert.Len(t, into.Participants, 3)
	assert.Equal(t, 1, into.OpenSlots)
	assert.Equal(t, "ben@x", into.Participant("ben").XmppAddress, "Ben keeps the client he joined from")
	assert.Equal(t, Deleted, from.Status)
	assert.Equal(t, "c", from.MergedInto)
	assert.False(t, from.Seeking)
	for _, p := range from.Participants {
		assert.Equal(t, Left, p.Status, "%s left the seed", p.Player.ID)
		assert.True(t, p.Dismissed, "%s dismissed the seed", p.Player.ID)
	}
	_, err = from.MoveInto("app", into, t0)
	wantErr(t, err, errs.Conflict, "no longer a seed")
}

func TestMoveIntoRefusals(t *testing.T) {
	tests := []struct {
		name       string
		from, into func() *Room
		fragment   string
	}{
		{"no slots for all", func() *Room { return partial(t, "a", "ben") }, func() *Room { return partial(t, "b", "chloe", "dan") }, "no slots for 2"},
		{"another pool", func() *Room { return partial(t, "a", "ben") }, func() *Room { return seedRoom(t, "b", chloe, 3) }, "different pools"},
		{"itself", func() *Room { return partial(t, "a", "ben") }, nil, "itself"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := tt.from()
			into := from
			if tt.into != nil {
				into = tt.into()
			}
			before := from.Version
			_, err := from.MoveInto("app", into, t0)
			wantErr(t, err, errs.Conflict, tt.fragment)
			assert.Equal(t, before, from.Version, "a refused move changed the seed")
		})
	}
}
