package operations_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/openplay-games/openplay/functions/operations"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

const day = 24 * time.Hour

// TestTurnTimeout: Ben lets his turn run out (the default 14 days); reads show it at once, the
// sweeper stores it and tells Chloe it is her turn; two overlapping sweeps change it once.
func TestTurnTimeout(t *testing.T) {
	a := newAPI(t)
	ana, ben, chloe := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe")
	m := a.createMatch(ana, map[string]any{"invitedPlayerIds": []string{ben.ID, chloe.ID}})
	m = a.turn(ana, m, "p_2")
	a.OK(ben, http.MethodPut, tb+"/"+m.MatchID+"/join", nil, nil)

	a.advance(14*day - time.Minute)
	var swept operations.Swept
	if a.operate("/operations/sweep", &swept); swept.Matches != 0 {
		t.Fatalf("a sweep before the deadline changed %d matches", swept.Matches)
	}
	a.advance(2 * time.Minute)
	read := a.match(ana, m.MatchID)
	if read.Participants[1].Status != "PARTICIPANT_UNRESPONSIVE" || read.PendingParticipantID != "p_3" {
		t.Fatalf("before the sweep, a read shows Ben %s and pending %q; want the lapse already applied", read.Participants[1].Status, read.PendingParticipantID)
	}
	stored, err := a.Svc.Store.Match(t.Context(), m.MatchID)
	if err != nil || stored.PendingParticipantID != "p_2" {
		t.Fatalf("stored before the sweep: %v %v; want Ben still pending (reads change nothing)", stored, err)
	}
	revision := stored.Revision

	var wg sync.WaitGroup
	reports := make([]operations.Swept, 2)
	for i := range reports {
		wg.Add(1)
		go func() { defer wg.Done(); a.operate("/operations/sweep", &reports[i]) }()
	}
	wg.Wait()
	if reports[0].Matches+reports[1].Matches != 1 { // the test's application has this one due match
		t.Fatalf("sweeps %+v; want exactly one of them to report the change", reports)
	}
	stored, err = a.Svc.Store.Match(t.Context(), m.MatchID)
	if err != nil || stored.PendingParticipantID != "p_3" || stored.Participants[1].Status != "PARTICIPANT_UNRESPONSIVE" || stored.Revision != revision+1 {
		t.Fatalf("stored after the sweeps: pending %q, ben %s, revision %d; want one change", stored.PendingParticipantID, stored.Participants[1].Status, stored.Revision)
	}
	wantOutbox(t, a, "match~"+m.MatchID+"~MATCH_INVITATION~v"+itoa(stored.Version)+"~p_3")

	// Chloe plays on.
	var c = a.match(chloe, m.MatchID)
	a.OK(chloe, http.MethodPut, tb+"/"+m.MatchID+"/join", nil, nil)
	a.turn(chloe, c, "p_1")
}

// TestUnfilledAutoMatchExpires: a match nobody joins expires after a day.
func TestUnfilledAutoMatchExpires(t *testing.T) {
	a := newAPI(t)
	ana := testenv.NewPlayer(t, "Ana")
	m := a.turn(ana, a.createMatch(ana, autoMatch(2, 0)), "")
	a.advance(day)
	var swept operations.Swept
	if a.operate("/operations/sweep", &swept); swept.Matches != 1 {
		t.Fatalf("sweep changed %d matches, want 1", swept.Matches)
	}
	if got := a.match(ana, m.MatchID); got.Status != "MATCH_EXPIRED" {
		t.Fatalf("status %s, want MATCH_EXPIRED", got.Status)
	}
	stored, _ := a.Svc.Store.Match(t.Context(), m.MatchID)
	if stored.Seeking || stored.Deadline != nil {
		t.Fatal("an expired match still waits for players or has a timer")
	}
}

// TestRoomThatNeverConnects: a room is deleted when it is not active within the room connection
// timeout (10 minutes by default), and its players are told.
func TestRoomThatNeverConnects(t *testing.T) {
	a := newAPI(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	r := a.createRoom(ana, map[string]any{"invitedPlayerIds": []string{ben.ID}})
	a.OK(ben, http.MethodPost, "/games/v1/rooms/"+r.RoomID+"/join", map[string]any{}, nil)
	a.advance(10 * time.Minute)
	var swept operations.Swept
	if a.operate("/operations/sweep", &swept); swept.Rooms != 1 {
		t.Fatalf("sweep changed %d rooms, want 1", swept.Rooms)
	}
	got := a.room(ana, r.RoomID)
	if got.Status != "ROOM_DELETED" || got.Participants[0].LeaveReason != "TIMEOUT" {
		t.Fatalf("room %s, Ana %+v; want deleted, left by timeout", got.Status, got.Participants[0])
	}
	stored, _ := a.Svc.Store.Room(t.Context(), r.RoomID)
	wantOutbox(t, a, "room~"+r.RoomID+"~status~v"+itoa(stored.Version)+"~p_2")
}

func wantOutbox(t *testing.T, a *api, id string) {
	t.Helper()
	client, err := a.Svc.Store.Client(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Collection(store.Outbox).Doc(id).Get(t.Context()); err != nil {
		t.Fatalf("outbox record %s: %v", id, err)
	}
}
