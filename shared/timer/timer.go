// Package timer holds the deadlines a room or match runs, each with what happens when it passes,
// and picks the next one and the one due first.
package timer

import (
	"time"

	"github.com/openplay-games/openplay/shared/notification"
)

// Timer is a deadline a game runs and what happens to the game when it passes (with the
// notifications that owes).
type Timer struct {
	At   time.Time
	Fire func(at time.Time) []notification.Notification
}

// Next is the earliest deadline of timers, or nil when there is none.
func Next(timers []Timer) *time.Time {
	var next *time.Time
	for _, t := range timers {
		if next == nil || t.At.Before(*next) {
			at := t.At
			next = &at
		}
	}
	return next
}

// Due is the earliest of timers whose deadline is not after now.
func Due(timers []Timer, now time.Time) (Timer, bool) {
	var due Timer
	found := false
	for _, t := range timers {
		if !t.At.After(now) && (!found || t.At.Before(due.At)) {
			due, found = t, true
		}
	}
	return due, found
}
