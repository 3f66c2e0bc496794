package matches

import (
	"encoding/base64"
	"strings"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/match"
)

// render is the TurnBasedMatch resource as the player viewerID sees it. Without withData the
// game state is left out and data.dataAvailable says there is some to fetch.
func render(m *match.Match, viewerID string, withData bool) gamesv1.TurnBasedMatch {
	out := gamesv1.TurnBasedMatch{
		Kind:                 gamesv1.KindTurnBasedMatch,
		ApplicationID:        m.ApplicationID,
		MatchID:              m.ID,
		MatchNumber:          int32(m.Number),
		MatchVersion:         int32(m.Version),
		Status:               string(m.Status),
		UserMatchStatus:      string(m.UserStatusOf(viewerID)),
		Variant:              m.Variant,
		PendingParticipantID: m.PendingParticipantID,
		RematchID:            m.RematchID,
		CreationDetails:      modification(m.Created),
		LastUpdateDetails:    modification(m.LastUpdate),
		Description:          describe(m, viewerID),
	}
	if m.HasData {
		out.Data = data(m.Data, withData)
	}
	if m.HasPreviousData {
		out.PreviousMatchData = data(m.PreviousData, withData)
	}
	if a := m.AutoMatching; a != nil {
		mask := gamesv1.Int64(a.ExclusiveBitmask)
		out.AutoMatchingCriteria = &gamesv1.TurnBasedAutoMatchingCriteria{Kind: gamesv1.KindTurnBasedAutoMatchingCriteria,
			MinAutoMatchingPlayers: &a.Min, MaxAutoMatchingPlayers: &a.Max, ExclusiveBitmask: &mask}
	}
	if viewer := m.Participant(viewerID); viewer != nil {
		out.InviterID = viewer.InviterID
	}
	if with := m.With(viewerID); with != nil {
		out.WithParticipantID = with.ID
	}
	for i := range m.Participants {
		p := &m.Participants[i]
		tp := gamesv1.TurnBasedMatchParticipant{Kind: gamesv1.KindTurnBasedMatchParticipant, ID: p.ID, Status: string(p.Status), AutoMatched: p.AutoMatched}
		tp.Player, tp.AutoMatchedPlayer = gamesv1.Identity(p.Player.ID, p.Player.DisplayName, p.Player.AvatarURL, m.Anonymous(p, viewerID))
		out.Participants = append(out.Participants, tp)
	}
	for _, r := range m.Results {
		out.Results = append(out.Results, gamesv1.ParticipantResult{Kind: gamesv1.KindParticipantResult,
			ParticipantID: r.ParticipantID, Placing: r.Placing, Result: string(r.Outcome)})
	}
	return out
}

// renderSynced is a match in a sync response: a tombstone (MATCH_DELETED) for a viewer who
// dismissed it.
func renderSynced(m *match.Match, viewerID string, withData bool) gamesv1.TurnBasedMatch {
	if p := m.Participant(viewerID); p != nil && p.Dismissed {
		return gamesv1.TurnBasedMatch{Kind: gamesv1.KindTurnBasedMatch, ApplicationID: m.ApplicationID, MatchID: m.ID,
			MatchVersion: int32(m.Version), Status: string(match.Deleted), LastUpdateDetails: modification(m.LastUpdate)}
	}
	return render(m, viewerID, withData)
}

func data(b []byte, include bool) *gamesv1.TurnBasedMatchData {
	if !include {
		return &gamesv1.TurnBasedMatchData{Kind: gamesv1.KindTurnBasedMatchData, DataAvailable: true}
	}
	return &gamesv1.TurnBasedMatchData{Kind: gamesv1.KindTurnBasedMatchData, Data: base64.URLEncoding.EncodeToString(b)}
}

func modification(m match.Modification) *gamesv1.TurnBasedMatchModification {
	return &gamesv1.TurnBasedMatchModification{Kind: gamesv1.KindTurnBasedMatchModification,
		ModifiedTimestampMillis: gamesv1.Int64(m.At.UnixMilli()), ParticipantID: m.ParticipantID}
}

// describe is the match's one-line description, worded for the viewer and the state of play.
func describe(m *match.Match, viewerID string) string {
	others := otherNames(m, viewerID)
	switch m.UserStatusOf(viewerID) {
	case match.UserInvited:
		if viewer := m.Participant(viewerID); viewer != nil {
			if inviter := m.ParticipantByID(viewer.InviterID); inviter != nil {
				return name(inviter) + " invited you to a turn-based game"
			}
		}
		return "You are invited to a turn-based game"
	case match.UserTurn:
		if m.Status == match.Complete {
			return "The game with " + others + " is over: confirm your results"
		}
		return "Your turn against " + others
	case match.UserAwaitingTurn:
		if p := m.ParticipantByID(m.PendingParticipantID); p != nil {
			return "Waiting for " + name(p) + " to play"
		}
		return "Waiting for an auto-matched player"
	}
	switch m.Status {
	case match.Canceled:
		return "The game with " + others + " was canceled"
	case match.Expired:
		return "The game with " + others + " expired"
	}
	return "The game with " + others + " is over"
}

func otherNames(m *match.Match, viewerID string) string {
	var names []string
	for i := range m.Participants {
		if p := &m.Participants[i]; p.Player.ID != viewerID {
			names = append(names, name(p))
		}
	}
	switch len(names) {
	case 0:
		return "auto-matched players"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func name(p *match.Participant) string {
	if p.Player.DisplayName != "" {
		return p.Player.DisplayName
	}
	return "a player"
}
