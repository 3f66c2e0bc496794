package session

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// qosTemplate is a P2P lobby of 4 with member initialization: 10 s to join, 30 s to measure,
// external evaluation within 5 s, and two members needed to start; inactive members stay.
const qosTemplate = `{"constants":{"system":{"maxMembersCount":4,"inactiveRemovalTimeout":null,"capabilities":{"connectivity":true},
	"peerToPeerRequirements":{"latencyMaximum":250,"bandwidthMinimum":10000},
	"memberInitialization":{"joinTimeout":10000,"measurementTimeout":30000,"evaluationTimeout":5000,
	"externalEvaluation":true,"membersNeededToStart":2}}}}`

// qosLobby is Ana's new lobby with Ben and Cal reserved, all three initializing.
func qosLobby(t *testing.T, tpl string) *Session {
	t.Helper()
	return must(t, nil, template(t, tpl), ana, `{"members":{
		"me":{"constants":{"system":{"xuid":"ana","initialize":true}}},
		"reserve_0":{"constants":{"system":{"xuid":"ben","initialize":true}}},
		"reserve_1":{"constants":{"system":{"xuid":"cal","initialize":true}}}}}`, t0).Session
}

// good and slow are measurements that meet qosTemplate's requirements and miss them on latency.
const (
	good = `{"members":{"me":{"properties":{"system":{"measurements":{"peer":{"latency":40,"bandwidthDown":20000,"bandwidthUp":20000}}}}}}}`
	slow = `{"members":{"me":{"properties":{"system":{"measurements":{"peer":{"latency":400,"bandwidthDown":20000,"bandwidthUp":20000}}}}}}}`
)

func stageOf(t *testing.T, s *Session) string {
	t.Helper()
	return js(path(rendered(t, s, "ana"), "initializing"))
}

func memberField(t *testing.T, s *Session, index, field string) string {
	t.Helper()
	return js(path(rendered(t, s, "ana"), "members", index, field))
}

// TestInitializationEpisode walks a lobby through episode 1: joining ends when the last reserved
// member joins, measuring when the last one uploads, evaluating when initializationSucceeded is
// written (which the session then drops); every stage change is an initialization change.
func TestInitializationEpisode(t *testing.T) {
	s := qosLobby(t, qosTemplate)
	assert.JSONEq(t, `{"stage":"joining","episode":1,"stageStartTime":"2026-01-02T03:04:05.0000000Z"}`, stageOf(t, s))
	assert.Equal(t, "1", memberField(t, s, "1", "initializationEpisode"), "a reserved member takes part")
	next, ok := s.NextTimer()
	require.True(t, ok)
	assert.Equal(t, t0.Add(10*time.Second), next, "the join timeout, not the 30 s reservation timeout")

	s = must(t, s, nil, ben, `{"members":{"me":{}}}`, t0.Add(time.Second)).Session
	assert.Contains(t, stageOf(t, s), `"joining"`, "Cal has not joined")
	res := must(t, s, nil, cal, `{"members":{"me":{}}}`, t0.Add(2*time.Second))
	s = res.Session
	assert.JSONEq(t, `{"stage":"measuring","episode":1,"stageStartTime":"2026-01-02T03:04:07.0000000Z"}`, stageOf(t, s))
	assert.Contains(t, Changes(qosLobby(t, qosTemplate), s), ChangeType("initialization"))

	_, err := put(t, s, nil, ana, `{"properties":{"system":{"initializationSucceeded":true}}}`, t0.Add(3*time.Second), Conditions{})
	require.True(t, errs.Is(err, errs.Invalid), "initializationSucceeded while measuring: %v", err)
	assert.Contains(t, err.Error(), "properties.system.initializationSucceeded")

	for i, c := range []Caller{ana, ben, cal} {
		s = must(t, s, nil, c, good, t0.Add(time.Duration(3+i)*time.Second)).Session
	}
	assert.JSONEq(t, `{"stage":"evaluating","episode":1,"stageStartTime":"2026-01-02T03:04:10.0000000Z"}`, stageOf(t, s))

	status := string(vectors(t, "Multiplayer.json")["initializationStatusJson"]) // the official client's request
	s = must(t, s, nil, ana, status, t0.Add(6*time.Second)).Session
	doc := rendered(t, s, "ana")
	assert.Nil(t, doc["initializing"], "the episode is over")
	assert.Nil(t, path(doc, "properties", "system", "initializationSucceeded"), "the session drops it once the stage advanced")
	for _, i := range []string{"0", "1", "2"} {
		assert.Nil(t, path(doc, "members", i, "initializationEpisode"), "member %s", i)
		assert.Nil(t, path(doc, "members", i, "initializationFailure"), "member %s", i)
	}
	_, ok = s.NextTimer()
	assert.False(t, ok, "no timer once the episode is over")
}

// TestInitializationFailures: each stage's timeout and rules, as of a read after the deadline.
func TestInitializationFailures(t *testing.T) {
	joined := func(t *testing.T, tpl string) *Session {
		s := qosLobby(t, tpl)
		s = must(t, s, nil, ben, `{"members":{"me":{}}}`, t0).Session
		return must(t, s, nil, cal, `{"members":{"me":{}}}`, t0).Session
	}
	t.Run("a reservation that never joins is removed at the join timeout", func(t *testing.T) {
		s := must(t, qosLobby(t, qosTemplate), nil, ben, `{"members":{"me":{}}}`, t0.Add(time.Second)).Session
		res := Refresh(s, t0.Add(10*time.Second), "app")
		require.True(t, res.Changed)
		doc := rendered(t, res.Session, "ana")
		assert.Nil(t, path(doc, "members", "2"), "Cal is gone")
		assert.Contains(t, js(doc["initializing"]), `"measuring"`, "Ana and Ben are enough to go on")
		assert.Contains(t, js(doc["initializing"]), `"2026-01-02T03:04:15.0000000Z"`, "measuring counts from the join deadline")
	})
	t.Run("too few left after joining fails the first episode for good", func(t *testing.T) {
		res := Refresh(qosLobby(t, qosTemplate), t0.Add(11*time.Second), "app")
		doc := rendered(t, res.Session, "ana")
		assert.Contains(t, js(doc["initializing"]), `"failed"`)
		assert.Equal(t, `"episode"`, js(path(doc, "members", "0", "initializationFailure")))
		_, ok := res.Session.NextTimer()
		assert.False(t, ok, "a failed session has no stage timer")
	})
	t.Run("a member who does not measure in time fails with timeout", func(t *testing.T) {
		s := joined(t, qosTemplate)
		s = must(t, s, nil, ana, good, t0.Add(time.Second)).Session
		s = must(t, s, nil, ben, good, t0.Add(time.Second)).Session
		res := Refresh(s, t0.Add(30*time.Second), "app")
		doc := rendered(t, res.Session, "ana")
		assert.Equal(t, `"timeout"`, js(path(doc, "members", "2", "initializationFailure")))
		assert.Contains(t, js(doc["initializing"]), `"evaluating"`, "two are left, as many as needed")
	})
	t.Run("measurements over the requirements fail with their cause", func(t *testing.T) {
		s := joined(t, qosTemplate)
		s = must(t, s, nil, ana, good, t0).Session
		s = must(t, s, nil, ben, good, t0).Session
		s = must(t, s, nil, cal, slow, t0).Session
		assert.Equal(t, `"latency"`, memberField(t, s, "2", "initializationFailure"))
	})
	t.Run("a member whose group has a failed member fails with group", func(t *testing.T) {
		s := joined(t, qosTemplate)
		s = must(t, s, nil, ana, good, t0).Session
		s = must(t, s, nil, ben, `{"members":{"me":{"properties":{"system":{"initializationGroup":[2],
			"measurements":{"peer":{"latency":40,"bandwidthDown":20000,"bandwidthUp":20000}}}}}}}`, t0).Session
		s = must(t, s, nil, cal, slow, t0).Session
		assert.Equal(t, `"group"`, memberField(t, s, "1", "initializationFailure"))
		assert.Contains(t, stageOf(t, s), `"failed"`, "only Ana is left: fewer than the two needed")
	})
	t.Run("no evaluation in time fails the episode", func(t *testing.T) {
		s := joined(t, qosTemplate)
		for _, c := range []Caller{ana, ben, cal} {
			s = must(t, s, nil, c, good, t0).Session
		}
		res := Refresh(s, t0.Add(5*time.Second), "app")
		assert.Contains(t, stageOf(t, res.Session), `"failed"`)
		assert.Equal(t, `"episode"`, memberField(t, res.Session, "1", "initializationFailure"))
	})
	t.Run("an evaluation of false fails the episode", func(t *testing.T) {
		s := joined(t, qosTemplate)
		for _, c := range []Caller{ana, ben, cal} {
			s = must(t, s, nil, c, good, t0).Session
		}
		s = must(t, s, nil, ben, `{"properties":{"system":{"initializationSucceeded":false}}}`, t0).Session
		assert.Contains(t, stageOf(t, s), `"failed"`)
	})
}

// TestInitializationStages: measuring is skipped without QoS constants, evaluating without
// external evaluation; a member who asks to initialize during an episode waits for the next.
func TestInitializationStages(t *testing.T) {
	plain := `{"constants":{"system":{"maxMembersCount":4,"inactiveRemovalTimeout":null,"memberInitialization":{"membersNeededToStart":1}}}}`
	s := must(t, nil, template(t, plain), ana, `{"members":{
		"me":{"constants":{"system":{"xuid":"ana","initialize":true}}},
		"reserve_0":{"constants":{"system":{"xuid":"ben","initialize":true}}}}}`, t0).Session
	s = must(t, s, nil, ana, `{"members":{"reserve_1":{"constants":{"system":{"xuid":"cal","initialize":true}}}}}`, t0.Add(time.Second)).Session
	assert.Equal(t, "2", memberField(t, s, "2", "initializationEpisode"), "Cal, reserved during episode 1, waits for episode 2")
	assert.Contains(t, stageOf(t, s), `"episode":1`)
	s = must(t, s, nil, ben, `{"members":{"me":{}}}`, t0.Add(2*time.Second)).Session
	assert.JSONEq(t, `{"stage":"joining","episode":2,"stageStartTime":"2026-01-02T03:04:07.0000000Z"}`, stageOf(t, s),
		"episode 1 ended with the last join (nothing to measure or evaluate); Cal's episode began then")
	assert.Equal(t, "null", memberField(t, s, "0", "initializationEpisode"), "Ana's episode is over")
	s = must(t, s, nil, cal, `{"members":{"me":{}}}`, t0.Add(3*time.Second)).Session
	assert.Equal(t, "null", stageOf(t, s), "episode 2 ends when Cal joins")
}

// TestInitializationConstants: the rules on memberInitialization itself.
func TestInitializationConstants(t *testing.T) {
	cases := []struct{ name, tpl, body, field string }{
		{"too few members created with initialize", qosTemplate, `{"members":{"me":{"constants":{"system":{"xuid":"ana","initialize":true}}}}}`,
			"This session is configured for managed initialization requiring at least 2 members to start."},
		{"evaluationTimeout needs externalEvaluation", `{}`, `{"constants":{"system":{"memberInitialization":{"evaluationTimeout":100,"membersNeededToStart":0}}}}`,
			"evaluationTimeout"},
		{"unknown field", `{}`, `{"constants":{"system":{"memberInitialization":{"joinTimeot":100}}}}`, "joinTimeot"},
		{"more needed than may join", `{}`, `{"constants":{"system":{"maxMembersCount":2,"memberInitialization":{"membersNeededToStart":3}}}}`,
			"membersNeededToStart"},
		{"not on a large session", `{}`, `{"constants":{"system":{"capabilities":{"large":true},"memberInitialization":{}}}}`,
			"large"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := put(t, nil, template(t, c.tpl), ana, c.body, t0, Conditions{})
			require.True(t, errs.Is(err, errs.Invalid), "%v", err)
			assert.Contains(t, err.Error(), c.field)
		})
	}
	t.Run("a template may set it", func(t *testing.T) {
		_, err := ParseTemplate(lobby.SCID, "p2p", []byte(qosTemplate))
		require.NoError(t, err)
	})
}
