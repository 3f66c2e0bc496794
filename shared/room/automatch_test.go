package room

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/player"
)

// seedRoom is creator's room auto-matching alone for players-1 others, under the default
// timeouts.
func seedRoom(t *testing.T, id string, creator player.Profile, players int32) *Room {
	t.Helper()
	r, _, err := New(Create{Create: game.Create{ID: id, ApplicationID: "app", Creator: creator,
		AutoMatching: &game.AutoMatch{Min: players - 1, Max: players - 1},
		Timeouts:     application.Defaults.Timeouts}, Client: Client{XMPPAddress: creator.ID + "@x"}}, t0)
	require.NoError(t, err)
	return r
}

func seekerOf(p player.Profile, players int32, mask int64) game.Seeker {
	return game.Seeker{Player: p, Criteria: game.AutoMatch{Min: players - 1, Max: players - 1, ExclusiveBitmask: mask}}
}

func TestPlaceFillsTheRoom(t *testing.T) {
	r := seedRoom(t, "r1", ana, 3)
	assert.Equal(t, AutoMatching, r.Status, "seed")
	assert.True(t, r.Seeking(), "seed seeking")
	assert.Len(t, r.Movers(t0), 1, "seed: its creator can be moved")
	notes, err := r.Place("app", seekerOf(ben, 3, 0), Client{}, false, t0.Add(time.Second))
	require.NoError(t, err)
	require.Len(t, notes, 1, "Ana told the room changed")
	assert.Equal(t, "ana", notes[0].Recipient, "Ana told the room changed")
	assert.Equal(t, AutoMatching, r.Status, "after one of two")
	assert.True(t, r.Participant("ben").AutoMatched, "after one of two: Ben auto-matched")
	assert.Len(t, r.Movers(t0), 2, "after one of two: both would move together")
	notes, err = r.Place("app", seekerOf(chloe, 3, 0), Client{}, true, t0.Add(5*time.Second))
	require.NoError(t, err)
	assert.Equal(t, Connecting, r.Status, "full")
	assert.False(t, r.Seeking(), "full: not seeking")
	assert.EqualValues(t, 5, r.WaitSeconds, "full: wait")
	assert.NotNil(t, r.FilledAt, "full: filled at")
	var got []string
	for _, n := range notes {
		got = append(got, string(n.Type)+">"+n.Recipient)
	}
	require.Len(t, got, 3, "Ana and Ben told, and Chloe told where the matcher put her")
	assert.Equal(t, "ROOM_AUTO_MATCHED>chloe", got[2], "Chloe told where the matcher put her")
	_, err = r.Place("app", seekerOf(dan, 3, 0), Client{}, false, t0)
	wantErr(t, err, errs.Conflict, "not waiting")
}

var dan = player.Profile{ID: "dan", DisplayName: "Dan"}

func TestRoomCanPlace(t *testing.T) {
	r := seedRoom(t, "r1", ana, 2)
	one := int32(1)
	wantErr(t, r.CanPlace("app", seekerOf(ana, 2, 0), t0), errs.Conflict, "already")
	wantErr(t, r.CanPlace("app", seekerOf(ben, 3, 0), t0), errs.Conflict, "other players")
	wantErr(t, r.CanPlace("app", game.Seeker{Player: ben, Criteria: game.AutoMatch{Min: 1, Max: 1}, Variant: &one}, t0), errs.Conflict, "variant")
	r.AutoMatching.ExclusiveBitmask = 0b10
	wantErr(t, r.CanPlace("app", seekerOf(ben, 2, 0b11), t0), errs.Conflict, "exclusiveBitmask")
	assert.NoError(t, r.CanPlace("app", seekerOf(ben, 2, 0b01), t0))
}

func TestRoomMergeInto(t *testing.T) {
	a, b := seedRoom(t, "a", ana, 2), seedRoom(t, "b", ben, 2)
	moved, err := b.MoveInto("app", a, t0)
	require.NoError(t, err)
	require.Equal(t, []string{"ben"}, moved.Players)
	assert.Equal(t, Deleted, b.Status, "merged seed")
	assert.False(t, b.Seeking(), "merged seed seeking")
	assert.Equal(t, "a", b.MergedInto, "merged seed")
	assert.Nil(t, b.Deadline(), "merged seed deadline")
	assert.Equal(t, "ben@x", a.Participant("ben").XMPPAddress, "the moved player keeps their client")
	wantErr(t, b.MergeInto("a", t0), errs.Conflict, "no longer a seed")
	assert.Empty(t, a.Movers(t0), "a filled room moves nobody")
}

func TestSizeCountsOnlyPlayersStillIn(t *testing.T) {
	r, _, err := New(Create{Create: game.Create{ID: "r1", ApplicationID: "app", Creator: ana,
		Invitees: []player.Profile{ben}, AutoMatching: &game.AutoMatch{Min: 1, Max: 1}}}, t0)
	require.NoError(t, err)
	assert.NoError(t, r.CanPlace("app", seekerOf(chloe, 3, 0), t0), "a three-player room takes a seeker for three")
	_, err = r.Decline("ben", t0)
	require.NoError(t, err)
	wantErr(t, r.CanPlace("app", seekerOf(chloe, 3, 0), t0), errs.Conflict, "the game has 1 other players")
	assert.NoError(t, r.CanPlace("app", seekerOf(chloe, 2, 0), t0), "after Ben declined the room is for two")
}
