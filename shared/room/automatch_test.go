package room

import (
	"testing"
	"time"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/seating"
)

// seedRoom is creator's room auto-matching alone for players-1 others, under the default
// timeouts.
func seedRoom(t *testing.T, id string, creator player.Profile, players int32) *Room {
	t.Helper()
	r, _, err := New(Create{ID: id, ApplicationID: "app", Creator: creator, Client: Client{XmppAddress: creator.ID + "@x"},
		AutoMatching: &seating.AutoMatch{Min: players - 1, Max: players - 1}, Timeouts: application.Defaults.Timeouts}, t0)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func seekerOf(p player.Profile, players int32, mask int64) seating.Seeker {
	return seating.Seeker{Player: p, Criteria: seating.AutoMatch{Min: players - 1, Max: players - 1, ExclusiveBitmask: mask}}
}

func TestPlaceFillsTheRoom(t *testing.T) {
	r := seedRoom(t, "r1", ana, 3)
	if r.Status != AutoMatching || !r.Seeking || !r.mergeable() {
		t.Fatalf("seed: %s seeking %v mergeable %v", r.Status, r.Seeking, r.mergeable())
	}
	notes, err := r.Place("app", seekerOf(ben, 3, 0), Client{}, false, t0.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || notes[0].Recipient != "ana" {
		t.Fatalf("notes %+v; want Ana told the room changed", notes)
	}
	if r.Status != AutoMatching || !r.Participant("ben").AutoMatched || r.mergeable() {
		t.Fatalf("after one of two: %s, ben %+v, mergeable %v", r.Status, r.Participant("ben"), r.mergeable())
	}
	notes, err = r.Place("app", seekerOf(chloe, 3, 0), Client{}, true, t0.Add(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != Connecting || r.Seeking || r.WaitSeconds != 5 || r.FilledAt == nil {
		t.Fatalf("full: %s seeking %v wait %d", r.Status, r.Seeking, r.WaitSeconds)
	}
	var got []string
	for _, n := range notes {
		got = append(got, string(n.Type)+">"+n.Recipient)
	}
	if len(got) != 3 || got[2] != "ROOM_AUTO_MATCHED>chloe" {
		t.Fatalf("notes %v; want Ana and Ben told, and Chloe told where the matcher put her", got)
	}
	_, err = r.Place("app", seekerOf(dan, 3, 0), Client{}, false, t0)
	wantErr(t, err, errs.Conflict, "not waiting")
}

var dan = player.Profile{ID: "dan", DisplayName: "Dan"}

func TestRoomCanPlace(t *testing.T) {
	r := seedRoom(t, "r1", ana, 2)
	one := int32(1)
	wantErr(t, r.CanPlace("app", seekerOf(ana, 2, 0), t0), errs.Conflict, "already")
	wantErr(t, r.CanPlace("app", seekerOf(ben, 3, 0), t0), errs.Conflict, "other players")
	wantErr(t, r.CanPlace("app", seating.Seeker{Player: ben, Criteria: seating.AutoMatch{Min: 1, Max: 1}, Variant: &one}, t0), errs.Conflict, "variant")
	r.AutoMatching.ExclusiveBitmask = 0b10
	wantErr(t, r.CanPlace("app", seekerOf(ben, 2, 0b11), t0), errs.Conflict, "exclusiveBitmask")
	if err := r.CanPlace("app", seekerOf(ben, 2, 0b01), t0); err != nil {
		t.Fatal(err)
	}
}

func TestRoomMergeInto(t *testing.T) {
	a, b := seedRoom(t, "a", ana, 2), seedRoom(t, "b", ben, 2)
	s, c, ok := b.Seeker()
	if !ok || c.XmppAddress != "ben@x" {
		t.Fatalf("Seeker() = %+v %+v %v", s, c, ok)
	}
	if _, err := a.Place("app", s, c, true, t0); err != nil {
		t.Fatal(err)
	}
	if err := b.MergeInto("a", t0); err != nil {
		t.Fatal(err)
	}
	if b.Status != Deleted || b.Seeking || b.MergedInto != "a" || b.Deadline != nil {
		t.Fatalf("merged seed: %s seeking %v into %q deadline %v", b.Status, b.Seeking, b.MergedInto, b.Deadline)
	}
	if a.Participant("ben").XmppAddress != "ben@x" {
		t.Fatal("the moved player lost their client")
	}
	wantErr(t, b.MergeInto("a", t0), errs.Conflict, "no longer a seed")
	if _, _, ok := a.Seeker(); ok {
		t.Fatal("a filled room is still a seed")
	}
}

func TestSizeCountsOnlyPlayersStillIn(t *testing.T) {
	r, _, err := New(Create{ID: "r1", ApplicationID: "app", Creator: ana, Invitees: []player.Profile{ben},
		AutoMatching: &seating.AutoMatch{Min: 1, Max: 1}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.CanPlace("app", seekerOf(chloe, 3, 0), t0); err != nil {
		t.Fatalf("a three-player room refuses a seeker for three: %v", err)
	}
	if _, err := r.Decline("ben", t0); err != nil {
		t.Fatal(err)
	}
	wantErr(t, r.CanPlace("app", seekerOf(chloe, 3, 0), t0), errs.Conflict, "the game has 1 other players")
	if err := r.CanPlace("app", seekerOf(chloe, 2, 0), t0); err != nil {
		t.Fatalf("after Ben declined the room is for two: %v", err)
	}
}
