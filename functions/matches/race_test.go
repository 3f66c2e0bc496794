package matches_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/testenv"
)

// TestRacingTurnsHaveOneWinner sends two takeTurns with the same matchVersion at once, many
// times over: every round exactly one succeeds and the other is a 409 that changes nothing.
func TestRacingTurnsHaveOneWinner(t *testing.T) {
	a := newAPI(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	m := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID}})
	anaID := participantOf(t, m, ana.ID).ID
	const rounds = 20
	for round := range rounds {
		statuses := make([]int, 2)
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// Ana's two devices both save a move at the version they read.
				statuses[i], _, errs[i] = a.DoErr(ana.Token, http.MethodPut, tb+"/"+m.MatchID+"/turn", turnBody(m.MatchVersion, anaID, "device"))
			}()
		}
		wg.Wait()
		for i, err := range errs {
			require.NoError(t, err, "round %d: device %d", round, i)
		}
		won, lost := 0, 0
		for _, s := range statuses {
			switch s {
			case http.StatusOK:
				won++
			case http.StatusConflict:
				lost++
			}
		}
		require.Equal(t, 1, won, "round %d: statuses %v; want one 200 and one 409", round, statuses)
		require.Equal(t, 1, lost, "round %d: statuses %v; want one 200 and one 409", round, statuses)
		next := a.get(ana, m.MatchID)
		require.Equal(t, m.MatchVersion+1, next.MatchVersion, "round %d: exactly one turn applied", round)
		m = next
	}
}
