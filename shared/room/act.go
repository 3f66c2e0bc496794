package room

import (
	"time"

	"github.com/openplay-games/openplay/shared/notification"
)

// act is the path of every rule a player calls on the room. The timers that lapsed by now fire
// first, so that the call acts on the room as it is now (and may be refused by it); then the
// rule; then the status notifications its change owes the others (actorID is the caller). It
// returns the timers' notifications followed by the change's, or the rule's error (the caller
// then stores nothing, the lapsed timers included).
func (r *Room) act(actorID string, now time.Time, rule func() error) ([]notification.Notification, error) {
	expired := r.Expire(now)
	before := r.Snapshot()
	if err := rule(); err != nil {
		return nil, err
	}
	return append(expired, r.StatusNotifications(before, actorID, now)...), nil
}
