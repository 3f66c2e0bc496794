package match

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/player"
)

var dan = player.Profile{ID: "dan", DisplayName: "Dan"}

// seed is creator's match auto-matching alone for players-1 others.
func seed(t *testing.T, id string, creator player.Profile, players int32) *Match {
	t.Helper()
	m, err := New(Create{Create: game.Create{ID: id, ApplicationID: "app", Creator: creator,
		AutoMatching: &game.AutoMatch{Min: players - 1, Max: players - 1}}}, t0)
	noErr(t, err)
	return m
}

func seeker(p player.Profile, players int32, mask int64) game.Seeker {
	return game.Seeker{Player: p, Criteria: game.AutoMatch{Min: players - 1, Max: players - 1, ExclusiveBitmask: mask}}
}

func TestPlaceWhenTheTurnWaitsAtTheSlot(t *testing.T) {
	m := seed(t, "m1", ana, 2)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Data: []byte("e4"), HasData: true}, t0))
	assert.True(t, m.Seeking(), "after a turn to the slot: still seeking")
	assert.Len(t, m.Movers(t0), 1, "after a turn to the slot: Ana, alone in a seed, can be moved")
	notes := must(t)(m.Place("app", seeker(ben, 2, 0), false, t0.Add(30*time.Second)))
	wantNotes(t, notes, "MATCH_AUTO_MATCHED>ana") // Ben asked: he gets the match in his answer
	b := m.Participant("ben")
	assert.Equal(t, Active, m.Status, "after placing Ben")
	assert.Equal(t, b.ID, m.PendingParticipantID, "after placing Ben: his turn")
	assert.True(t, b.AutoMatched, "Ben auto-matched")
	assert.False(t, b.Waiting, "Ben not waiting")
	assert.Zero(t, m.OpenSlots, "open slots after placing Ben")
	assert.False(t, m.Seeking(), "seeking after placing Ben")
	assert.EqualValues(t, 3, m.Version, "version (the turn moved)")
}

func TestPlaceInAnUnplayedMatchWaitsForTheTurn(t *testing.T) {
	m := seed(t, "m1", ana, 3)
	notes := must(t)(m.Place("app", seeker(ben, 3, 0), true, t0))
	wantNotes(t, notes, "MATCH_AUTO_MATCHED>ana", "MATCH_AUTO_MATCHED>ben")
	assert.True(t, m.Participant("ben").Waiting, "Ben waiting")
	assert.Equal(t, "p_1", m.PendingParticipantID, "Ana's turn")
	assert.EqualValues(t, 1, m.Version, "Ana's turn at version 1")
	assert.True(t, m.Seeking(), "a third player still welcome")
	assert.Empty(t, m.Movers(t0), "Ben waits for the turn: nobody moves")
	// Ana passes "to the auto-match slot": Ben filled one before the turn reached it, so he plays.
	must(t)(m.TakeTurn("ana", Turn{Version: 1}, t0))
	assert.Equal(t, m.Participant("ben").ID, m.PendingParticipantID, "Ben's turn")
	assert.False(t, m.Participant("ben").Waiting, "Ben plays")
	// Ben passes "to the slot": the open one, where the turn waits for a third player.
	must(t)(m.TakeTurn("ben", Turn{Version: 2}, t0))
	must(t)(m.Place("app", seeker(chloe, 3, 0), false, t0))
	assert.Equal(t, m.Participant("chloe").ID, m.PendingParticipantID, "Chloe's turn")
	assert.Equal(t, Active, m.Status)
}

// TestPlaceWhileATurnIsHeld: a match of four whose second player holds the turn keeps taking
// players while they think; the newcomers wait and play in the order they came.
func TestPlaceWhileATurnIsHeld(t *testing.T) {
	m := seed(t, "m1", ana, 4)
	must(t)(m.TakeTurn("ana", Turn{Version: 1}, t0))
	must(t)(m.Place("app", seeker(ben, 4, 0), false, t0))
	assert.Equal(t, m.Participant("ben").ID, m.PendingParticipantID, "Ben's turn")
	assert.True(t, m.Seeking(), "two slots still open")
	must(t)(m.Place("app", seeker(chloe, 4, 0), false, t0))
	must(t)(m.Place("app", seeker(dan, 4, 0), false, t0))
	assert.True(t, m.Participant("chloe").Waiting, "Chloe waiting")
	assert.True(t, m.Participant("dan").Waiting, "Dan waiting")
	assert.Zero(t, m.OpenSlots, "a full match")
	assert.False(t, m.Seeking(), "a full match seeking")
	must(t)(m.TakeTurn("ben", Turn{Version: m.Version}, t0))
	require.Equal(t, m.Participant("chloe").ID, m.PendingParticipantID, "Chloe, who came first")
	must(t)(m.TakeTurn("chloe", Turn{Version: m.Version}, t0))
	assert.Equal(t, m.Participant("dan").ID, m.PendingParticipantID, "Dan's turn")
}

func TestCanPlace(t *testing.T) {
	one := int32(1)
	tests := []struct {
		name string
		m    func() *Match
		s    game.Seeker
		frag string
	}{
		{"full", func() *Match {
			m := seed(t, "m", ana, 2)
			must(t)(m.Place("app", seeker(ben, 2, 0), false, t0))
			return m
		}, seeker(chloe, 2, 0), "not waiting"},
		{"canceled", func() *Match {
			m := seed(t, "m", ana, 3)
			must(t)(m.Cancel("ana", t0))
			return m
		}, seeker(chloe, 3, 0), "not waiting"},
		{"other variant", func() *Match { return seed(t, "m", ana, 2) },
			game.Seeker{Player: ben, Criteria: game.AutoMatch{Min: 1, Max: 1}, Variant: &one}, "variant"},
		{"already in", func() *Match { return seed(t, "m", ana, 2) }, seeker(ana, 2, 0), "already"},
		{"size", func() *Match { return seed(t, "m", ana, 4) }, seeker(ben, 2, 0), "other players"},
		{"roles", func() *Match {
			m, err := New(Create{Create: game.Create{ID: "m", ApplicationID: "app", Creator: ana,
				AutoMatching: &game.AutoMatch{Min: 1, Max: 1, ExclusiveBitmask: 0b1}}}, t0)
			noErr(t, err)
			return m
		}, seeker(ben, 2, 0b1), "exclusiveBitmask"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.m()
			before := *m
			_, err := m.Place("app", tt.s, false, t0)
			wantErr(t, err, errs.Conflict, tt.frag)
			assert.Equal(t, before.Revision, m.Revision, "a refused placement changed the match")
			assert.Len(t, m.Participants, len(before.Participants), "a refused placement changed the match")
		})
	}
	_, err := seed(t, "m", ana, 2).Place("other-app", seeker(ben, 2, 0), false, t0)
	assert.Truef(t, errs.Is(err, errs.Conflict), "placing across applications: %v", err)
}

// TestLeaversRoleIsFree: a role (an exclusive bitmask) belongs to a player still in the match;
// once they leave, a newcomer of that role may take an open slot.
func TestLeaversRoleIsFree(t *testing.T) {
	m := seed(t, "m", ana, 4)
	must(t)(m.Place("app", seeker(ben, 4, 0b1), false, t0))
	wantErr(t, m.CanPlace("app", seeker(dan, 4, 0b1), t0), errs.Conflict, "exclusiveBitmask")

	must(t)(m.Leave("ben", t0))
	assert.NoError(t, m.CanPlace("app", seeker(dan, 3, 0b1), t0), "Ben's role is free; the match is for three now")
}

// TestCreatorsRoleIsFreeOnceTheyLeave: the role the creator asked for is held while they can
// play; once they leave (during their turn, to the slot), a newcomer of that role may take a slot.
func TestCreatorsRoleIsFreeOnceTheyLeave(t *testing.T) {
	m := seed(t, "m", ana, 4)
	m.AutoMatching.ExclusiveBitmask = 0b10
	must(t)(m.Place("app", seeker(ben, 4, 0), false, t0))
	wantErr(t, m.CanPlace("app", seeker(dan, 4, 0b10), t0), errs.Conflict, "exclusiveBitmask")

	must(t)(m.LeaveTurn("ana", m.Version, "", t0))
	assert.NoError(t, m.CanPlace("app", seeker(dan, 3, 0b10), t0), "Ana's role is free; the match is for three now")
}

// TestMergePlayedSeeds: two players who each took the opening turn of their own seed end up in
// one match: the younger seed's creator is moved into the older one, where the turn is now theirs.
func TestMergePlayedSeeds(t *testing.T) {
	a, b := seed(t, "a", ana, 2), seed(t, "b", ben, 2)
	must(t)(a.TakeTurn("ana", Turn{Version: 1, Data: []byte("a1"), HasData: true}, t0))
	must(t)(b.TakeTurn("ben", Turn{Version: 1, Data: []byte("b1"), HasData: true}, t0))
	movers := b.Movers(t0)
	require.Len(t, movers, 1, "Ben, alone in his seed with the turn at the slot, can be moved")
	notes := must(t)(a.Place("app", movers[0], true, t0))
	wantNotes(t, notes, "MATCH_AUTO_MATCHED>ana", "MATCH_AUTO_MATCHED>ben")
	noErr(t, b.MergeInto("a", t0))
	assert.Equal(t, Active, a.Status, "a")
	assert.Equal(t, a.Participant("ben").ID, a.PendingParticipantID, "a: Ben's turn")
	assert.Equal(t, "a1", string(a.Data), "a: Ana's turn kept")
	assert.Equal(t, Canceled, b.Status, "b")
	assert.Empty(t, a.Movers(t0), "a full match moves nobody")
	// a creator who played more than the opening turn (to herself first) is not moved: more
	// than that turn would be lost
	d := seed(t, "d", dan, 2)
	must(t)(d.TakeTurn("dan", Turn{Version: 1, Next: "p_1"}, t0))
	must(t)(d.TakeTurn("dan", Turn{Version: 2}, t0))
	assert.Empty(t, d.Movers(t0), "a seed with two turns played moves nobody")
	// a creator whose turn went to an invitee-free slot but who is no longer alone stays put
	c := seed(t, "c", chloe, 3)
	must(t)(c.Place("app", seeker(dan, 3, 0), false, t0))
	must(t)(c.TakeTurn("chloe", Turn{Version: 1}, t0))
	assert.Empty(t, c.Movers(t0), "a seed whose second player waits for the turn moves nobody")
}

func TestMergeInto(t *testing.T) {
	a, b := seed(t, "a", ana, 2), seed(t, "b", ben, 2)
	moved, err := b.MoveInto("app", a, t0)
	noErr(t, err)
	require.Equal(t, []string{"ben"}, moved.Players, "the players moved")
	assert.Equal(t, Canceled, b.Status, "merged seed")
	assert.Equal(t, "a", b.MergedInto, "merged seed")
	assert.False(t, b.Seeking(), "merged seed seeking")
	assert.Empty(t, b.Listed(), "merged seed listed")
	assert.Nil(t, b.Deadline(), "merged seed deadline")
	wantErr(t, b.MergeInto("a", t0), errs.Conflict, "no longer a seed")
	assert.Empty(t, a.Movers(t0), "a full match moves nobody")
	assert.Empty(t, threePlayers(t).Movers(t0), "a match with invitees is no seed: nobody moves")
}
