package match

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// step is one thing that happens in a seed for four: a player placed, or a turn taken by the
// pending player, to the slot (to == "") or to a participant.
type step struct{ place, to string }

// played is Ana's seed for four, under the default timeouts, after the steps.
func played(t *testing.T, steps ...step) *Match {
	t.Helper()
	m, err := New(Create{Create: game.Create{ID: "m", ApplicationID: "app", Creator: ana,
		AutoMatching: &game.AutoMatch{Min: 3, Max: 3}, Timeouts: application.Defaults.Timeouts}}, t0)
	require.NoError(t, err)
	for _, s := range steps {
		if s.place != "" {
			_, err := m.Place("app", seeker(player.Profile{ID: s.place, DisplayName: s.place}, 4, 0), false, t0)
			require.NoError(t, err, "placing %s", s.place)
			continue
		}
		_, err := m.TakeTurn(m.ParticipantByID(m.PendingParticipantID).Player.ID, Turn{Version: m.Version, Next: s.to}, t0)
		require.NoError(t, err, "a turn to %q", s.to)
	}
	return m
}

var toSlot = step{}

func TestMatchMovers(t *testing.T) {
	tests := []struct {
		name   string
		steps  []step
		at     time.Duration
		movers []string
	}{
		{"a lone seed", nil, 0, []string{"ana"}},
		{"a lone seed after the opening turn", []step{toSlot}, 0, []string{"ana"}},
		{"each newcomer played once, to the slot", []step{toSlot, {place: "ben"}, toSlot, {place: "chloe"}, toSlot}, 0, []string{"ana", "ben", "chloe"}},
		{"a newcomer waited for the turn, then passed it on", []step{{place: "ben"}, toSlot, toSlot}, 0, []string{"ana", "ben"}},
		{"a newcomer holds the turn", []step{toSlot, {place: "ben"}}, 0, nil},
		{"a newcomer waits for the turn", []step{{place: "ben"}}, 0, nil},
		{"a turn passed back to a player", []step{toSlot, {place: "ben"}, {to: "p_1"}, toSlot}, 0, nil},
		{"the creator played twice", []step{{to: "p_1"}, toSlot}, 0, nil},
		{"full", []step{toSlot, {place: "ben"}, {place: "chloe"}, {place: "dan"}}, 0, nil},
		{"its slots lapsed", []step{toSlot, {place: "ben"}, toSlot}, 25 * time.Hour, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range played(t, tt.steps...).Movers(t0.Add(tt.at)) {
				got = append(got, s.Player.ID)
			}
			assert.Equal(t, tt.movers, got)
		})
	}
}

func TestMatchMoveIntoTakesEveryPlayer(t *testing.T) {
	from := played(t, toSlot, step{place: "ben"}, toSlot)
	into := seed(t, "c", chloe, 4)
	must(t)(into.TakeTurn("chloe", Turn{Version: 1, Data: []byte("c1"), HasData: true}, t0))
	moved, err := from.MoveInto("app", into, t0)
	require.NoError(t, err)
	assert.Equal(t, []string{"ana", "ben"}, moved.Players, "every player, in the order they came")
	assert.True(t, moved.Whole)
	told := map[string]int{}
	for _, n := range moved.Notes {
		if n.Type == notification.MatchAutoMatched {
			told[n.Recipient]++
			assert.Equal(t, "c", n.MatchID)
		}
	}
	assert.Positive(t, told["ana"], "Ana told where she went")
	assert.Positive(t, told["ben"], "Ben told where he went")
	assert.Positive(t, told["chloe"], "Chloe told who came")
	assert.Len(t, into.Participants, 3)
	assert.Equal(t, 1, into.OpenSlots)
	assert.Equal(t, into.Participant("ana").ID, into.PendingParticipantID, "the turn waited at a slot: the first moved player has it")
	assert.True(t, into.Participant("ben").Waiting, "Ben waits for the turn")
	assert.Equal(t, "c1", string(into.Data), "the match moved into keeps its state")
	assert.Equal(t, Canceled, from.Status)
	assert.Equal(t, "c", from.MergedInto)
	assert.Empty(t, from.Listed(), "every moved player dismissed the seed")
	_, err = from.MoveInto("app", into, t0)
	wantErr(t, err, errs.Conflict, "no longer a seed")
}

func TestMatchMoveIntoRefusals(t *testing.T) {
	tests := []struct {
		name       string
		from, into func() *Match
		fragment   string
	}{
		{"no slots for all", func() *Match { return played(t, toSlot, step{place: "ben"}, toSlot) },
			func() *Match {
				m := seed(t, "b", chloe, 4)
				must(t)(m.Place("app", seeker(dan, 4, 0), false, t0))
				must(t)(m.Place("app", seeker(player.Profile{ID: "eve"}, 4, 0), false, t0))
				return m
			}, "no slots for 2"},
		{"another pool", func() *Match { return played(t, toSlot, step{place: "ben"}, toSlot) },
			func() *Match { return seed(t, "b", chloe, 3) }, "different pools"},
		{"itself", func() *Match { return played(t) }, nil, "itself"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := tt.from()
			into := from
			if tt.into != nil {
				into = tt.into()
			}
			before := from.Revision
			_, err := from.MoveInto("app", into, t0)
			wantErr(t, err, errs.Conflict, tt.fragment)
			assert.Equal(t, before, from.Revision, "a refused move changed the seed")
		})
	}
}
