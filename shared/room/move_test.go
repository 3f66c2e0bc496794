package room

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// partial is Ana's seed for four with the players placed in it.
func partial(t *testing.T, id string, placed ...string) *Room {
	t.Helper()
	r := seedRoom(t, id, ana, 4)
	for _, p := range placed {
		_, err := r.Place("app", seekerOf(player.Profile{ID: p, DisplayName: p}, 4, 0), Client{XMPPAddress: p + "@x"}, false, t0)
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
			r, _, err := New(Create{Create: game.Create{ID: "r", ApplicationID: "app", Creator: ana,
				Invitees: []player.Profile{ben}, AutoMatching: &game.AutoMatch{Min: 1, Max: 1}}}, t0)
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
	moved, err := from.MoveInto("app", into, t0)
	require.NoError(t, err)
	assert.Equal(t, []string{"ana", "ben"}, moved.Players, "every player, in the order they came")
	assert.True(t, moved.Whole)
	told := 0
	for _, n := range moved.Notes {
		if n.Type == notification.RoomAutoMatched {
			told++
			assert.Equal(t, "c", n.RoomID, "%s told the room they are in", n.Recipient)
		}
	}
	assert.Equal(t, 2, told, "Ana and Ben each told where they went")
	assert.Len(t, into.Participants, 3)
	assert.Equal(t, 1, into.OpenSlots)
	assert.Equal(t, "ben@x", into.Participant("ben").XMPPAddress, "Ben keeps the client he joined from")
	assert.Equal(t, Deleted, from.Status)
	assert.Equal(t, "c", from.MergedInto)
	assert.False(t, from.Seeking())
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

// TestSpillMendsThreeThreeTwo: rooms of four holding 3, 3 and 2 players, which no whole move
// mends, become two full rooms: one of the two goes to each three, and the room left empty is
// then moved whole (its last player) and deleted.
func TestSpillMendsThreeThreeTwo(t *testing.T) {
	a := partial(t, "a", "a2", "a3")
	b := partial(t, "b", "b2", "b3")
	c := partial(t, "c", "c2")
	a.Participants[0].Player.ID, b.Participants[0].Player.ID = "a1", "b1" // partial seeds them all with Ana
	_, err := c.MoveInto("app", a, t0)
	require.Error(t, err, "two players into a room with one slot")

	moved, err := c.SpillInto("app", a, 1, t0)
	require.NoError(t, err)
	assert.Equal(t, []string{"c2"}, moved.Players, "the last to come moves")
	assert.False(t, moved.Whole, "c goes on waiting")
	assert.Zero(t, a.Vacant(), "a is full")
	assert.Equal(t, 3, c.Vacant(), "c waits with its creator alone")
	told := map[string]notification.Type{}
	for _, n := range moved.Notes {
		told[n.Recipient+"~"+n.RoomID] = n.Type
	}
	assert.Equal(t, notification.RoomAutoMatched, told["c2~a"], "c2 told where they went")
	assert.Equal(t, notification.RoomStatus, told["ana~c"], "the creator who stays told the room changed")
	assert.NotContains(t, told, "c2~c", "c2 not told about the room they left")
	assert.Equal(t, "a", c.Participant("c2").MovedTo)
	assert.Equal(t, Left, c.Participant("c2").Status)

	_, err = c.SpillInto("app", b, 1, t0)
	require.Error(t, err, "one player into a room with one slot moves whole, not spilled")
	_, err = c.MoveInto("app", b, t0)
	require.NoError(t, err, "the last of c into b")
	assert.Zero(t, b.Vacant(), "b is full")
	assert.Equal(t, Deleted, c.Status, "c, left empty, is deleted")
	assert.Equal(t, "b", c.MergedInto)
}

// TestSpilledPlayersRoleIsFree: a role (an exclusive bitmask) belongs to the player in the seat;
// once the matcher spills them into a fuller room, a newcomer of that role may take the seat.
func TestSpilledPlayersRoleIsFree(t *testing.T) {
	a, c := partial(t, "a", "a2", "a3"), seedRoom(t, "c", ana, 4)
	_, err := c.Place("app", seekerOf(player.Profile{ID: "c2", DisplayName: "c2"}, 4, 0b1), Client{}, false, t0)
	require.NoError(t, err)
	newcomer := seekerOf(dan, 4, 0b1)
	wantErr(t, c.CanPlace("app", newcomer, t0), errs.Conflict, "exclusiveBitmask")

	_, err = c.SpillInto("app", a, 1, t0)
	require.NoError(t, err)
	require.Equal(t, Left, c.Participant("c2").Status, "c2 spilled")
	assert.NoError(t, c.CanPlace("app", newcomer, t0), "c2's seat and role are free")
}

// TestCreatorsRoleIsFreeOnceTheyLeave: the role the creator asked for is held while they are in
// the room; once they leave, a newcomer of that role may join the players still waiting.
func TestCreatorsRoleIsFreeOnceTheyLeave(t *testing.T) {
	r := partial(t, "r", "ben")
	r.AutoMatching.ExclusiveBitmask = 0b10
	newcomer := seekerOf(dan, 3, 0b10)
	_, err := r.Leave("ana", Leave{Reason: "PLAYER_LEFT"}, t0)
	require.NoError(t, err)
	assert.NoError(t, r.CanPlace("app", newcomer, t0), "Ana's role is free")
	r.Participant("ana").Status = Joined // as if she had stayed
	wantErr(t, r.CanPlace("app", seekerOf(dan, 4, 0b10), t0), errs.Conflict, "exclusiveBitmask")
}

func TestSpillOnlyFillsAFullerRoom(t *testing.T) {
	a, c := partial(t, "a", "a2", "a3"), partial(t, "c", "c2")
	_, err := a.SpillInto("app", c, 2, t0)
	assert.True(t, errs.Is(err, errs.Conflict), "three players towards a room of two: %v", err)
	_, err = c.SpillInto("app", a, 2, t0)
	assert.True(t, errs.Is(err, errs.Conflict), "more than the room has slots for: %v", err)
	connected := partial(t, "d", "d2", "d3")
	_, err = connected.ReportStatus("d2", []PeerUpdate{{ParticipantID: "p_1", Report: PeerReport{Status: ConnectionEstablished}}}, t0)
	require.NoError(t, err)
	_, err = c.SpillInto("app", connected, 1, t0)
	require.NoError(t, err, "into a room whose players connected: it only takes them")
	_, err = connected.SpillInto("app", a, 1, t0)
	assert.True(t, errs.Is(err, errs.Conflict), "out of a room whose players connected: %v", err)
}
