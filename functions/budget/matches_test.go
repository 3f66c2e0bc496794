package budget

import (
	"fmt"
	"net/http"

	"github.com/openplay-games/openplay/functions/functionstest"
	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/testenv"
)

// Turn-based matches: the largest match has eight players and the most game state a turn may
// store (match.MaxDataBytes); a rematch also shows the state of the match before it.

const matches = "/games/v1/turnbasedmatches"

// fullPages is enough of the largest matches or rooms to fill more than a page of a listing (a
// page ends at 256 KiB, shared/store/pages.go).
const fullPages = 10

// matchCast is who the fixture's matches are made of: a creator and seven invitees (the same
// players as the rooms'; the two never meet).
func (f *fixture) matchCast() (testenv.Player, []testenv.Player) { return f.roomCast() }

func (f *fixture) createMatch() call {
	creator, invitees := f.matchCast()
	return call{http.MethodPost, matches + "/create", creator.Token, body(f.t, map[string]any{"kind": gamesv1.KindTurnBasedMatchCreateRequest,
		"invitedPlayerIds": playerIDs(invitees), "requestId": requestID()})}
}

// turn is p's turn on m with the most data, handing it to the participant next (an ID).
func (f *fixture) turn(m gamesv1.TurnBasedMatch, p testenv.Player, next string) call {
	return call{http.MethodPut, matches + "/" + m.MatchID + "/turn", p.Token, body(f.t, map[string]any{
		"kind": gamesv1.KindTurnBasedMatchTurn, "matchVersion": m.MatchVersion, "pendingParticipantId": next,
		"data": map[string]any{"kind": gamesv1.KindTurnBasedMatchDataRequest, "data": maxData}})}
}

// results are a result for each of m's participants.
func results(m gamesv1.TurnBasedMatch) []map[string]any {
	var out []map[string]any
	for i, p := range m.Participants {
		out = append(out, map[string]any{"kind": gamesv1.KindParticipantResult, "participantId": p.ID, "placing": i + 1, "result": "MATCH_RESULT_WIN"})
	}
	return out
}

// pid is the participant ID of p in m.
func pid(f *fixture, m gamesv1.TurnBasedMatch, p testenv.Player) string {
	return functionstest.MatchParticipant(f.t, m, p.ID).ID
}

// matches makes n matches of the creator with the seven invitees, each taken through the
// steps, and returns them as the last step answered.
func (f *fixture) matches(n int, steps ...func(m gamesv1.TurnBasedMatch) call) []gamesv1.TurnBasedMatch {
	made := make([]gamesv1.TurnBasedMatch, n)
	f.parallel(n, func(i int) {
		f.do(f.createMatch(), &made[i])
		for _, step := range steps {
			var next gamesv1.TurnBasedMatch
			f.do(step(made[i]), &next)
			if next.MatchID != "" {
				made[i] = next
			}
		}
	})
	return made
}

// played: the creator played a turn with the most data and kept it.
func (f *fixture) played(m gamesv1.TurnBasedMatch) call {
	creator, _ := f.matchCast()
	return f.turn(m, creator, pid(f, m, creator))
}

// passed: the creator played a turn with the most data and handed it to the first invitee, who
// is now invited.
func (f *fixture) passed(m gamesv1.TurnBasedMatch) call {
	creator, invitees := f.matchCast()
	return f.turn(m, creator, pid(f, m, invitees[0]))
}

func (f *fixture) as(p testenv.Player, verb string) func(m gamesv1.TurnBasedMatch) call {
	return func(m gamesv1.TurnBasedMatch) call {
		return call{http.MethodPut, matches + "/" + m.MatchID + "/" + verb, p.Token, nil}
	}
}

// finished: the creator finished the match with the most data and everyone's results.
func (f *fixture) finished(m gamesv1.TurnBasedMatch) call {
	creator, _ := f.matchCast()
	return call{http.MethodPut, matches + "/" + m.MatchID + "/finish", creator.Token, body(f.t, map[string]any{
		"kind": gamesv1.KindTurnBasedMatchResults, "matchVersion": m.MatchVersion, "results": results(m),
		"data": map[string]any{"kind": gamesv1.KindTurnBasedMatchDataRequest, "data": maxData}})}
}

var matchCases = map[string]worstCase{
	// Each of 80 players auto-matching alone reads the oldest waiting matches (games.Candidates of
	// them, the creator's, whose opening turn stored the most data) before making their own.
	"TurnBasedMatchesCreate": func(f *fixture) []call {
		creator, _ := f.matchCast()
		f.parallel(games.Candidates, func(int) {
			var m gamesv1.TurnBasedMatch
			f.do(call{http.MethodPost, matches + "/create", creator.Token, body(f.t, map[string]any{"kind": gamesv1.KindTurnBasedMatchCreateRequest,
				"variant": waitingVariant, "requestId": requestID(), "autoMatchingCriteria": autoMatch(gamesv1.KindTurnBasedAutoMatchingCriteria, 7, 7)})}, &m)
			f.do(f.turn(m, creator, ""), nil) // to the auto-match slot, where it waits
		})
		crowd := f.crowd()
		return calls(concurrency, func(i int) call {
			return call{http.MethodPost, matches + "/create", crowd[i].Token, body(f.t, map[string]any{"kind": gamesv1.KindTurnBasedMatchCreateRequest,
				"variant": waitingVariant, "requestId": requestID(), "autoMatchingCriteria": autoMatch(gamesv1.KindTurnBasedAutoMatchingCriteria, 1, 7)})}
		})
	},
	"TurnBasedMatchesGet": func(f *fixture) []call {
		m := f.matches(1, f.played)[0]
		creator, _ := f.matchCast()
		return calls(concurrency, func(int) call { return call{http.MethodGet, matches + "/" + m.MatchID, creator.Token, nil} })
	},
	"TurnBasedMatchesJoin":    invitedCase("join"),
	"TurnBasedMatchesDecline": invitedCase("decline"),
	"TurnBasedMatchesDismiss": invitedCase("dismiss"),
	"TurnBasedMatchesTakeTurn": func(f *fixture) []call {
		made := f.matches(concurrency, f.played)
		creator, invitees := f.matchCast()
		return calls(concurrency, func(i int) call { return f.turn(made[i], creator, pid(f, made[i], invitees[0])) })
	},
	"TurnBasedMatchesLeaveTurn": func(f *fixture) []call {
		made := f.matches(concurrency, f.played)
		creator, invitees := f.matchCast()
		return calls(concurrency, func(i int) call {
			m := made[i]
			return call{http.MethodPut, fmt.Sprintf("%s/%s/leaveTurn?matchVersion=%d&pendingParticipantId=%s", matches, m.MatchID,
				m.MatchVersion, pid(f, m, invitees[0])), creator.Token, nil}
		})
	},
	// The first invitee joined and played; it is the creator's turn when they leave.
	"TurnBasedMatchesLeave": func(f *fixture) []call {
		creator, invitees := f.matchCast()
		made := f.matches(concurrency, f.passed, f.as(invitees[0], "join"), func(m gamesv1.TurnBasedMatch) call {
			return f.turn(m, invitees[0], pid(f, m, creator))
		})
		return calls(concurrency, func(i int) call { return f.as(invitees[0], "leave")(made[i]) })
	},
	"TurnBasedMatchesFinish": func(f *fixture) []call {
		made := f.matches(concurrency, f.played)
		return calls(concurrency, func(i int) call { return f.finished(made[i]) })
	},
	"TurnBasedMatchesCancel": func(f *fixture) []call {
		made := f.matches(concurrency, f.played)
		creator, _ := f.matchCast()
		return calls(concurrency, func(i int) call { return f.as(creator, "cancel")(made[i]) })
	},
	"TurnBasedMatchesRematch": func(f *fixture) []call {
		made := f.matches(concurrency, f.played, f.finished)
		creator, _ := f.matchCast()
		return calls(concurrency, func(i int) call {
			return call{http.MethodPost, matches + "/" + made[i].MatchID + "/rematch?requestId=" + requestID(), creator.Token, nil}
		})
	},
	// The creator's matches hold the most data: more than a page of them.
	"TurnBasedMatchesList": func(f *fixture) []call {
		f.matches(fullPages, f.played)
		creator, _ := f.matchCast()
		return calls(concurrency, func(int) call {
			return call{http.MethodGet, matches + "?maxResults=500&includeMatchData=true", creator.Token, nil}
		})
	},
	"TurnBasedMatchesSync": func(f *fixture) []call {
		f.matches(fullPages, f.played)
		creator, _ := f.matchCast()
		return calls(concurrency, func(int) call {
			return call{http.MethodGet, matches + "/sync?maxResults=500&includeMatchData=true", creator.Token, nil}
		})
	},
}

// invitedCase: the creator played with the most data and handed the turn to an invitee, who
// answers the invitation with verb.
func invitedCase(verb string) worstCase {
	return func(f *fixture) []call {
		made := f.matches(concurrency, f.passed)
		_, invitees := f.matchCast()
		return calls(concurrency, func(i int) call { return f.as(invitees[0], verb)(made[i]) })
	}
}
