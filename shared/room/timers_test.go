package room

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/player"
)

func timedRoom(t *testing.T, auto *game.AutoMatch, invitees ...player.Profile) *Room {
	t.Helper()
	timeouts := application.Timeouts{Invitation: time.Hour, AutoMatch: 2 * time.Hour, RoomConnection: 3 * time.Hour, Unreachable: unreachable}
	r, _, err := New(Create{Create: game.Create{ID: "r1", ApplicationID: "app", Creator: ana,
		Invitees: invitees, AutoMatching: auto, Timeouts: timeouts}}, t0)
	require.NoError(t, err)
	return r
}

// unreachable is timedRoom's timeouts.unreachable, not the default, so that a test shows the
// room's own setting applies.
const unreachable = 40 * time.Second

// after is the time d after t0, as a deadline.
func after(d time.Duration) *time.Time {
	at := t0.Add(d)
	return &at
}

func TestRoomInvitationLapses(t *testing.T) {
	r := timedRoom(t, nil, ben, chloe)
	_, err := r.Join(ben, Client{}, t0)
	require.NoError(t, err)
	assert.Nil(t, r.Expire(t0.Add(time.Hour-time.Second)), "the invitation lapsed early")
	assert.Equal(t, Invited, r.Participant("chloe").Status, "the invitation lapsed early")
	notes := r.Expire(t0.Add(time.Hour))
	told := map[string]bool{}
	for _, n := range notes {
		told[n.Recipient] = true
	}
	assert.Equal(t, Declined, r.Participant("chloe").Status, "a lapsed invitation")
	assert.Equal(t, Connecting, r.Status)
	assert.Len(t, notes, 3)
	assert.Equal(t, map[string]bool{"ana": true, "ben": true, "chloe": true}, told, "Ana, Ben and Chloe told")
	assert.Equal(t, after(4*time.Hour), r.Deadline(), "the connection timeout, counted from the lapse that ended the waiting")

	dismissed := timedRoom(t, nil, ben, chloe)
	_, err = dismissed.Dismiss("chloe", t0)
	require.NoError(t, err)
	for _, n := range dismissed.Expire(t0.Add(time.Hour)) {
		assert.NotEqual(t, "chloe", n.Recipient, "Chloe dismissed the invitation and is told it lapsed")
	}
}

func TestRoomThatNeverConnectsIsDeleted(t *testing.T) {
	r := timedRoom(t, nil, ben)
	_, err := r.Join(ben, Client{}, t0)
	require.NoError(t, err)
	notes := r.Expire(t0.Add(5 * time.Hour))
	assert.Equal(t, Deleted, r.Status)
	assert.Nil(t, r.Deadline())
	assert.Equal(t, Timeout, r.Participant("ben").LeaveReason)
	assert.Len(t, notes, 2, "both told")
}

func TestWaitingRoomHasNoConnectionTimer(t *testing.T) {
	r := timedRoom(t, &game.AutoMatch{Min: 1, Max: 1})
	assert.Equal(t, after(2*time.Hour), r.Deadline(), "the auto-match timeout, not the connection timeout")
	_, err := r.Place("app", game.Seeker{Player: ben, Criteria: game.AutoMatch{Min: 1, Max: 1}}, Client{}, false, t0.Add(time.Hour))
	require.NoError(t, err)
	assert.Equal(t, Connecting, r.Status)
	assert.Equal(t, after(4*time.Hour), r.Deadline(), "three hours from the fill")
}

func TestActiveRoomHasNoConnectionTimer(t *testing.T) {
	r := timedRoom(t, nil, ben)
	_, err := r.Join(ben, Client{}, t0)
	require.NoError(t, err)
	up := func(id string) []PeerUpdate {
		return []PeerUpdate{{ParticipantID: id, Report: PeerReport{Status: ConnectionEstablished}}}
	}
	a, b := r.Participant("ana").ID, r.Participant("ben").ID
	_, err = r.ReportStatus("ana", up(b), t0)
	require.NoError(t, err)
	_, err = r.ReportStatus("ben", up(a), t0)
	require.NoError(t, err)
	assert.Equal(t, Active, r.Status)
	assert.Nil(t, r.Deadline(), "no timer")
	assert.Nil(t, r.Expire(t0.Add(100*time.Hour)), "an active room expired")
	assert.Equal(t, Active, r.Status, "an active room expired")
}

func TestUnfilledRoomSlots(t *testing.T) {
	r := timedRoom(t, &game.AutoMatch{Min: 1, Max: 2}, ben)
	_, err := r.Join(ben, Client{}, t0)
	require.NoError(t, err)
	_, err = r.Place("app", game.Seeker{Player: chloe, Criteria: game.AutoMatch{Min: 1, Max: 3}}, Client{}, false, t0)
	require.NoError(t, err)
	r.Expire(t0.Add(2 * time.Hour))
	assert.Equal(t, Connecting, r.Status, "the slot closed and the three connecting")
	assert.Equal(t, 0, r.OpenSlots)
	alone := timedRoom(t, &game.AutoMatch{Min: 1, Max: 1})
	alone.Expire(t0.Add(2 * time.Hour))
	assert.Equal(t, Deleted, alone.Status, "a room nobody joined is deleted after its slots closed")
}

// TestRefreshShowsTheRoomAsOfNow: a reader sees the lapsed timers applied.
func TestRefreshShowsTheRoomAsOfNow(t *testing.T) {
	r := timedRoom(t, nil, ben)
	r.Refresh(t0.Add(time.Hour - time.Second))
	assert.Equal(t, Invited, r.Participant("ben").Status, "before the deadline")
	r.Refresh(t0.Add(time.Hour))
	assert.Equal(t, Declined, r.Participant("ben").Status, "at the deadline the invitation lapsed")
	assert.Equal(t, Connecting, r.Status, "Ana's room waits for nobody")
}
