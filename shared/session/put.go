package session

import (
	"bytes"
	"maps"
	"slices"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
)

// Caller is who sends a request: a player (ID is the Firebase uid, MPSD's xuid) or a server
// principal (a Firebase user whose token carries the server claim), which may reference members
// by index, write servers, and is exempt from the join rules. Invited is set when the player
// comes through an invite handle that names them (GET/PUT /handles/{id}/session): like a
// reserved player they may read the session and join it whatever its visibility and
// joinRestriction, but a closed or locked one stays read-only (docs/mpsd.md §9.2 rule 7).
type Caller struct {
	ID      string
	Name    string
	Server  bool
	Invited bool
}

// Conditions are the request's If-Match and If-None-Match headers.
type Conditions struct {
	IfMatch     string
	IfNoneMatch string
}

// Put is one session PUT: the stored session (nil if none), its template (needed only when the
// session does not exist), the request and who sends it, at Now. Branch and CorrelationID are
// fresh GUIDs for a session this PUT creates.
type Put struct {
	Stored        *Session
	Template      *Template
	Ref           Ref
	Request       *Request
	Caller        Caller
	Conditions    Conditions
	Now           time.Time
	Branch        string
	CorrelationID string
	ApplicationID string
	// MustExist makes a missing session a 404 rather than a create (PUT …/properties).
	MustExist bool
	// NoCommit (?nocommit=true) answers the merged result, with the same outcome, but nothing
	// is to be written and no shoulder tap sent.
	NoCommit bool
}

// Outcome is what a write did to the session: the MPSD status codes 201, 200 and 204.
type Outcome int

const (
	Updated Outcome = iota // 200: the session exists after the request
	Created                // 201: this request created it
	Deleted                // 204: it does not exist after the request
)

// Result is a write's answer: the session after it (nil when Deleted), whether it must be
// written (Changed; Deleted with Existed means delete the stored document), whether the caller
// was a member before the write (after its timers), and the shoulder taps it owes.
type Result struct {
	Session   *Session
	Outcome   Outcome
	Changed   bool
	Existed   bool
	WasMember bool
	Notes     []notification.Notification
}

// Apply runs the PUT: timers first (lazily, as of now), then the preconditions, then the merge
// and the membership and access rules. It never changes p.Stored's caller-visible state on error.
// With NoCommit the result is not Changed and owes no taps.
func (p Put) Apply() (*Result, error) {
	res, err := p.apply()
	if err == nil && p.NoCommit {
		res.Changed, res.Notes = false, nil
	}
	return res, err
}

func (p Put) apply() (*Result, error) {
	s, existed := p.Stored, p.Stored != nil
	res := &Result{Existed: existed}
	if existed {
		s = s.Clone()
		changed, gone := s.evaluate(p.Now)
		if gone {
			s = nil
		} else if changed {
			s.ChangeNumber++
			res.Changed = true
		}
	}
	res.WasMember = s != nil && s.Member(p.Caller.ID) != nil
	err := checkConditions(s, p.Conditions)
	if err != nil {
		return nil, err
	}
	// before is the document as the merge finds it, to tell whether the merge changed anything
	// (nil when this write creates the session)
	var before []byte
	hadMembers := false
	if s == nil && p.MustExist {
		return nil, errs.E(errs.NotFound, "name", "the requested session wasn't found")
	}
	if s == nil {
		if p.Template == nil {
			return nil, errs.E(errs.NotFound, "template", "no session template %q", p.Ref.Template)
		}
		s = &Session{Ref: p.Ref, ApplicationID: p.ApplicationID, Branch: p.Branch, CorrelationID: p.CorrelationID, StartTime: p.Now,
			Constants: Bag{System: cloneMap(p.Template.Constants.System), Custom: cloneJSON(p.Template.Constants.Custom)},
			RoleTypes: cloneMap(p.Template.RoleTypes)}
		if err := addConstants(&s.Constants, p.Request.Constants, true, "constants"); err != nil {
			return nil, err
		}
		if err := checkConstants(s.Constants.System); err != nil {
			return nil, err
		}
		if err := p.checkInitiator(s); err != nil {
			return nil, err
		}
	} else {
		if before, err = s.Marshal(); err != nil {
			return nil, err
		}
		hadMembers = len(s.Members) > 0
		if err := addConstants(&s.Constants, p.Request.Constants, false, "constants"); err != nil {
			return nil, err
		}
	}
	statuses := map[int]Status{}
	for _, m := range s.Members {
		statuses[m.Index] = m.Status()
	}
	if err := p.applyMembers(s, before == nil); err != nil {
		return nil, err
	}
	if err := p.applyRest(s); err != nil {
		return nil, err
	}
	if err := p.initialize(s, before == nil); err != nil {
		return nil, err
	}
	for _, m := range s.Members {
		if st, ok := statuses[m.Index]; !ok || st != m.Status() {
			m.StatusSince = p.Now
		}
	}
	if len(s.Members) > 0 {
		s.EmptySince = time.Time{}
	} else if before == nil || hadMembers {
		s.EmptySince = p.Now
	}
	if at, ok := s.emptyDeadline(); ok && !p.Now.Before(at) {
		res.Outcome, res.Changed = Deleted, existed
		return res, nil
	}
	after, err := s.Marshal()
	if err != nil {
		return nil, err
	}
	if err := s.checkSize(after); err != nil {
		return nil, err
	}
	if before == nil {
		s.ChangeNumber = 1
		res.Session, res.Outcome, res.Changed = s, Created, true
		return res, nil
	}
	res.Session, res.Outcome = s, Updated
	if !bytes.Equal(before, after) {
		s.ChangeNumber++
		res.Changed = true
	}
	if res.Changed {
		res.Notes = taps(p.Stored, s, p.Caller.ID, p.ApplicationID, p.Now)
	}
	return res, nil
}

// Refresh brings a stored session's timers up to date at now for a read: the result says
// whether the session must be written first (Changed), or deleted (Outcome Deleted; with nothing
// to delete when there is no stored session).
func Refresh(stored *Session, now time.Time, app string) *Result {
	if stored == nil {
		return &Result{Outcome: Deleted}
	}
	s := stored.Clone()
	changed, gone := s.evaluate(now)
	switch {
	case gone:
		return &Result{Outcome: Deleted, Changed: true, Existed: true}
	case !changed:
		return &Result{Session: stored, Outcome: Updated, Existed: true}
	}
	s.ChangeNumber++
	return &Result{Session: s, Outcome: Updated, Changed: true, Existed: true, Notes: taps(stored, s, "", app, now)}
}

// checkConstants applies the rules on a new session's system constants.
func checkConstants(c map[string]any) error {
	large := false
	if caps, ok := c["capabilities"].(map[string]any); ok {
		large = caps["large"] == true
	}
	maxMembers, ok := intValue(c["maxMembersCount"])
	if ok && (maxMembers > 1000 || (!large && maxMembers > 100)) {
		return errs.E(errs.Invalid, "constants.system.maxMembersCount", "must be from 1 to 100 (up to 1000 with capabilities.large)")
	}
	if !ok {
		maxMembers = 100
	}
	return checkInitializationConstants(c, maxMembers, large)
}

func (p Put) checkInitiator(s *Session) error {
	list, ok := s.Constants.System["initiators"].([]any)
	if !ok || p.Caller.Server || slices.Contains(list, any(p.Caller.ID)) {
		return nil
	}
	return errs.E(errs.Permission, "constants.system.initiators", "only the listed initiators may create this session")
}

// capability reports whether constants.system.capabilities has name.
func (s *Session) capability(name string) bool {
	caps, _ := s.Constants.System["capabilities"].(map[string]any)
	return caps[name] == true
}

// large reports whether the session has capabilities.large.
func (s *Session) large() bool { return s.capability("large") }

// applyRest merges session properties, servers and role types, and checks the session rules
// that span fields.
func (p Put) applyRest(s *Session) error {
	req := p.Request
	member := p.Caller.Server || s.Member(p.Caller.ID) != nil
	if req.Properties != nil && !member {
		return errs.E(errs.Permission, "properties", "only members of the session may write its properties")
	}
	if req.RoleTypes != nil && !member {
		return errs.E(errs.Permission, "roleTypes", "only members of the session may write its role types")
	}
	guard := s.ownerGuard(p.Caller)
	mergeProperties(&s.Properties, req.Properties)
	if req.Properties != nil {
		if _, ok := req.Properties.System["host"]; ok {
			if s.large() {
				return errs.E(errs.Invalid, "properties.system.host", "a large session has no host")
			}
			s.checkHost()
		}
	}
	if req.Servers != nil && !p.Caller.Server {
		return errs.E(errs.Permission, "servers", "only a server principal may write servers")
	}
	s.Servers = mergeKeys(s.Servers, req.Servers, mergeServer)
	s.RoleTypes = mergeKeys(s.RoleTypes, req.RoleTypes, replace)
	if guard != nil {
		if err := guard(s); err != nil {
			return err
		}
	}
	if err := checkRestrictions(s, req.Properties); err != nil {
		return err
	}
	if len(s.Keywords()) > 0 && s.Visibility() == "private" {
		return errs.E(errs.Invalid, "properties.system.keywords", "a private session cannot have keywords")
	}
	for _, i := range s.Turn() {
		if i >= s.MembersNext {
			return errs.E(errs.Invalid, "properties.system.turn", "%d is not a member index of this session", i)
		}
	}
	if p.Request.Me != nil && p.Request.Me.Roles != nil {
		if err := s.checkRoles(); err != nil {
			return err
		}
	}
	if s.large() {
		if _, ok := s.Properties.System["turn"]; ok {
			return errs.E(errs.Invalid, "properties.system.turn", "a large session has no turn")
		}
		if s.restriction("joinRestriction") != "none" {
			return errs.E(errs.Invalid, "properties.system.joinRestriction", "a large session only takes none")
		}
	}
	return nil
}

// mergeServer merges a server entry: {constants, properties} bags key by key; any other value
// replaces the entry.
func mergeServer(old, delta any) any {
	d, dok := delta.(map[string]any)
	o, ook := old.(map[string]any)
	if !dok || !ook {
		return cloneJSON(delta)
	}
	out := maps.Clone(o)
	for k, v := range d {
		ob, obok := out[k].(map[string]any)
		db, dbok := v.(map[string]any)
		if (k != "constants" && k != "properties") || !obok || !dbok {
			out[k] = cloneJSON(v)
			continue
		}
		merged := maps.Clone(ob)
		for bk, bv := range db {
			merged[bk] = mergeCustom(ob[bk], bv) // system and custom: one key at a time, null deletes
		}
		out[k] = merged
	}
	return out
}
