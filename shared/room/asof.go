package room

import "time"

// AsOf brings the room to what a reader sees at now: its lapsed timers fired. A read stores
// nothing, so what they owe is the sweeper's (or the next change's) to deliver.
func (r *Room) AsOf(now time.Time) { r.Expire(now) }
