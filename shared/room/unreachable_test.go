package room

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/player"
)

// activeRoom is Ana's room with Ben and Chloe, every pair connected at t0.
func activeRoom(t *testing.T) *Room {
	t.Helper()
	r := timedRoom(t, nil, ben, chloe)
	for _, p := range []player.Profile{ben, chloe} {
		_, err := r.Join(p, Client{}, t0)
		require.NoError(t, err)
	}
	for _, p := range r.Participants {
		var up []PeerUpdate
		for _, q := range r.Participants {
			if q.ID != p.ID {
				up = append(up, PeerUpdate{ParticipantID: q.ID, Report: PeerReport{Status: ConnectionEstablished}})
			}
		}
		_, err := r.ReportStatus(p.Player.ID, up, t0)
		require.NoError(t, err)
	}
	require.Equal(t, Active, r.Status)
	return r
}

// failed is a report that the connection to each of ids failed.
func failed(ids ...string) []PeerUpdate {
	var up []PeerUpdate
	for _, id := range ids {
		up = append(up, PeerUpdate{ParticipantID: id, Report: PeerReport{Status: ConnectionFailed, ErrorReason: "the connection closed"}})
	}
	return up
}

func report(t *testing.T, r *Room, who string, updates []PeerUpdate, at time.Time) {
	t.Helper()
	_, err := r.ReportStatus(who, updates, at)
	require.NoError(t, err)
}

// TestSilentPlayerIsTakenOut: Ana's device goes away without a word; Ben and Chloe report their
// connections to her failed, and she is out the room's timeouts.unreachable after the first report.
func TestSilentPlayerIsTakenOut(t *testing.T) {
	r := activeRoom(t)
	a := r.Participant("ana").ID
	t1 := t0.Add(time.Minute)
	report(t, r, "ben", failed(a), t1)
	report(t, r, "chloe", failed(a), t1.Add(5*time.Second))
	assert.Equal(t, &t1, r.Participant("ana").UnreachableSince, "from Ben's report, the first")
	assert.Equal(t, Connecting, r.Status)
	assert.Equal(t, t1.Add(unreachable), *r.Deadline())

	assert.Nil(t, r.Expire(t1.Add(unreachable-time.Millisecond)), "taken out early")
	notes := r.Expire(t1.Add(unreachable))
	gone := r.Participant("ana")
	assert.Equal(t, Left, gone.Status)
	assert.Equal(t, PeerConnectionFailure, gone.LeaveReason)
	assert.Nil(t, gone.UnreachableSince)
	assert.Equal(t, Active, r.Status, "Ben and Chloe are connected to each other")
	assert.Nil(t, r.Deadline())
	told := map[string]bool{}
	for _, n := range notes {
		told[n.Recipient] = true
	}
	assert.Equal(t, map[string]bool{"ana": true, "ben": true, "chloe": true}, told, "everyone told, Ana too should she be there after all")
}

// TestPlayerWhoReportsStaysIn: a player whose connection broke but who is still there reports
// (an empty report will do), and that ends what the others' reports started.
func TestPlayerWhoReportsStaysIn(t *testing.T) {
	r := activeRoom(t)
	a, b := r.Participant("ana").ID, r.Participant("ben").ID
	t1 := t0.Add(time.Minute)
	report(t, r, "ben", failed(a), t1)
	v := r.Version
	notes, err := r.ReportStatus("ana", nil, t1.Add(unreachable-time.Second))
	require.NoError(t, err)
	assert.Empty(t, notes, "no status changed")
	assert.Equal(t, v+1, r.Version, "Ana's empty report is stored: she is there")
	assert.Nil(t, r.Participant("ana").UnreachableSince)
	assert.Nil(t, r.Deadline())
	assert.Nil(t, r.Expire(t1.Add(time.Hour)))
	assert.Equal(t, Joined, r.Participant("ana").Status)

	// Ana's answer of the same kind makes Ben the one to answer; Ben's next failed attempt, a
	// repeat of his report, makes Ana again.
	t2 := t1.Add(time.Minute)
	report(t, r, "ana", failed(b), t2)
	assert.Equal(t, &t2, r.Participant("ben").UnreachableSince)
	t3 := t2.Add(10 * time.Second)
	report(t, r, "ben", failed(a), t3)
	assert.Nil(t, r.Participant("ben").UnreachableSince, "Ben reported")
	assert.Equal(t, &t3, r.Participant("ana").UnreachableSince, "a repeated failure counts once Ana has answered the last")
	v = r.Version
	report(t, r, "chloe", nil, t3.Add(time.Second))
	assert.Equal(t, v, r.Version, "a report by someone nobody waits for changes nothing")
}

// TestTwoSilentPlayers: Ana alone is left reporting; Ben and Chloe both went away, and both are
// taken out although each last said it was connected to the other.
func TestTwoSilentPlayers(t *testing.T) {
	r := activeRoom(t)
	b, c := r.Participant("ben").ID, r.Participant("chloe").ID
	report(t, r, "ana", failed(b, c), t0.Add(time.Minute))
	r.Expire(t0.Add(time.Minute + unreachable))
	assert.Equal(t, Left, r.Participant("ben").Status)
	assert.Equal(t, Left, r.Participant("chloe").Status)
	assert.Equal(t, Joined, r.Participant("ana").Status)
}

// TestNoUnreachableTimerBeforeActive: while the room forms, the connection timer decides.
func TestNoUnreachableTimerBeforeActive(t *testing.T) {
	r := timedRoom(t, nil, ben)
	_, err := r.Join(ben, Client{}, t0)
	require.NoError(t, err)
	report(t, r, "ben", failed(r.Participant("ana").ID), t0)
	assert.Nil(t, r.Participant("ana").UnreachableSince)
	assert.Equal(t, after(3*time.Hour), r.Deadline(), "the connection timeout")
}

// TestUnreachablePlayerWhoLeaves keeps the reason they gave.
func TestUnreachablePlayerWhoLeaves(t *testing.T) {
	r := activeRoom(t)
	report(t, r, "ben", failed(r.Participant("ana").ID), t0)
	_, err := r.Leave("ana", Leave{Reason: GameLeft}, t0.Add(time.Second))
	require.NoError(t, err)
	r.Expire(t0.Add(time.Hour))
	assert.Equal(t, GameLeft, r.Participant("ana").LeaveReason)
}

// TestWaitEndsWhenTheReportNoLongerStands: a report that no longer stands takes nobody out,
// whether its reporter left or connected to the player again.
func TestWaitEndsWhenTheReportNoLongerStands(t *testing.T) {
	left := activeRoom(t)
	report(t, left, "ben", failed(left.Participant("ana").ID), t0)
	_, err := left.Leave("ben", Leave{Reason: PlayerLeft}, t0.Add(time.Second))
	require.NoError(t, err)
	assert.Nil(t, left.Participant("ana").UnreachableSince, "Ben, who reported Ana, left")
	assert.Equal(t, Active, left.Status, "Ana and Chloe are connected")
	left.Expire(t0.Add(time.Hour))
	assert.Equal(t, Joined, left.Participant("ana").Status)

	again := activeRoom(t)
	a := again.Participant("ana").ID
	report(t, again, "ben", failed(a), t0)
	report(t, again, "ben", []PeerUpdate{{ParticipantID: a, Report: PeerReport{Status: ConnectionEstablished}}}, t0.Add(time.Second))
	assert.Nil(t, again.Participant("ana").UnreachableSince, "Ben connected to Ana again")
	again.Expire(t0.Add(time.Hour))
	assert.Equal(t, Joined, again.Participant("ana").Status)

	gone := activeRoom(t)
	report(t, gone, "ben", failed(gone.Participant("ana").ID), t0)
	_, err = gone.Leave("ana", Leave{Reason: PlayerLeft}, t0.Add(time.Second))
	require.NoError(t, err)
	assert.Nil(t, gone.Participant("ana").UnreachableSince, "nothing kept for a player who left")
}

// TestRoomMadeBeforeTheSettingWaitsTheDefault: a room stored before timeouts.unreachable
// existed has none, and waits what every room waited then.
func TestRoomMadeBeforeTheSettingWaitsTheDefault(t *testing.T) {
	r := activeRoom(t)
	r.Timeouts.Unreachable = 0
	t1 := t0.Add(time.Minute)
	report(t, r, "ben", failed(r.Participant("ana").ID), t1)
	assert.Equal(t, t1.Add(application.Defaults.Timeouts.Unreachable), *r.Deadline())
}
