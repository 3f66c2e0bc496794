package functionstest

import (
	"testing"

	"github.com/openplay-games/openplay/shared/gamesv1"
)

// RoomParticipant is the participant of r playing as playerID; the test fails if there is none.
func RoomParticipant(t *testing.T, r gamesv1.Room, playerID string) gamesv1.RoomParticipant {
	t.Helper()
	return participant(t, r.Participants, func(p gamesv1.RoomParticipant) *gamesv1.Player { return p.Player },
		playerID, "room "+r.RoomID)
}

// MatchParticipant is the participant of m playing as playerID; the test fails if there is none.
func MatchParticipant(t *testing.T, m gamesv1.TurnBasedMatch, playerID string) gamesv1.TurnBasedMatchParticipant {
	t.Helper()
	return participant(t, m.Participants, func(p gamesv1.TurnBasedMatchParticipant) *gamesv1.Player { return p.Player },
		playerID, "match "+m.MatchID)
}

// participant finds playerID among the participants of a game (named in the failure).
func participant[P any](t *testing.T, participants []P, player func(P) *gamesv1.Player, playerID, game string) P {
	t.Helper()
	for _, p := range participants {
		if pl := player(p); pl != nil && pl.PlayerID == playerID {
			return p
		}
	}
	t.Fatalf("player %s is not in %s", playerID, game)
	var none P
	return none
}
