// Package ratelimit is OpenPlay's abuse limits as pure rules over counters the store keeps in
// the same transaction as the call they limit: a fixed window of time and what was counted in it
// (Window), and on top of it the invitations a player sends (Invitations.Charge) and receives
// (Received). docs/api.md (Limits) says which calls they apply to, and why.
package ratelimit

import "time"

// Window counts what one player did in a fixed window of time: Count since Start.
type Window struct {
	Start time.Time
	Count int
}

// At is the window w stands in at now, for windows of length: w while it lasts, else a new,
// empty window from now. A clock that went back before w's start also opens a new one, so a
// player is never held to an old count.
func (w Window) At(now time.Time, length time.Duration) Window {
	if now.Before(w.Start) || now.Sub(w.Start) >= length {
		return Window{Start: now}
	}
	return w
}

// End is when w ends, for windows of length.
func (w Window) End(length time.Duration) time.Time { return w.Start.Add(length) }
