package match

import (
	"testing"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/seating"
)

var dan = player.Profile{ID: "dan", DisplayName: "Dan"}

// seed is creator's match auto-matching alone for players-1 others.
func seed(t *testing.T, id string, creator player.Profile, players int32) *Match {
	t.Helper()
	m, err := New(Create{ID: id, ApplicationID: "app", Creator: creator,
		AutoMatching: &seating.AutoMatch{Min: players - 1, Max: players - 1}}, t0)
	noErr(t, err)
	return m
}

func seeker(p player.Profile, players int32, mask int64) seating.Seeker {
	return seating.Seeker{Player: p, Criteria: seating.AutoMatch{Min: players - 1, Max: players - 1, ExclusiveBitmask: mask}}
}

func TestPlaceWhenTheTurnWaitsAtTheSlot(t *testing.T) {
	m := seed(t, "m1", ana, 2)
	must(t)(m.TakeTurn("ana", Turn{Version: 1, Data: []byte("e4"), HasData: true}, t0))
	if !m.Seeking || !m.mergeable() {
		t.Fatalf("after a turn to the slot: seeking %v, mergeable %v; want seeking, and Ana still alone in a seed", m.Seeking, m.mergeable())
	}
	notes := must(t)(m.Place("app", seeker(ben, 2, 0), false, t0.Add(30*time.Second)))
	wantNotes(t, notes, "MATCH_AUTO_MATCHED>ana") // Ben asked: he gets the match in his answer
	b := m.Participant("ben")
	if m.Status != Active || m.PendingParticipantID != b.ID || !b.AutoMatched || b.Waiting || m.OpenSlots != 0 || m.Seeking {
		t.Fatalf("after placing Ben: %s pending %q slots %d seeking %v, ben %+v", m.Status, m.PendingParticipantID, m.OpenSlots, m.Seeking, b)
	}
	if m.Version != 3 {
		t.Fatalf("version %d; want 3 (the turn moved)", m.Version)
	}
}

func TestPlaceInAnUnplayedMatchWaitsForTheTurn(t *testing.T) {
	m := seed(t, "m1", ana, 3)
	notes := must(t)(m.Place("app", seeker(ben, 3, 0), true, t0))
	wantNotes(t, notes, "MATCH_AUTO_MATCHED>ana", "MATCH_AUTO_MATCHED>ben")
	if b := m.Participant("ben"); !b.Waiting || m.PendingParticipantID != "p_1" || m.Version != 1 {
		t.Fatalf("ben %+v pending %q version %d; want Ben waiting, Ana's turn at version 1", b, m.PendingParticipantID, m.Version)
	}
	if !m.Seeking || m.mergeable() {
		t.Fatalf("seeking %v mergeable %v; want a third player still welcome, no longer a seed", m.Seeking, m.mergeable())
	}
	// Ana passes "to the auto-match slot": Ben filled one before the turn reached it, so he plays.
	must(t)(m.TakeTurn("ana", Turn{Version: 1}, t0))
	if m.PendingParticipantID != m.Participant("ben").ID || m.Participant("ben").Waiting {
		t.Fatalf("pending %q; want Ben", m.PendingParticipantID)
	}
	// Ben passes "to the slot": the open one, where the turn waits for a third player.
	must(t)(m.TakeTurn("ben", Turn{Version: 2}, t0))
	must(t)(m.Place("app", seeker(chloe, 3, 0), false, t0))
	if m.PendingParticipantID != m.Participant("chloe").ID || m.Status != Active {
		t.Fatalf("pending %q status %s; want Chloe's turn, active", m.PendingParticipantID, m.Status)
	}
}

// TestPlaceWhileATurnIsHeld: a match of four whose second player holds the turn keeps taking
// players while they think; the newcomers wait and play in the order they came.
func TestPlaceWhileATurnIsHeld(t *testing.T) {
	m := seed(t, "m1", ana, 4)
	must(t)(m.TakeTurn("ana", Turn{Version: 1}, t0))
	must(t)(m.Place("app", seeker(ben, 4, 0), false, t0))
	if m.PendingParticipantID != m.Participant("ben").ID || !m.Seeking {
		t.Fatalf("pending %q seeking %v; want Ben's turn and two slots still open", m.PendingParticipantID, m.Seeking)
	}
	must(t)(m.Place("app", seeker(chloe, 4, 0), false, t0))
	must(t)(m.Place("app", seeker(dan, 4, 0), false, t0))
	if !m.Participant("chloe").Waiting || !m.Participant("dan").Waiting || m.OpenSlots != 0 || m.Seeking {
		t.Fatalf("chloe %+v dan %+v slots %d seeking %v; want both waiting in a full match", m.Participant("chloe"), m.Participant("dan"), m.OpenSlots, m.Seeking)
	}
	must(t)(m.TakeTurn("ben", Turn{Version: m.Version}, t0))
	if m.PendingParticipantID != m.Participant("chloe").ID {
		t.Fatalf("pending %q; want Chloe, who came first", m.PendingParticipantID)
	}
	must(t)(m.TakeTurn("chloe", Turn{Version: m.Version}, t0))
	if m.PendingParticipantID != m.Participant("dan").ID {
		t.Fatalf("pending %q; want Dan", m.PendingParticipantID)
	}
}

func TestCanPlace(t *testing.T) {
	one := int32(1)
	tests := []struct {
		name string
		m    func() *Match
		s    seating.Seeker
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
			seating.Seeker{Player: ben, Criteria: seating.AutoMatch{Min: 1, Max: 1}, Variant: &one}, "variant"},
		{"already in", func() *Match { return seed(t, "m", ana, 2) }, seeker(ana, 2, 0), "already"},
		{"size", func() *Match { return seed(t, "m", ana, 4) }, seeker(ben, 2, 0), "other players"},
		{"roles", func() *Match {
			m, err := New(Create{ID: "m", ApplicationID: "app", Creator: ana,
				AutoMatching: &seating.AutoMatch{Min: 1, Max: 1, ExclusiveBitmask: 0b1}}, t0)
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
			if m.Revision != before.Revision || len(m.Participants) != len(before.Participants) {
				t.Fatal("a refused placement changed the match")
			}
		})
	}
	if _, err := seed(t, "m", ana, 2).Place("other-app", seeker(ben, 2, 0), false, t0); !errs.Is(err, errs.Conflict) {
		t.Fatalf("placing across applications: %v", err)
	}
}

// TestMergePlayedSeeds: two players who each took the opening turn of their own seed end up in
// one match: the younger seed's creator is moved into the older one, where the turn is now theirs.
func TestMergePlayedSeeds(t *testing.T) {
	a, b := seed(t, "a", ana, 2), seed(t, "b", ben, 2)
	must(t)(a.TakeTurn("ana", Turn{Version: 1, Data: []byte("a1"), HasData: true}, t0))
	must(t)(b.TakeTurn("ben", Turn{Version: 1, Data: []byte("b1"), HasData: true}, t0))
	s, ok := b.Seeker()
	if !ok {
		t.Fatal("Ben, alone in his seed with the turn at the slot, cannot be moved")
	}
	notes := must(t)(a.Place("app", s, true, t0))
	wantNotes(t, notes, "MATCH_AUTO_MATCHED>ana", "MATCH_AUTO_MATCHED>ben")
	noErr(t, b.MergeInto("a", t0))
	if a.Status != Active || a.PendingParticipantID != a.Participant("ben").ID || string(a.Data) != "a1" || b.Status != Canceled {
		t.Fatalf("a: %s pending %q data %q; b: %s", a.Status, a.PendingParticipantID, a.Data, b.Status)
	}
	if a.mergeable() {
		t.Fatal("a match with two players is still a seed")
	}
	// a creator who played more than the opening turn (to herself first) is not moved: more
	// than that turn would be lost
	d := seed(t, "d", dan, 2)
	must(t)(d.TakeTurn("dan", Turn{Version: 1, Next: "p_1"}, t0))
	must(t)(d.TakeTurn("dan", Turn{Version: 2}, t0))
	if _, ok := d.Seeker(); ok {
		t.Fatal("a seed with two turns played can be merged")
	}
	// a creator whose turn went to an invitee-free slot but who is no longer alone stays put
	c := seed(t, "c", chloe, 3)
	must(t)(c.Place("app", seeker(dan, 3, 0), false, t0))
	must(t)(c.TakeTurn("chloe", Turn{Version: 1}, t0))
	if _, ok := c.Seeker(); ok {
		t.Fatal("a seed with a second player can be merged")
	}
}

func TestMergeInto(t *testing.T) {
	a, b := seed(t, "a", ana, 2), seed(t, "b", ben, 2)
	s, ok := b.Seeker()
	if !ok || s.Player.ID != "ben" {
		t.Fatalf("Seeker() = %+v, %v", s, ok)
	}
	must(t)(a.Place("app", s, true, t0))
	noErr(t, b.MergeInto("a", t0))
	if b.Status != Canceled || b.MergedInto != "a" || b.Seeking || len(b.Listed) != 0 || b.Deadline != nil {
		t.Fatalf("merged seed: %s into %q seeking %v listed %v deadline %v", b.Status, b.MergedInto, b.Seeking, b.Listed, b.Deadline)
	}
	wantErr(t, b.MergeInto("a", t0), errs.Conflict, "no longer a seed")
	if _, ok := a.Seeker(); ok {
		t.Fatal("a match someone was placed in is still a seed")
	}
	invited := threePlayers(t)
	if _, ok := invited.Seeker(); ok {
		t.Fatal("a match with invitees is a seed")
	}
}
