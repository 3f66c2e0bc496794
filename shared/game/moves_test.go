package game_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// forFour is player id auto-matching alone for a game of four.
func forFour(id string) game.Seeker {
	return game.Seeker{Player: player.Profile{ID: id}, Criteria: game.AutoMatch{Min: 3, Max: 3}}
}

// seedFor is the command of the first player's seed for four.
func seedFor(id string, players []string) game.Create {
	return game.Create{ID: id, ApplicationID: "app", Creator: player.Profile{ID: players[0]},
		AutoMatching: &game.AutoMatch{Min: 3, Max: 3}, Timeouts: application.Defaults.Timeouts}
}

// seedRoom is a seed for four that the players joined, the first making it.
func seedRoom(t *testing.T, id string, players ...string) *room.Room {
	t.Helper()
	r, _, err := room.New(room.Create{Create: seedFor(id, players)}, t0)
	require.NoError(t, err)
	for _, p := range players[1:] {
		_, err := r.Place("app", forFour(p), room.Client{}, false, t0)
		require.NoError(t, err, "placing %s", p)
	}
	return r
}

// seedMatch is a seed for four that the players joined, the first making it, each passing the
// turn to the slot after them (so the matcher may still move them).
func seedMatch(t *testing.T, id string, players ...string) *match.Match {
	t.Helper()
	m, err := match.New(match.Create{Create: seedFor(id, players)}, t0)
	require.NoError(t, err)
	toSlot := func() {
		_, err := m.TakeTurn(m.ParticipantByID(m.PendingParticipantID).Player.ID, match.Turn{Version: m.Version}, t0)
		require.NoError(t, err)
	}
	toSlot()
	for _, p := range players[1:] {
		_, err := m.Place("app", forFour(p), false, t0)
		require.NoError(t, err, "placing %s", p)
		toSlot()
	}
	return m
}

func describe[G game.Game[G]](moves []game.Move[G]) []string {
	var out []string
	for _, m := range moves {
		out = append(out, fmt.Sprintf("%s: %d, whole %v", m.Into.GameID(), m.N, m.Whole))
	}
	return out
}

// TestMovesFillTheFullestFirstAndOnlyRoomsSpill: two players of a seed for four go whole into
// the game they fill best (two open slots, then three), and, rooms only, one of them into the
// room with a single slot.
func TestMovesFillTheFullestFirstAndOnlyRoomsSpill(t *testing.T) {
	rooms := []*room.Room{seedRoom(t, "a", "a1", "a2", "a3"), seedRoom(t, "b", "b1"), seedRoom(t, "c", "c1", "c2"),
		seedRoom(t, "d", "d1", "d2")}
	moves := game.Moves("app", rooms[2], rooms, t0)
	assert.Equal(t, []string{"d: 2, whole true", "b: 2, whole true", "a: 1, whole false"}, describe(moves))

	matches := []*match.Match{seedMatch(t, "a", "a1", "a2", "a3"), seedMatch(t, "b", "b1"), seedMatch(t, "c", "c1", "c2"),
		seedMatch(t, "d", "d1", "d2")}
	assert.Equal(t, []string{"d: 2, whole true", "b: 2, whole true"}, describe(game.Moves("app", matches[2], matches, t0)),
		"matches move only whole")

	assert.Empty(t, game.Moves("app", rooms[0], rooms[:1], t0), "a game never moves into itself")
}

func TestMakeSpillsOrMovesWhole(t *testing.T) {
	rooms := []*room.Room{seedRoom(t, "a", "a1", "a2", "a3"), seedRoom(t, "c", "c1", "c2"), seedRoom(t, "d", "d1", "d2")}
	from := rooms[1]
	moves := game.Moves("app", from, rooms[:2], t0)
	require.Len(t, moves, 1)
	moved, err := moves[0].Make(from, "app", rooms[0], t0)
	require.NoError(t, err)
	assert.Equal(t, []string{"c2"}, moved.Players, "the last to come spills")
	assert.False(t, moved.Whole)
	assert.Zero(t, rooms[0].Vacant(), "the room spilled into is full")

	moves = game.Moves("app", from, rooms, t0)
	require.NotEmpty(t, moves)
	moved, err = moves[0].Make(from, "app", moves[0].Into, t0)
	require.NoError(t, err)
	assert.Equal(t, []string{"c1"}, moved.Players, "the one left moves whole")
	assert.True(t, moved.Whole)
	assert.Equal(t, "d", moves[0].Into.GameID())
}

// TestMakeRefusesToSplitAMatch: a partial move made by hand for a kind that moves only whole is a
// conflict, and changes neither game.
func TestMakeRefusesToSplitAMatch(t *testing.T) {
	from, into := seedMatch(t, "c", "c1", "c2"), seedMatch(t, "a", "a1", "a2", "a3")
	before, intoBefore := from.StateVersion(), into.StateVersion()
	_, err := game.Move[*match.Match]{Into: into, N: 1}.Make(from, "app", into, t0)
	assert.True(t, errs.Is(err, errs.Conflict), "err = %v", err)
	assert.Equal(t, before, from.StateVersion())
	assert.Equal(t, intoBefore, into.StateVersion())
}

// TestStuckPools: a changed game made since counts when it has slots but its players may not
// move (here a player reported a connection), once per pool; a movable game, a full one, one
// without auto-matching and one made before since do not.
func TestStuckPools(t *testing.T) {
	movable, full := seedRoom(t, "movable", "ana"), seedRoom(t, "full", "a", "b", "c", "d")
	connected := seedRoom(t, "connected", "ben", "chloe")
	_, err := connected.ReportStatus("ben", []room.PeerUpdate{{ParticipantID: "p_2", Report: room.PeerReport{Status: room.ConnectionEstablished}}}, t0)
	require.NoError(t, err)
	again := seedRoom(t, "again", "dan", "eve")
	_, err = again.ReportStatus("dan", []room.PeerUpdate{{ParticipantID: "p_2", Report: room.PeerReport{Status: room.ConnectionEstablished}}}, t0)
	require.NoError(t, err)
	require.Empty(t, connected.Movers(t0), "a player reported a connection")
	invited, _, err := room.New(room.Create{Create: game.Create{ID: "invited", ApplicationID: "app", Creator: player.Profile{ID: "fay"},
		Invitees: []player.Profile{{ID: "gus"}}, Timeouts: application.Defaults.Timeouts}}, t0)
	require.NoError(t, err)

	assert.Equal(t, []string{connected.Pool()}, game.StuckPools([]*room.Room{movable, full, connected, invited, again}, t0, t0))
	assert.Empty(t, game.StuckPools([]*room.Room{movable, full, invited}, t0, t0))
	assert.Empty(t, game.StuckPools([]*room.Room{connected, again}, t0.Add(time.Second), t0), "made before the pass before")
}

// TestAlso: games already held are not added twice, the others are added in their order.
func TestAlso(t *testing.T) {
	a, b, c := seedRoom(t, "a", "ana"), seedRoom(t, "b", "ben"), seedRoom(t, "c", "cal")
	got := game.Also([]*room.Room{a, b}, []*room.Room{b, c, a})
	assert.Equal(t, []string{"a", "b", "c"}, []string{got[0].ID, got[1].ID, got[2].ID})
	assert.Len(t, got, 3)
}
