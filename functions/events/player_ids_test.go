package events_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestOddPlayerIDsRecordEvents: players whose uids Firestore refuses as document IDs (or that
// read like another uid escaped) record events, each into counters of their own, once per
// requestId, and list them.
func TestOddPlayerIDsRecordEvents(t *testing.T) {
	a := newAPI(t)
	a.define()
	gold := a.prefix + "gold"
	for i, uid := range testenv.OddPlayerIDs {
		p := testenv.PlayerWithID(t, uid)
		want := fmt.Sprintf("%d/%d", i+1, i+1)
		body := map[string]any{"requestId": fmt.Sprint(rand.Int64()), // these players outlive the test: a requestId of its own
			"timePeriods": []map[string]any{{"timePeriod": period(1), "updates": []map[string]any{update(gold, fmt.Sprint(i+1))}}}}
		for _, attempt := range []string{"recorded", "retried"} {
			status, raw := a.Do(p.Token, http.MethodPost, "/games/v1/events", body)
			require.Equal(t, http.StatusOK, status, "%q %s: %s", uid, attempt, raw)
			var res gamesv1.EventUpdateResponse
			require.NoError(t, json.Unmarshal(raw, &res))
			assert.Equal(t, want, totals(res)[gold], "%q %s", uid, attempt)
		}
		assert.Equal(t, int64(i+1), a.numEvents(p, gold), "%q lists their counters", uid)
	}
}
