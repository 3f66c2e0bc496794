package operations_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions/operations"
	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/room"
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
	a.operate("/operations/sweep", &swept)
	require.Zero(t, swept.Matches, "a sweep before the deadline changed matches")
	a.advance(2 * time.Minute)
	read := a.match(ana, m.MatchID)
	require.Equal(t, "PARTICIPANT_UNRESPONSIVE", read.Participants[1].Status, "before the sweep, a read shows the lapse already applied")
	require.Equal(t, "p_3", read.PendingParticipantID, "before the sweep, a read shows the lapse already applied")
	stored, err := a.Svc.Store.Matches().Get(t.Context(), m.MatchID)
	require.NoError(t, err)
	require.Equal(t, "p_2", stored.PendingParticipantID, "stored before the sweep: Ben still pending (reads change nothing)")
	revision := stored.Revision

	var wg sync.WaitGroup
	reports := make([]operations.Swept, 2)
	errs := make([]error, len(reports))
	for i := range reports {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = a.operateErr("/operations/sweep", &reports[i])
		}()
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "sweep %d", i)
	}
	// the test's application has this one due match
	require.Equal(t, 1, reports[0].Matches+reports[1].Matches, "sweeps %+v: exactly one of them reports the change", reports)
	stored, err = a.Svc.Store.Matches().Get(t.Context(), m.MatchID)
	require.NoError(t, err)
	require.Equal(t, "p_3", stored.PendingParticipantID, "stored after the sweeps")
	require.Equal(t, match.Unresponsive, stored.Participants[1].Status, "stored after the sweeps: Ben")
	require.Equal(t, revision+1, stored.Revision, "stored after the sweeps: one change")
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
	a.operate("/operations/sweep", &swept)
	require.Equal(t, 1, swept.Matches, "matches the sweep changed")
	require.Equal(t, "MATCH_EXPIRED", a.match(ana, m.MatchID).Status)
	stored, err := a.Svc.Store.Matches().Get(t.Context(), m.MatchID)
	require.NoError(t, err)
	require.False(t, stored.Seeking(), "an expired match still waits for players")
	require.Nil(t, stored.Deadline(), "an expired match still has a timer")
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
	a.operate("/operations/sweep", &swept)
	require.Equal(t, 1, swept.Rooms, "rooms the sweep changed")
	got := a.room(ana, r.RoomID)
	require.Equal(t, "ROOM_DELETED", got.Status)
	require.Equal(t, "TIMEOUT", got.Participants[0].LeaveReason, "Ana left by timeout")
	stored, err := a.Svc.Store.Rooms().Get(t.Context(), r.RoomID)
	require.NoError(t, err)
	wantOutbox(t, a, "room~"+r.RoomID+"~status~v"+itoa(stored.Version)+"~p_2")
}

// TestSilentPlayerLeavesAnActiveRoom: Ana's device goes away from an active room without a
// word. Ben reports his connection to her failed; Chloe, whose connection broke too but who is
// still there, says so with an empty report. After the studio's timeouts.unreachable a read
// shows Ana out with PEER_CONNECTION_FAILURE, the sweeper stores it, and Ben and Chloe are told.
func TestSilentPlayerLeavesAnActiveRoom(t *testing.T) {
	a := newAPI(t)
	settings := application.Defaults
	settings.Timeouts.Unreachable = 2 * time.Minute
	require.NoError(t, a.Svc.Store.PutSettings(t.Context(), a.Svc.Config.ApplicationID, settings))
	wait := settings.Timeouts.Unreachable
	ana, ben, chloe := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Chloe")
	r := a.createRoom(ana, map[string]any{"invitedPlayerIds": []string{ben.ID, chloe.ID}})
	players := []testenv.Player{ana, ben, chloe}
	for _, p := range players[1:] {
		a.OK(p, http.MethodPost, "/games/v1/rooms/"+r.RoomID+"/join", map[string]any{}, nil)
	}
	report := func(p testenv.Player, status string, to ...string) {
		t.Helper()
		updates := []map[string]any{}
		for _, id := range to {
			updates = append(updates, map[string]any{"participantId": id, "status": status})
		}
		a.OK(p, http.MethodPost, "/games/v1/rooms/"+r.RoomID+"/reportstatus", map[string]any{"updates": updates}, nil)
	}
	ids := []string{"p_1", "p_2", "p_3"}
	for i, p := range players {
		others := append(append([]string{}, ids[:i]...), ids[i+1:]...)
		report(p, "CONNECTION_ESTABLISHED", others...)
	}
	require.Equal(t, "ROOM_ACTIVE", a.room(ana, r.RoomID).Status)

	report(ana, "CONNECTION_FAILED", "p_3") // Ana's last word before she went: Chloe must answer it
	report(ben, "CONNECTION_FAILED", "p_1")
	a.advance(wait / 2)
	report(chloe, "") // Chloe is there: an empty report
	require.Equal(t, "PARTICIPANT_JOINED", a.room(ben, r.RoomID).Participants[0].Status,
		"past the default wait, Ana still has the studio's")
	a.advance(wait / 2)

	read := a.room(ben, r.RoomID)
	require.Equal(t, "PARTICIPANT_LEFT", read.Participants[0].Status, "before the sweep, a read shows Ana out")
	require.Equal(t, "PEER_CONNECTION_FAILURE", read.Participants[0].LeaveReason)
	require.Equal(t, "PARTICIPANT_JOINED", read.Participants[2].Status, "Chloe answered")
	var swept operations.Swept
	a.operate("/operations/sweep", &swept)
	require.Equal(t, 1, swept.Rooms, "rooms the sweep changed")
	stored, err := a.Svc.Store.Rooms().Get(t.Context(), r.RoomID)
	require.NoError(t, err)
	require.Equal(t, room.Left, stored.Participants[0].Status)
	require.Nil(t, stored.Deadline(), "no timer left")
	for _, p := range []string{"p_2", "p_3"} {
		wantOutbox(t, a, "room~"+r.RoomID+"~status~v"+itoa(stored.Version)+"~"+p)
	}
}

func wantOutbox(t *testing.T, a *api, id string) {
	t.Helper()
	client, err := a.Svc.Store.Client(t.Context())
	require.NoError(t, err)
	_, err = client.Collection(store.Outbox).Doc(id).Get(t.Context())
	require.NoError(t, err, "outbox record %s", id)
}
