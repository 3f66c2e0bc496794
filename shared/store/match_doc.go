package store

import (
	"time"

	"github.com/openplay-games/openplay/shared/match"
)

// matchDoc is a turn-based match as stored (matches/{matchId}). The listing and sync queries
// filter on listed, open and players and order by created.at and syncAt, auto-matching queries
// pool, seeking, applicationId and lastUpdate.at, the sweeper deadline (infra/firestore.indexes.json), so the
// names must not change. Those the queries alone need (players, listed, open, deadline, pool,
// seeking) are written from what the match's rules say of it and not read back;
// syncAt, left zero, is stamped by Firestore with the commit time of every write (each is a
// change: the store writes a match only when a rule changed it).
type matchDoc struct {
	ID                   string                `firestore:"id"`
	ApplicationID        string                `firestore:"applicationId"`
	Status               match.Status          `firestore:"status"`
	Version              int64                 `firestore:"version"`
	Revision             int64                 `firestore:"revision"`
	Number               int                   `firestore:"number"`
	Variant              *int32                `firestore:"variant"`
	AutoMatching         *autoMatchDoc         `firestore:"autoMatching"`
	OpenSlots            int                   `firestore:"openSlots"`
	Participants         []matchParticipantDoc `firestore:"participants"`
	PendingParticipantID string                `firestore:"pendingParticipantId"`
	Data                 []byte                `firestore:"data"`
	HasData              bool                  `firestore:"hasData"`
	PreviousData         []byte                `firestore:"previousData"`
	HasPreviousData      bool                  `firestore:"hasPreviousData"`
	Results              []resultDoc           `firestore:"results"`
	Created              modificationDoc       `firestore:"created"`
	LastUpdate           modificationDoc       `firestore:"lastUpdate"`
	RematchID            string                `firestore:"rematchId"`
	Players              []string              `firestore:"players"`
	Listed               []string              `firestore:"listed"`
	Open                 bool                  `firestore:"open"`
	SyncAt               time.Time             `firestore:"syncAt,serverTimestamp"`
	NextParticipant      int                   `firestore:"nextParticipant"`

	Timeouts  timeoutsDoc `firestore:"timeouts"`
	TurnSince time.Time   `firestore:"turnSince"`
	Deadline  *time.Time  `firestore:"deadline"`

	Pool       string `firestore:"pool"`
	Seeking    bool   `firestore:"seeking"`
	Seed       bool   `firestore:"seed"`
	MergedInto string `firestore:"mergedInto,omitempty"`
}

type matchParticipantDoc struct {
	ID               string                  `firestore:"id"`
	Player           profileDoc              `firestore:"player"`
	Status           match.ParticipantStatus `firestore:"status"`
	InviterID        string                  `firestore:"inviterId,omitempty"`
	AutoMatched      bool                    `firestore:"autoMatched,omitempty"`
	Dismissed        bool                    `firestore:"dismissed,omitempty"`
	InvitedAt        time.Time               `firestore:"invitedAt"`
	ExclusiveBitmask int64                   `firestore:"exclusiveBitmask,omitempty"`
	Waiting          bool                    `firestore:"waiting,omitempty"`
}

type resultDoc struct {
	ParticipantID string        `firestore:"participantId"`
	Placing       *int32        `firestore:"placing"`
	Outcome       match.Outcome `firestore:"outcome"`
}

// matchCodec stores matches as matchDoc.
var matchCodec = codecOf(toMatchDoc, (*matchDoc).match)

func toMatchDoc(m *match.Match) *matchDoc {
	return &matchDoc{ID: m.ID, ApplicationID: m.ApplicationID, Status: m.Status, Version: m.Version, Revision: m.Revision,
		Number: m.Number, Variant: m.Variant, AutoMatching: toAutoMatchDoc(m.AutoMatching), OpenSlots: m.OpenSlots,
		Participants:         convert(m.Participants, toMatchParticipantDoc),
		PendingParticipantID: m.PendingParticipantID, Data: m.Data, HasData: m.HasData, PreviousData: m.PreviousData,
		HasPreviousData: m.HasPreviousData, Results: convert(m.Results, func(r match.Result) resultDoc { return resultDoc(r) }),
		Created: modificationDoc(m.Created), LastUpdate: modificationDoc(m.LastUpdate), RematchID: m.RematchID,
		Players: m.Players(), Listed: m.Listed(), Open: m.Open(), NextParticipant: m.NextParticipant,
		Timeouts: toTimeoutsDoc(m.Timeouts), TurnSince: m.TurnSince, Deadline: m.Deadline(),
		Pool: m.Pool(), Seeking: m.Seeking(), Seed: m.Seed, MergedInto: m.MergedInto}
}

func (d *matchDoc) match() *match.Match {
	return &match.Match{ID: d.ID, ApplicationID: d.ApplicationID, Status: d.Status, Version: d.Version, Revision: d.Revision,
		Number: d.Number, Variant: d.Variant, AutoMatching: d.AutoMatching.autoMatch(), OpenSlots: d.OpenSlots,
		Participants:         convert(d.Participants, matchParticipantDoc.participant),
		PendingParticipantID: d.PendingParticipantID, Data: d.Data, HasData: d.HasData, PreviousData: d.PreviousData,
		HasPreviousData: d.HasPreviousData, Results: convert(d.Results, func(r resultDoc) match.Result { return match.Result(r) }),
		Created: match.Modification(d.Created), LastUpdate: match.Modification(d.LastUpdate), RematchID: d.RematchID,
		NextParticipant: d.NextParticipant,
		Timeouts:        d.Timeouts.timeouts(), TurnSince: d.TurnSince,
		Seed: d.Seed, MergedInto: d.MergedInto}
}

func toMatchParticipantDoc(p match.Participant) matchParticipantDoc {
	return matchParticipantDoc{ID: p.ID, Player: toProfileDoc(p.Player), Status: p.Status, InviterID: p.InviterID,
		AutoMatched: p.AutoMatched, Dismissed: p.Dismissed, InvitedAt: p.InvitedAt, ExclusiveBitmask: p.ExclusiveBitmask,
		Waiting: p.Waiting}
}

func (d matchParticipantDoc) participant() match.Participant {
	return match.Participant{ID: d.ID, Player: d.Player.profile(), Status: d.Status, InviterID: d.InviterID,
		AutoMatched: d.AutoMatched, Dismissed: d.Dismissed, InvitedAt: d.InvitedAt, ExclusiveBitmask: d.ExclusiveBitmask,
		Waiting: d.Waiting}
}
