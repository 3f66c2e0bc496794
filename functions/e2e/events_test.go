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
	if err := os.WriteFile(file, []byte(defs), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "run", "./functions/cmd/eventdefs", "-file", file)
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "3 definitions, 3 to create") {
		t.Fatalf("eventdefs: %v\n%s", err, out)
	}
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
	if err != nil {
		t.Fatal(err)
	}
	var batch, items []string
	for _, f := range res.BatchFailures {
		batch = append(batch, f.FailureCause)
	}
	for _, f := range res.EventFailures {
		items = append(items, strings.TrimPrefix(f.EventId, prefix)+":"+f.FailureCause)
	}
	if strings.Join(batch, " ") != "ALREADY_UPDATED TIME_PERIOD_SHORT TIME_PERIOD_LONG TIME_PERIOD_EXPIRED" ||
		strings.Join(items, " ") != "unknown:NOT_FOUND wins:INVALID_UPDATE_VALUE" {
		t.Fatalf("failures: %v / %v", batch, items)
	}
	got := map[string]int64{}
	for _, e := range res.PlayerEvents {
		got[e.DefinitionId] = e.NumEvents
	}
	if got[wins] != 3 || got[flawless] != 2 {
		t.Fatalf("totals %v: a flawless win also counts as a win", got)
	}

	again, err := ana.Games.Events.Record(&games.EventRecordRequest{RequestId: 1, TimePeriods: []*games.EventPeriodUpdate{
		{TimePeriod: periodEnding(2 * time.Minute), Updates: []*games.EventUpdateRequest{{DefinitionId: wins, UpdateCount: 1}}}}}).Do()
	if err != nil || len(again.BatchFailures) != 1 || again.BatchFailures[0].FailureCause != "ALREADY_UPDATED" {
		t.Fatalf("retried request: %+v, %v", again, err)
	}
	var many []*games.EventUpdateRequest
	for range 101 {
		many = append(many, &games.EventUpdateRequest{DefinitionId: wins, UpdateCount: 1})
	}
	big, err := ana.Games.Events.Record(&games.EventRecordRequest{TimePeriods: []*games.EventPeriodUpdate{
		{TimePeriod: periodEnding(3 * time.Minute), Updates: many}}}).Do()
	if err != nil || len(big.BatchFailures) != 1 || big.BatchFailures[0].FailureCause != "TOO_LARGE" {
		t.Fatalf("too large: %+v, %v", big, err)
	}

	counters, err := ana.Games.Events.ListByPlayer().MaxResults(10).Do()
	if err != nil || len(counters.Items) != 2 || counters.Items[0].DefinitionId != flawless || counters.Items[1].NumEvents != 3 ||
		counters.Items[1].FormattedNumEvents != "3" {
		t.Fatalf("counters: %+v, %v", counters, err)
	}

	shown := func() map[string]bool {
		out := map[string]bool{}
		call := ana.Games.Events.ListDefinitions().MaxResults(100)
		for page := 0; page < 50; page++ {
			defs, err := call.Do()
			if err != nil {
				t.Fatal(err)
			}
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
	if defs := shown(); !defs[wins] || !defs[flawless] || defs[egg] {
		t.Fatalf("definitions before finding the egg: %v", defs)
	}
	if _, err := ana.Games.Events.Record(&games.EventRecordRequest{TimePeriods: []*games.EventPeriodUpdate{
		{TimePeriod: periodEnding(4 * time.Minute), Updates: []*games.EventUpdateRequest{{DefinitionId: egg, UpdateCount: 1}}}}}).Do(); err != nil {
		t.Fatal(err)
	}
	if !shown()[egg] {
		t.Fatal("the hidden egg shows once recorded")
	}
	_, err = ana.Games.Events.ListByPlayer().MaxResults(1000).Do()
	wantCode(t, "maxResults over 100", err, http.StatusBadRequest)

	// RECORD_RATE_HIGH: the dev server allows 60 records a minute per player.
	limited := false
	for i := 0; i < 70 && !limited; i++ {
		res, err := ana.Games.Events.Record(&games.EventRecordRequest{TimePeriods: []*games.EventPeriodUpdate{
			{TimePeriod: periodEnding(time.Duration(10+i) * time.Minute), Updates: []*games.EventUpdateRequest{{DefinitionId: wins, UpdateCount: 1}}}}}).Do()
		if err != nil {
			t.Fatal(err)
		}
		limited = len(res.BatchFailures) == 1 && res.BatchFailures[0].FailureCause == "RECORD_RATE_HIGH"
	}
	if !limited {
		t.Fatal("70 records in a row were never refused with RECORD_RATE_HIGH")
	}
}
