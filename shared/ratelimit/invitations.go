package ratelimit

import (
	"fmt"
	"maps"
	"time"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/errs"
)

// Sent is what one player sent in their current window: how many invitations (Window.Count) and
// how many to each player.
type Sent struct {
	Window Window
	To     map[string]int
}

// Invitations is a call in which Sender invites each of To, at Now, under Limits. Field is the
// request field that names the invited players, which a refusal names.
type Invitations struct {
	Sender string
	To     []string
	Field  string
	Limits application.InvitationLimits
	Now    time.Time
}

// Charge counts inv's invitations in sent, the sender's window as stored, and returns the window
// to store. If they would take the sender past Limits.PerSender in the window, or past
// Limits.PerSenderToOnePlayer to one player, all are refused: a coded Rate error that names the
// limit and when the window ends (and asks the caller to retry then), and nothing to store.
func (inv Invitations) Charge(sent Sent) (Sent, error) {
	lim := inv.Limits
	w := sent.Window.At(inv.Now, lim.Window)
	to := map[string]int{}
	if w.Start.Equal(sent.Window.Start) {
		maps.Copy(to, sent.To)
	}
	if w.Count+len(inv.To) > lim.PerSender {
		return sent, inv.refuse(w, "limits.invitations.perSender allows a player %d invitations every %s, and %d were sent",
			lim.PerSender, lim.Window, w.Count)
	}
	for _, id := range inv.To {
		if to[id]++; to[id] > lim.PerSenderToOnePlayer {
			return sent, inv.refuse(w, "limits.invitations.perSenderToOnePlayer allows a player %d invitations to player %s every %s",
				lim.PerSenderToOnePlayer, id, lim.Window)
		}
	}
	w.Count += len(inv.To)
	return Sent{Window: w, To: to}, nil
}

func (inv Invitations) refuse(w Window, format string, args ...any) error {
	end := w.End(inv.Limits.Window)
	e := errs.E(errs.Rate, inv.Field, "too many invitations: %s; this window ends at %s",
		fmt.Sprintf(format, args...), end.UTC().Format(time.RFC3339))
	e.RetryAfter = end.Sub(inv.Now)
	return e
}
