package room

import (
	"time"

	"github.com/openplay-games/openplay/shared/application"
)

// unreachableAfter is how long a participant of a room that was active has to call reportStatus
// after another participant reported its connection to them failed (timeouts.unreachable). One
// who does not is taken out (see the timer in timers.go): their device went away without a
// word, and the others would otherwise count them in, and try to connect to them, for as long
// as the room lasts. A client whose connection is being set up reports at least every 10
// seconds, so it has two or more chances. A room made before the setting existed stores none,
// and waits the default, as all rooms did then.
func (r *Room) unreachableAfter() time.Duration {
	if r.Timeouts.Unreachable > 0 {
		return r.Timeouts.Unreachable
	}
	return application.Defaults.Timeouts.Unreachable
}

// noteWhoIsThere records what a report by caller says of who is still there, in a room that was
// active (before that, the connection timer ends a room whose players do not all connect): the
// caller is, as it just called; a joined peer it reports CONNECTION_FAILED may not be, from now
// on unless already so. It reports whether it changed anything.
func (r *Room) noteWhoIsThere(caller *Participant, updates []PeerUpdate, now time.Time) (changed bool) {
	if !r.WasActive {
		return false
	}
	if caller.UnreachableSince != nil {
		caller.UnreachableSince = nil
		changed = true
	}
	for _, u := range updates {
		peer := r.ParticipantByID(u.ParticipantID)
		if u.Report.Status == ConnectionFailed && peer.Status == Joined && peer.UnreachableSince == nil {
			at := now
			peer.UnreachableSince = &at
			changed = true
		}
	}
	return changed
}

// forgetAnswered ends the wait for each participant who is no longer joined, or whom no joined
// participant reports CONNECTION_FAILED about any more (the reporter left, or connected to them
// again): only a report that still stands may take a player out. settle calls it on every change.
func (r *Room) forgetAnswered() {
	for i := range r.Participants {
		p := &r.Participants[i]
		if p.UnreachableSince != nil && (p.Status != Joined || !r.reportedFailed(p.ID)) {
			p.UnreachableSince = nil
		}
	}
}

// reportedFailed reports whether a joined participant's latest report about id is CONNECTION_FAILED.
func (r *Room) reportedFailed(id string) bool {
	for _, q := range r.Participants {
		if q.Status == Joined && q.Peers[id].Status == ConnectionFailed {
			return true
		}
	}
	return false
}
