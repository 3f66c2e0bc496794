package ratelimit

import (
	"time"

	"github.com/openplay-games/openplay/shared/application"
)

// Received is what one player's inbox took in its current window (Window.Count invitations),
// and how many invitations it held back in that window.
type Received struct {
	Window   Window
	HeldBack int
}

// Receive counts one invitation arriving at the inbox at now and returns the window to store.
// ok is false when the inbox already took lim.PerRecipient invitations in the window: the
// invitation is held back, and counted as such.
func (r Received) Receive(lim application.InvitationLimits, now time.Time) (next Received, ok bool) {
	next = r
	if w := r.Window.At(now, lim.Window); !w.Start.Equal(r.Window.Start) {
		next = Received{Window: w}
	}
	if next.Window.Count >= lim.PerRecipient {
		next.HeldBack++
		return next, false
	}
	next.Window.Count++
	return next, true
}
