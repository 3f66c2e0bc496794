package room

import (
	"slices"
	"strconv"
	"time"
)

// settle records a change by participantID at now: it bumps the version and recomputes what
// follows from the participants (connected flags, status).
func (r *Room) settle(participantID string, now time.Time) {
	r.Version++
	r.LastUpdate = Modification{ParticipantID: participantID, At: now}

	var joined []*Participant
	for i := range r.Participants {
		if r.Participants[i].Status == Joined {
			joined = append(joined, &r.Participants[i])
		}
	}
	allConnected := len(joined) >= 2
	for i := range r.Participants {
		p := &r.Participants[i]
		p.Connected = p.Status == Joined && len(joined) >= 2 && connectedToAll(p, joined)
		allConnected = allConnected && (p.Status != Joined || p.Connected)
	}

	pending := slices.ContainsFunc(r.Participants, func(p Participant) bool { return p.Status == Invited })

	switch {
	case len(joined) == 0:
		r.Status = Deleted
	case pending:
		r.Status = Inviting
	case r.OpenSlots > 0:
		r.Status = AutoMatching
	case allConnected:
		r.Status = Active
	default:
		r.Status = Connecting
	}
	r.WasActive = r.WasActive || r.Status == Active
	r.forgetAnswered()
	if r.ConnectingSince == nil && (r.Status == Connecting || r.Status == Active) {
		at := now
		r.ConnectingSince = &at
	}
}

// connectedToAll reports whether p and every other joined participant have each reported an
// established connection to the other: a pair counts only when both sides agree.
func connectedToAll(p *Participant, joined []*Participant) bool {
	for _, q := range joined {
		if q == p {
			continue
		}
		if p.Peers[q.ID].Status != ConnectionEstablished || q.Peers[p.ID].Status != ConnectionEstablished {
			return false
		}
	}
	return true
}

// addParticipant appends a participant with the room's next participant ID.
func (r *Room) addParticipant(p Participant) *Participant {
	r.NextParticipant++
	p.ID = "p_" + strconv.Itoa(r.NextParticipant)
	r.Participants = append(r.Participants, p)
	return &r.Participants[len(r.Participants)-1]
}
