package session

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
)

// Member initialization (managed QoS, docs/mpsd.md §8.4). With constants.system.memberInitialization
// set, the members created with constants.system.initialize take part in an episode that runs
// joining → measuring → evaluating. A stage ends when every member of the episode has done its
// part, or at the stage's timeout; members who had not are marked with initializationFailure.
// Episode 1 decides whether the session starts: with fewer than membersNeededToStart members
// left, it fails for good (stage "failed"). Members who ask to initialize while an episode runs
// take part in the next one. Stages advance like the other timers: as of now, before a read or a
// write is served, and on the sweeper's pass for sessions nobody reads.

// Stages of an episode.
const (
	StageJoining    = "joining"
	StageMeasuring  = "measuring"
	StageEvaluating = "evaluating"
	StageFailed     = "failed"
)

// Failure causes of a member (initializationFailure), in the order MPSD sets them when several
// apply.
const (
	FailTimeout       = "timeout"
	FailLatency       = "latency"
	FailBandwidthDown = "bandwidthdown"
	FailBandwidthUp   = "bandwidthup"
	FailGroup         = "group"
	FailEpisode       = "episode"
)

// Initializing is the episode under way: its number, its stage and when the stage began.
type Initializing struct {
	Episode    int       `json:"episode"`
	Stage      string    `json:"stage"`
	StageStart time.Time `json:"stageStartTime"`
}

// initConfig is constants.system.memberInitialization with MPSD's contract-107 defaults.
type initConfig struct {
	join, measure, evaluate time.Duration
	external                bool
	needed                  int
}

// memberInitializationFields are the fields of constants.system.memberInitialization.
var memberInitializationFields = scope{
	"joinTimeout": timeoutMillis, "measurementTimeout": timeoutMillis, "evaluationTimeout": timeoutMillis,
	"externalEvaluation": boolean, "membersNeededToStart": intIn(0, 1000),
}

// memberInitialization checks constants.system.memberInitialization (a system constant's check).
func memberInitialization(v any) (any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("must be a JSON object")
	}
	for _, k := range sortedKeys(m) {
		c, ok := memberInitializationFields[k]
		if !ok {
			return nil, fmt.Errorf("%s is not a field of it (fields: joinTimeout, measurementTimeout, evaluationTimeout, externalEvaluation, membersNeededToStart)", k)
		}
		if _, err := c(m[k]); err != nil {
			return nil, fmt.Errorf("%s %v", k, err)
		}
	}
	return v, nil
}

// checkInitializationConstants applies the rules that tie memberInitialization to the other
// constants of a new session.
func checkInitializationConstants(c map[string]any, maxMembers int, large bool) error {
	const field = "constants.system.memberInitialization"
	mi, ok := c["memberInitialization"].(map[string]any)
	if !ok {
		return nil
	}
	if large {
		return errs.E(errs.Invalid, field, "a large session has no member initialization")
	}
	if _, ok := mi["evaluationTimeout"]; ok && mi["externalEvaluation"] != true {
		return errs.E(errs.Invalid, field+".evaluationTimeout", "only with externalEvaluation: true")
	}
	if n, ok := intValue(mi["membersNeededToStart"]); ok && n > maxMembers {
		return errs.E(errs.Invalid, field+".membersNeededToStart", "%d is more than maxMembersCount (%d)", n, maxMembers)
	}
	return nil
}

// initConfig reads the session's memberInitialization (false: the session has none).
func (s *Session) initConfig() (initConfig, bool) {
	mi, ok := s.Constants.System["memberInitialization"].(map[string]any)
	if !ok {
		return initConfig{}, false
	}
	c := initConfig{join: 10 * time.Second, measure: 30 * time.Second, evaluate: 5 * time.Second, needed: 1,
		external: mi["externalEvaluation"] == true}
	for name, d := range map[string]*time.Duration{"joinTimeout": &c.join, "measurementTimeout": &c.measure, "evaluationTimeout": &c.evaluate} {
		if n, ok := intValue(mi[name]); ok {
			*d = time.Duration(n) * time.Millisecond
		}
	}
	if n, ok := intValue(mi["membersNeededToStart"]); ok {
		c.needed = n
	}
	return c, true
}

// measures reports whether episodes have a measuring stage: the session asks for metrics or
// QoS requirements, or names measurement servers.
func (s *Session) measures() bool {
	for _, k := range []string{"metrics", "peerToPeerRequirements", "peerToHostRequirements", "measurementServerAddresses"} {
		if _, ok := s.Constants.System[k].(map[string]any); ok {
			return true
		}
	}
	return false
}

// wantsInitialization reports whether the member was created with constants.system.initialize.
func (m *Member) wantsInitialization() bool { return m.Constants.System["initialize"] == true }

// initialize applies a PUT's part in member initialization to s: initializationSucceeded only
// while an episode is evaluating; on a new session, the members created with initialize form
// episode 1 (too few for membersNeededToStart is a 400, MPSD's message); members who asked to
// initialize since join an episode; and the episode under way advances as of now.
func (p Put) initialize(s *Session, creating bool) error {
	cfg, ok := s.initConfig()
	if p.Request.Properties != nil {
		if v := p.Request.Properties.System["initializationSucceeded"]; v != nil && s.stage() != StageEvaluating {
			return errs.E(errs.Invalid, "properties.system.initializationSucceeded", "can only be written while member initialization is evaluating")
		}
	}
	if !ok {
		return nil
	}
	if creating {
		n := 0
		for _, m := range s.Members {
			if m.wantsInitialization() {
				n++
			}
		}
		if n < cfg.needed {
			return errs.E(errs.Invalid, "constants.system.memberInitialization.membersNeededToStart",
				"This session is configured for managed initialization requiring at least %d members to start.", cfg.needed)
		}
	}
	s.enrol(p.Now)
	s.advanceInitialization(cfg, p.Now)
	return nil
}

// initialization is what the initialization change type compares: the episode under way and
// its stage (a parsed document keeps its rendered initializing in Extra).
func (s *Session) initialization() any {
	if s.Initializing != nil {
		return [2]any{s.Initializing.Episode, s.Initializing.Stage}
	}
	return s.Extra["initializing"]
}

// stage is the stage of the episode under way ("" when none).
func (s *Session) stage() string {
	if s.Initializing == nil {
		return ""
	}
	return s.Initializing.Stage
}

// enrol puts the members who asked to initialize and have taken part in no episode into one:
// a new episode, starting now, when none is under way; else the next one, which starts when the
// one under way ends. A session whose first episode failed takes no more.
func (s *Session) enrol(now time.Time) {
	if s.stage() == StageFailed {
		return
	}
	var newcomers []*Member
	for _, m := range s.Members {
		if m.wantsInitialization() && m.Episode == 0 {
			newcomers = append(newcomers, m)
		}
	}
	if len(newcomers) == 0 {
		return
	}
	episode := s.Episodes + 1
	if s.Initializing == nil {
		s.Episodes = episode
		s.Initializing = &Initializing{Episode: episode, Stage: StageJoining, StageStart: now}
	}
	for _, m := range newcomers {
		m.Episode = episode
	}
}

// inEpisode is the members of the episode under way who have not failed.
func (s *Session) inEpisode() []*Member {
	var out []*Member
	for _, m := range s.Members {
		if s.Initializing != nil && m.Episode == s.Initializing.Episode && m.InitFailure == "" {
			out = append(out, m)
		}
	}
	return out
}

// inRunningEpisode reports whether m takes part in the episode under way: its stage timeouts
// replace the member's reserved and ready timeouts.
func (s *Session) inRunningEpisode(m *Member) bool {
	return s.Initializing != nil && s.Initializing.Stage != StageFailed && m.Episode == s.Initializing.Episode
}

// stageDeadline is when the stage under way times out (false: no stage under way).
func (s *Session) stageDeadline(cfg initConfig) (time.Time, bool) {
	if s.Initializing == nil {
		return time.Time{}, false
	}
	d := map[string]time.Duration{StageJoining: cfg.join, StageMeasuring: cfg.measure, StageEvaluating: cfg.evaluate}
	limit, ok := d[s.Initializing.Stage]
	return s.Initializing.StageStart.Add(limit), ok
}

// InitializationDeadline is when the stage of the episode under way times out (false: none is
// under way). Unlike the member timers, which MPSD applies only when the session is next read or
// written, a stage ends at its deadline: the sweeper looks for it.
func (s *Session) InitializationDeadline() (time.Time, bool) {
	cfg, ok := s.initConfig()
	if !ok {
		return time.Time{}, false
	}
	return s.stageDeadline(cfg)
}

// stageDone reports whether every member of the episode has done what the stage asks.
func (s *Session) stageDone() bool {
	switch s.stage() {
	case StageJoining:
		return !slices.ContainsFunc(s.inEpisode(), func(m *Member) bool { return m.Reserved })
	case StageMeasuring:
		return !slices.ContainsFunc(s.inEpisode(), func(m *Member) bool { return s.missingMeasurements(m) })
	case StageEvaluating:
		_, ok := s.Properties.System["initializationSucceeded"].(bool)
		return ok
	}
	return false
}

// missingMeasurements reports whether m has not uploaded what measuring asks of it:
// measurements, and serverMeasurements when the session names measurement servers.
func (s *Session) missingMeasurements(m *Member) bool {
	if _, ok := m.Properties.System["measurements"].(map[string]any); !ok {
		return true
	}
	if _, servers := s.Constants.System["measurementServerAddresses"].(map[string]any); servers {
		_, ok := m.Properties.System["serverMeasurements"].(map[string]any)
		return !ok
	}
	return false
}

// advanceInitialization ends every stage of the episode under way that is over by now (its
// members done, or its timeout passed; a stage that timed out ends at its deadline, so the next
// one counts from there) and reports whether anything changed.
func (s *Session) advanceInitialization(cfg initConfig, now time.Time) bool {
	changed := false
	for s.Initializing != nil && s.Initializing.Stage != StageFailed {
		at := now
		if !s.stageDone() {
			deadline, _ := s.stageDeadline(cfg)
			if now.Before(deadline) {
				break
			}
			at = deadline
		}
		s.endStage(cfg, at)
		changed = true
	}
	return changed
}

// endStage ends the stage under way at at: members who did not do their part fail (or, still
// reserved at the end of joining, are removed), failures spread through initialization groups,
// and the episode goes on to its next stage, fails, or ends.
func (s *Session) endStage(cfg initConfig, at time.Time) {
	cur := s.Initializing
	next := ""
	switch cur.Stage {
	case StageJoining:
		for _, m := range s.inEpisode() {
			if m.Reserved {
				s.remove(m.Index, at)
			}
		}
		next = StageEvaluating
		if s.measures() {
			next = StageMeasuring
		}
	case StageMeasuring:
		for _, m := range s.inEpisode() {
			if s.missingMeasurements(m) {
				m.InitFailure = FailTimeout
			} else {
				m.InitFailure = cmp.Or(s.qosFailure(m), s.hostFailure(m))
			}
		}
		if cur.Episode == 1 {
			s.chooseHostCandidates()
		}
		next = StageEvaluating
	case StageEvaluating:
		succeeded := s.Properties.System["initializationSucceeded"] == true
		delete(s.Properties.System, "initializationSucceeded")
		if !succeeded {
			s.failEpisode()
		}
	}
	s.spreadGroupFailures(cur.Episode)
	if next == StageEvaluating && !cfg.external {
		next = ""
	}
	if cur.Episode == 1 && len(s.inEpisode()) < cfg.needed {
		s.failEpisode()
	}
	switch {
	case cur.Episode == 1 && len(s.inEpisode()) < cfg.needed:
		s.Initializing = &Initializing{Episode: cur.Episode, Stage: StageFailed, StageStart: at}
	case next != "" && len(s.inEpisode()) > 0:
		s.Initializing = &Initializing{Episode: cur.Episode, Stage: next, StageStart: at}
	default:
		s.Initializing = nil
		for _, m := range s.Members {
			if m.Episode == cur.Episode+1 && m.InitFailure == "" {
				s.Episodes = cur.Episode + 1
				s.Initializing = &Initializing{Episode: s.Episodes, Stage: StageJoining, StageStart: at}
				break
			}
		}
	}
}

// failEpisode marks every member of the episode who has not failed yet with "episode".
func (s *Session) failEpisode() {
	for _, m := range s.inEpisode() {
		m.InitFailure = FailEpisode
	}
}

// spreadGroupFailures fails, with "group", every member of the episode whose
// initializationGroup names a member of the episode that failed or is gone.
func (s *Session) spreadGroupFailures(episode int) {
	for spread := true; spread; {
		spread = false
		for _, m := range s.inEpisode() {
			group, _ := m.Properties.System["initializationGroup"].([]any)
			for _, v := range group {
				i, _ := intValue(v)
				other := s.MemberAt(i)
				if i != m.Index && (other == nil || other.Episode == episode && other.InitFailure != "") {
					m.InitFailure, spread = FailGroup, true
					break
				}
			}
		}
	}
}

// qosFailure is the first failure cause, by MPSD's precedence, of m's measurements against the
// session's peerToPeerRequirements ("" when they meet them or there are none).
func (s *Session) qosFailure(m *Member) string {
	req, ok := s.Constants.System["peerToPeerRequirements"].(map[string]any)
	if !ok {
		return ""
	}
	maxLatency, hasLatency := intValue(req["latencyMaximum"])
	minBandwidth, hasBandwidth := intValue(req["bandwidthMinimum"])
	causes := map[string]bool{}
	measurements, _ := m.Properties.System["measurements"].(map[string]any)
	for _, v := range measurements {
		if n, ok := intValue(path(v, "latency")); ok && hasLatency && n > maxLatency {
			causes[FailLatency] = true
		}
		if n, ok := intValue(path(v, "bandwidthDown")); ok && hasBandwidth && n < minBandwidth {
			causes[FailBandwidthDown] = true
		}
		if n, ok := intValue(path(v, "bandwidthUp")); ok && hasBandwidth && n < minBandwidth {
			causes[FailBandwidthUp] = true
		}
	}
	for _, c := range []string{FailLatency, FailBandwidthDown, FailBandwidthUp} {
		if causes[c] {
			return c
		}
	}
	return ""
}

// renderInitialization adds the session's episode to its rendering, and to each member's the
// episode it takes part in and why it failed.
func (s *Session) renderInitialization(doc map[string]any) {
	if s.Initializing != nil {
		doc["initializing"] = map[string]any{"stage": s.Initializing.Stage, "episode": s.Initializing.Episode,
			"stageStartTime": FormatTime(s.Initializing.StageStart)}
	}
	if len(s.HostCandidates) > 0 {
		doc["hostCandidates"] = s.HostCandidates
	}
}

// renderInitialization adds what member initialization says of m to its rendering.
func (m *Member) renderInitialization(out map[string]any, s *Session) {
	if s.Initializing != nil && s.Initializing.Stage != StageFailed && m.Episode >= s.Initializing.Episode {
		out["initializationEpisode"] = m.Episode
	}
	if m.InitFailure != "" {
		out["initializationFailure"] = m.InitFailure
	}
}
