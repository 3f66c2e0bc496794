package application

import "time"

// Limits are the application's abuse limits: how many invitations players may send and receive.
type Limits struct {
	Invitations InvitationLimits
}

// InvitationLimits bound the invitations players send and receive in fixed windows of time, so
// that nobody can flood another player with notifications (docs/api.md, Limits). The defaults
// are far above what a player inviting friends all evening sends.
type InvitationLimits struct {
	// Window is the length of the windows every invitation limit counts in.
	Window time.Duration
	// PerSender is how many invitations one player may send in a window; a call that would send
	// more is refused with 429.
	PerSender int
	// PerSenderToOnePlayer is how many of them may go to the same player; more is refused with 429.
	PerSenderToOnePlayer int
	// PerRecipient is how many invitations, from everyone, a player's inbox takes in a window; the
	// rest are held back (the invitations stand, their notifications are not put in the inbox).
	PerRecipient int
}

// Bounds on the invitation limits: a window from a second (a load test lifts the limits with a
// thousand a second) to a day, the longest a player held back waits; counts up to a thousand, as
// the sender's window keeps a count per invited player in one document (some 150 KB at a
// thousand, well within Firestore's 1 MiB).
const (
	MinLimitWindow = time.Second
	MaxLimitWindow = 24 * time.Hour
	MaxLimitCount  = 1000
)
