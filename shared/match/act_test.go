package match

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
)

// TestRulesApplyLapsedTimersFirst: a rule called after a timer lapsed acts on the match as the
// timer left it, and returns the timer's notifications before its own; a rule the timer made
// impossible is refused and owes nothing. The match is timed's: Ben's turn runs out 14 days
// after t0, which invites Chloe and gives her the turn.
func TestRulesApplyLapsedTimersFirst(t *testing.T) {
	late := t0.Add(14 * day)
	lapse := []string{"MATCH_INVITATION>chloe@v3", "MATCH_TIMED_OUT>ben@v3"}
	tests := []struct {
		name    string
		rule    func(*Match) ([]notification.Notification, error)
		want    []string
		refused string // the rule is refused, saying this: nothing owed
	}{
		{name: "join: Chloe accepts the invitation the lapse sent",
			rule: func(m *Match) ([]notification.Notification, error) { return m.Join(chloe, late) },
			want: lapse},
		{name: "dismiss",
			rule: func(m *Match) ([]notification.Notification, error) { return m.Dismiss("ana", late) },
			want: lapse},
		{name: "cancel: the invitee is told, not the player who timed out",
			rule: func(m *Match) ([]notification.Notification, error) { return m.Cancel("ana", late) },
			want: append(lapse, "MATCH_CANCELED>chloe@v4")},
		{name: "leave: Chloe keeps the turn",
			rule: func(m *Match) ([]notification.Notification, error) { return m.Leave("ana", late) },
			want: lapse},
		{name: "decline on the turn the lapse passed: Ana, the lone remaining player, gets it",
			rule: func(m *Match) ([]notification.Notification, error) { return m.Decline("chloe", late) },
			want: append(lapse, "MATCH_TURN>ana@v4")},
		{name: "takeTurn on a turn that ran out: refused",
			rule: func(m *Match) ([]notification.Notification, error) {
				return m.TakeTurn("ben", Turn{Version: 2, Next: "p_1"}, late)
			},
			refused: "you are PARTICIPANT_UNRESPONSIVE"},
		{name: "leaveTurn on a turn that ran out: refused",
			rule:    func(m *Match) ([]notification.Notification, error) { return m.LeaveTurn("ben", 2, "p_1", late) },
			refused: "you are PARTICIPANT_UNRESPONSIVE"},
		{name: "finish on a turn that ran out: refused",
			rule:    func(m *Match) ([]notification.Notification, error) { return m.Finish("ben", Finish{Version: 2}, late) },
			refused: "you are PARTICIPANT_UNRESPONSIVE"},
		{name: "takeTurn just before the deadline: no lapse",
			rule: func(m *Match) ([]notification.Notification, error) {
				return m.TakeTurn("ben", Turn{Version: 2, Next: "p_1"}, late.Add(-1))
			},
			want: []string{"MATCH_TURN>ana@v3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := timed(t)
			notes, err := tt.rule(m)
			if tt.refused != "" {
				wantErr(t, err, errs.Conflict, tt.refused)
				assert.Empty(t, notes)
				return
			}
			require.NoError(t, err)
			var got []string
			for _, n := range notes {
				got = append(got, string(n.Type)+">"+n.Recipient+"@v"+itoa(n.Version))
				assert.Equal(t, "match~m1~"+string(n.Type)+"~v"+itoa(n.Version)+"~"+m.Participant(n.Recipient).ID, n.ID)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestRematchOfAnExpiredMatch: the timers a rematch applies first can only end an open match,
// which is refused all the same.
func TestRematchOfAnExpiredMatch(t *testing.T) {
	m := timed(t)
	_, notes, err := m.Rematch("ana", nil, t0.Add(50*day))
	wantErr(t, err, errs.Conflict, "the match is MATCH_EXPIRED, not complete")
	assert.Empty(t, notes)
}
