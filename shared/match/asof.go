package match

import "time"

// AsOf brings the match to what a reader sees at now: its lapsed timers fired. A read stores
// nothing, so what they owe is the sweeper's (or the next change's) to deliver.
func (m *Match) AsOf(now time.Time) { m.Expire(now) }
