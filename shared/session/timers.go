package session

import "time"

// Contract-107 defaults of the timeouts (milliseconds), used when the session's constants do not
// name one; a constant set to null means "never".
var timeoutDefaults = map[string]int{
	"reservedRemovalTimeout": 30000,
	"inactiveRemovalTimeout": 0,
	"readyRemovalTimeout":    180000,
	"sessionEmptyTimeout":    0,
}

// timeout returns the named timeout and whether it ever fires.
func (s *Session) timeout(name string) (time.Duration, bool) {
	v, set := s.Constants.System[name]
	if !set {
		return time.Duration(timeoutDefaults[name]) * time.Millisecond, true
	}
	n, ok := intValue(v)
	if !ok {
		return 0, false // null: never
	}
	return time.Duration(n) * time.Millisecond, true
}

// memberTimeouts maps a member status to the timeout that applies to it.
var memberTimeouts = map[Status]string{
	Reserved: "reservedRemovalTimeout",
	Inactive: "inactiveRemovalTimeout",
	Ready:    "readyRemovalTimeout",
}

// deadline is when m's current status times out (false: never).
func (s *Session) deadline(m *Member) (time.Time, bool) {
	name, ok := memberTimeouts[m.Status()]
	if !ok || s.inRunningEpisode(m) { // an episode's stage timeouts apply instead
		return time.Time{}, false
	}
	d, ok := s.timeout(name)
	return m.StatusSince.Add(d), ok
}

// emptyDeadline is when an empty session goes away (false: never, or not empty).
func (s *Session) emptyDeadline() (time.Time, bool) {
	if len(s.Members) > 0 {
		return time.Time{}, false
	}
	d, ok := s.timeout("sessionEmptyTimeout")
	return s.EmptySince.Add(d), ok
}

// evaluate brings the timers up to date at now, as MPSD does lazily before serving a read or a
// write: a reservation or an inactive member whose timeout passed is removed, a ready member
// whose timeout passed becomes inactive (one transition per member per evaluation: timeouts do
// not stack). It reports whether anything changed and whether the session is gone (empty past
// its sessionEmptyTimeout).
func (s *Session) evaluate(now time.Time) (changed, gone bool) {
	for _, m := range append([]*Member(nil), s.Members...) {
		at, ok := s.deadline(m)
		if !ok || now.Before(at) {
			continue
		}
		changed = true
		if m.Status() == Ready {
			delete(m.Properties.System, "ready")
			m.StatusSince = at
			continue
		}
		s.remove(m.Index, at)
	}
	if cfg, ok := s.initConfig(); ok && s.advanceInitialization(cfg, now) {
		changed = true
	}
	at, ok := s.emptyDeadline()
	return changed, ok && !now.Before(at)
}

// NextTimer is the next deadline of the session (false: none pending): nextTimer and the
// Expires header.
func (s *Session) NextTimer() (time.Time, bool) {
	var next time.Time
	found := false
	consider := func(at time.Time, ok bool) {
		if ok && (!found || at.Before(next)) {
			next, found = at, true
		}
	}
	for _, m := range s.Members {
		consider(s.deadline(m))
	}
	consider(s.emptyDeadline())
	consider(s.InitializationDeadline())
	return next, found
}

// Due reports whether a timer has fired by now, so that a read must write the session first.
func (s *Session) Due(now time.Time) bool {
	at, ok := s.NextTimer()
	return ok && !now.Before(at)
}
