package e2e

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	games "google.golang.org/api/games/v1"
)

// loadDefinitions writes a definitions file and loads it with functions/cmd/eventdefs, as a
// studio would. The IDs carry a prefix of this test's own: definitions are per project.
func loadDefinitions(t *testing.T) string {
	t.Helper()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	prefix := hex.EncodeToString(b) + "-"
	file := filepath.Join(t.TempDir(), "events.json")
	defs := fmt.Sprintf(`{"events": [
		{"id": "%[1]swins", "displayName": "Wins", "childEvents": ["%[1]sflawless-wins"]},
		{"id": "%[1]sflawless-wins", "displayName": "Flawless wins"},
		{"id": "%[1]segg", "displayName": "Easter egg", "visibility": "HIDDEN"}]}`, prefix)
	require.NoError(t, os.WriteFile(file, []byte(defs), 0o600))
	cmd := exec.Command("go", "run", "./functions/cmd/eventdefs", "-file", file)
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "eventdefs: %s", out)
	require.Contains(t, string(out), "3 definitions, 3 to create", "eventdefs")
	t.Cleanup(func() { // leave the shared emulator project's definitions as they were
		for _, id := range []string{"wins", "flawless-wins", "egg"} {
			url := "http://" + os.Getenv("FIRESTORE_EMULATOR_HOST") + "/v1/projects/" + project() +
				"/databases/(default)/documents/eventDefinitions/" + prefix + id
			req, _ := http.NewRequest(http.MethodDelete, url, nil)
			req.Header.Set("Authorization", "Bearer owner")
			if res, err := http.DefaultClient.Do(req); err == nil {
				res.Body.Close()
			}
		}
	})
	return prefix
}

func project() string {
	if p := os.Getenv("GOOGLE_CLOUD_PROJECT"); p != "" {
		return p
	}
	return "demo-openplay"
}

func periodEnding(ago time.Duration) *games.EventPeriodRange {
	end := time.Now().Add(-ago)
	return &games.EventPeriodRange{PeriodStartMillis: end.Add(-time.Minute).UnixMilli(), PeriodEndMillis: end.UnixMilli()}
}

// TestEvents loads definitions, records batches with every failure cause through the generated
// client, and lists counters and definitions.
func TestEvents(t *testing.T) {
	prefix := loadDefinitions(t)
	ana := signUp(t, "Ana")
	wins, flawless, egg := prefix+"wins", prefix+"flawless-wins", prefix+"egg"

	res, err := ana.Games.Events.Record(&games.EventRecordRequest{RequestId: 1, CurrentTimeMillis: time.Now().UnixMilli(),
		TimePeriods: []*games.EventPeriodUpdate{
			{TimePeriod: periodEnding(time.Minute), Updates: []*games.EventUpdateRequest{
				{DefinitionId: flawless, UpdateCount: 2}, {DefinitionId: wins, UpdateCount: 1},
				{DefinitionId: prefix + "unknown", UpdateCount: 1}, {DefinitionId: wins, UpdateCount: -1}}},
			{TimePeriod: periodEnding(time.Minute), Updates: []*games.EventUpdateRequest{{DefinitionId: wins, UpdateCount: 1}}},
			{TimePeriod: &games.EventPeriodRange{PeriodStartMillis: 5000, PeriodEndMillis: 1000}},
			{TimePeriod: &games.EventPeriodRange{PeriodStartMillis: 0, PeriodEndMillis: 2 * 24 * 3600 * 1000}},
			{TimePeriod: &games.EventPeriodRange{PeriodStartMillis: 1000, PeriodEndMillis: 2000}},
		}}).Do()
	require.NoError(t, err, "record")
	var batch, items []string
	for _, f := range res.BatchFailures {
		batch = append(batch, f.FailureCause)
	}
	for _, f := range res.EventFailures {
		items = append(items, strings.TrimPrefix(f.EventId, prefix)+":"+f.FailureCause)
	}
	require.Equal(t, "ALREADY_UPDATED TIME_PERIOD_SHORT TIME_PERIOD_LONG TIME_PERIOD_EXPIRED", strings.Join(batch, " "), "batch failures")
	require.Equal(t, "unknown:NOT_FOUND wins:INVALID_UPDATE_VALUE", strings.Join(items, " "), "event failures")
	got := map[string]int64{}
	for _, e := range res.PlayerEvents {
		got[e.DefinitionId] = e.NumEvents
	}
	require.Equal(t, int64(3), got[wins], "totals %v: a flawless win also counts as a win", got)
	require.Equal(t, int64(2), got[flawless], "totals %v", got)

	again, err := ana.Games.Events.Record(&games.EventRecordRequest{RequestId: 1, TimePeriods: []*games.EventPeriodUpdate{
		{TimePeriod: periodEnding(2 * time.Minute), Updates: []*games.EventUpdateRequest{{DefinitionId: wins, UpdateCount: 1}}}}}).Do()
	require.NoError(t, err, "retried request")
	require.Len(t, again.BatchFailures, 1, "retried request: %+v", again)
	require.Equal(t, "ALREADY_UPDATED", again.BatchFailures[0].FailureCause, "retried request")
	var many []*games.EventUpdateRequest
	for range 101 {
		many = append(many, &games.EventUpdateRequest{DefinitionId: wins, UpdateCount: 1})
	}
	big, err := ana.Games.Events.Record(&games.EventRecordRequest{TimePeriods: []*games.EventPeriodUpdate{
		{TimePeriod: periodEnding(3 * time.Minute), Updates: many}}}).Do()
	require.NoError(t, err, "too large")
	require.Len(t, big.BatchFailures, 1, "too large: %+v", big)
	require.Equal(t, "TOO_LARGE", big.BatchFailures[0].FailureCause, "too large")

	counters, err := ana.Games.Events.ListByPlayer().MaxResults(10).Do()
	require.NoError(t, err, "counters")
	require.Len(t, counters.Items, 2, "counters: %+v", counters)
	require.Equal(t, flawless, counters.Items[0].DefinitionId, "counters: flawless wins first")
	require.Equal(t, int64(3), counters.Items[1].NumEvents, "counters: wins")
	require.Equal(t, "3", counters.Items[1].FormattedNumEvents, "counters: wins formatted")

	shown := func() map[string]bool {
		out := map[string]bool{}
		call := ana.Games.Events.ListDefinitions().MaxResults(100)
		for page := 0; page < 50; page++ {
			defs, err := call.Do()
			require.NoError(t, err, "definitions")
			for _, d := range defs.Items {
				out[d.Id] = true
			}
			if defs.NextPageToken == "" {
				break
			}
			call.PageToken(defs.NextPageToken)
		}
		return out
	}
	defs := shown()
	require.True(t, defs[wins], "definitions before finding the egg: %v; want wins", defs)
	require.True(t, defs[flawless], "definitions before finding the egg: %v; want flawless wins", defs)
	require.False(t, defs[egg], "definitions before finding the egg: %v; want the egg hidden", defs)
	_, err = ana.Games.Events.Record(&games.EventRecordRequest{TimePeriods: []*games.EventPeriodUpdate{
		{TimePeriod: periodEnding(4 * time.Minute), Updates: []*games.EventUpdateRequest{{DefinitionId: egg, UpdateCount: 1}}}}}).Do()
	require.NoError(t, err, "recording the egg")
	require.True(t, shown()[egg], "the hidden egg shows once recorded")
	_, err = ana.Games.Events.ListByPlayer().MaxResults(1000).Do()
	wantCode(t, "maxResults over 100", err, http.StatusBadRequest)

	// RECORD_RATE_HIGH: the dev server allows 60 records a minute per player.
	limited := false
	for i := 0; i < 70 && !limited; i++ {
		res, err := ana.Games.Events.Record(&games.EventRecordRequest{TimePeriods: []*games.EventPeriodUpdate{
			{TimePeriod: periodEnding(time.Duration(10+i) * time.Minute), Updates: []*games.EventUpdateRequest{{DefinitionId: wins, UpdateCount: 1}}}}}).Do()
		require.NoError(t, err, "record %d", i+1)
		limited = len(res.BatchFailures) == 1 && res.BatchFailures[0].FailureCause == "RECORD_RATE_HIGH"
	}
	require.True(t, limited, "70 records in a row were never refused with RECORD_RATE_HIGH")
}
