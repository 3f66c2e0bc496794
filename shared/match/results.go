package match

import (
	"strconv"

	"github.com/openplay-games/openplay/shared/errs"
)

// Outcome is a participant's result, as the API names it.
type Outcome string

const (
	Win        Outcome = "MATCH_RESULT_WIN"
	Loss       Outcome = "MATCH_RESULT_LOSS"
	Tie        Outcome = "MATCH_RESULT_TIE"
	NoResult   Outcome = "MATCH_RESULT_NONE"
	Disconnect Outcome = "MATCH_RESULT_DISCONNECT"
	Disagreed  Outcome = "MATCH_RESULT_DISAGREED"
)

// ReportableOutcomes are the outcomes a client may report (DISAGREED is the server's verdict).
var ReportableOutcomes = []string{string(Win), string(Loss), string(Tie), string(NoResult), string(Disconnect)}

// Result is one participant's result.
type Result struct {
	ParticipantID string
	Placing       *int32
	Outcome       Outcome
}

func (r Result) same(o Result) bool {
	return r.Outcome == o.Outcome && (r.Placing == o.Placing || r.Placing != nil && o.Placing != nil && *r.Placing == *o.Placing)
}

// recordResults checks reported results against the match (participants of this match, placing
// 1 to the number of participants, each participant once) and records them. When confirming,
// a result that differs from the one recorded becomes MATCH_RESULT_DISAGREED; otherwise the
// newest report replaces the older.
func (m *Match) recordResults(results []Result, confirming bool) error {
	seen := map[string]bool{}
	for i, r := range results {
		field := "results[" + strconv.Itoa(i) + "]"
		switch {
		case m.ParticipantByID(r.ParticipantID) == nil:
			return errs.E(errs.Invalid, field+".participantId", "no participant %q in this match", r.ParticipantID)
		case seen[r.ParticipantID]:
			return errs.E(errs.Invalid, field+".participantId", "participant %q has two results", r.ParticipantID)
		case r.Placing != nil && (*r.Placing < 1 || int(*r.Placing) > len(m.Participants)):
			return errs.E(errs.Invalid, field+".placing", "must be from 1 to %d (the number of participants), got %d", len(m.Participants), *r.Placing)
		}
		seen[r.ParticipantID] = true
	}
	for _, r := range results {
		i := m.resultIndex(r.ParticipantID)
		switch {
		case i < 0:
			m.Results = append(m.Results, r)
		case confirming && !m.Results[i].same(r):
			m.Results[i] = Result{ParticipantID: r.ParticipantID, Outcome: Disagreed}
		case !confirming:
			m.Results[i] = r
		}
	}
	return nil
}

func (m *Match) resultIndex(participantID string) int {
	for i, r := range m.Results {
		if r.ParticipantID == participantID {
			return i
		}
	}
	return -1
}
