package room

import (
	"strconv"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
)

// PeerStatus is what a participant reports about its connection to a peer.
type PeerStatus string

const (
	ConnectionEstablished PeerStatus = "CONNECTION_ESTABLISHED"
	ConnectionFailed      PeerStatus = "CONNECTION_FAILED"
)

// PeerReport is a participant's latest report about one peer.
type PeerReport struct {
	Status                           PeerStatus
	Error                            string
	ErrorReason                      string
	ConnectionSetupLatencyMillis     *int32
	UnreliableRoundtripLatencyMillis *int32
}

// PeerUpdate is one entry of a reportStatus call.
type PeerUpdate struct {
	ParticipantID string
	Report        PeerReport
}

// ReportStatus records the caller's view of its connections to its peers. A participant counts
// as connected once it and every other joined participant report an established connection to
// each other; the room is active when every joined participant is connected. In a room that was
// active, a report also tells who is still there (see noteWhoIsThere), so an empty one is a
// player saying they are. A report that repeats what the room already knows changes nothing (and
// the version stays).
func (r *Room) ReportStatus(playerID string, updates []PeerUpdate, now time.Time) ([]notification.Notification, error) {
	return r.act(playerID, now, func() error { return r.reportStatus(playerID, updates, now) })
}

func (r *Room) reportStatus(playerID string, updates []PeerUpdate, now time.Time) error {
	p, err := r.caller(playerID)
	if err != nil {
		return err
	}
	if err := p.mustBeJoined("report status"); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, u := range updates {
		field := "updates[" + strconv.Itoa(i) + "].participantId"
		switch {
		case u.ParticipantID == p.ID:
			return errs.E(errs.Invalid, field, "a participant cannot report a connection to itself")
		case r.ParticipantByID(u.ParticipantID) == nil:
			return errs.E(errs.Invalid, field, "no participant %q in this room", u.ParticipantID)
		case seen[u.ParticipantID]:
			return errs.E(errs.Invalid, field, "participant %q is reported twice", u.ParticipantID)
		}
		seen[u.ParticipantID] = true
	}
	changed := r.noteWhoIsThere(p, updates, now)
	for _, u := range updates {
		if old, ok := p.Peers[u.ParticipantID]; ok && samePeerReport(old, u.Report) {
			continue
		}
		if p.Peers == nil {
			p.Peers = map[string]PeerReport{}
		}
		p.Peers[u.ParticipantID] = u.Report
		changed = true
	}
	if changed {
		r.settle(p.ID, now)
	}
	return nil
}

func samePeerReport(a, b PeerReport) bool {
	return a.Status == b.Status && a.Error == b.Error && a.ErrorReason == b.ErrorReason &&
		equalPtr(a.ConnectionSetupLatencyMillis, b.ConnectionSetupLatencyMillis) &&
		equalPtr(a.UnreliableRoundtripLatencyMillis, b.UnreliableRoundtripLatencyMillis)
}

func equalPtr(a, b *int32) bool { return a == b || a != nil && b != nil && *a == *b }
