package match

import (
	"time"

	"github.com/openplay-games/openplay/shared/notification"
)

// act is the path of every rule a player calls on the match. The timers that lapsed by now fire
// first, so that the call acts on the match as it is now (and may be refused by it: a turn that
// timed out is no longer the caller's); then the rule. It returns the timers' notifications
// followed by the rule's, or the rule's error (the caller then stores nothing, the lapsed timers
// included).
func (m *Match) act(now time.Time, rule func() ([]notification.Notification, error)) ([]notification.Notification, error) {
	expired := m.Expire(now)
	owed, err := rule()
	if err != nil {
		return nil, err
	}
	return append(expired, owed...), nil
}
