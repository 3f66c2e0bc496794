package session

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/player"
)

// Activity handles (docs/mpsd.md §11): a member's current activity in a service config, the
// session they play in. A player has at most one per service config: a new one replaces the
// old. It is checked lazily: an activity counts only while its session is the one it was made
// for (its branch) and its owner has been an active member there since it was made (a
// member's status records when it last changed), so leaving, going inactive (even if active
// again later) or the session going away ends it without the session's write touching it. POST
// /handles/query with {"type":"activity","scid","owners":{"xuids":[...]}} answers them.

// MaxActivityOwners bounds the players of an activity query (each costs a read of their
// activity and of its session).
const MaxActivityOwners = 10

// Activity is an activity handle as stored: Owner's activity, set at Since, in the session Ref,
// the one whose branch is Branch.
type Activity struct {
	ID     string
	Ref    Ref
	Branch string
	Owner  string
	Since  time.Time
}

// DecodeActivity reads a POST /handles body of type activity: {type, version: 1, sessionRef}.
func DecodeActivity(body []byte) (Ref, error) {
	top, err := decodeObject(body)
	if err != nil {
		return Ref{}, err
	}
	var ref Ref
	for _, key := range sortedKeys(top) {
		val := top[key]
		switch key {
		case "type":
			if t, _ := val.(string); !strings.EqualFold(t, "activity") {
				return Ref{}, errs.E(errs.Invalid, "type", "must be activity")
			}
		case "version":
			if n, ok := intValue(val); !ok || n != 1 {
				return Ref{}, errs.E(errs.Invalid, "version", "must be 1")
			}
		case "sessionRef":
			if ref, err = decodeRef(val, "sessionRef"); err != nil {
				return Ref{}, err
			}
		default:
			return Ref{}, errs.E(errs.Invalid, keyField(key), "not allowed in an activity handle (allowed: type, version, sessionRef)")
		}
	}
	if ref == (Ref{}) {
		return Ref{}, errs.E(errs.Invalid, "sessionRef", "an activity names its session (scid, templateName and name)")
	}
	return ref, nil
}

// SetActivity makes c's activity handle (given its id) in s at now: only an active member may
// set one.
func (s *Session) SetActivity(id string, c Caller, now time.Time) (*Activity, error) {
	if m := s.Member(c.ID); m == nil || m.Status() != Active {
		return nil, errs.E(errs.Permission, "sessionRef", "only an active member of the session may make it their activity")
	}
	return &Activity{ID: id, Ref: s.Ref, Branch: s.Branch, Owner: c.ID, Since: now}, nil
}

// ActivityQuery is POST /handles/query with type activity: the activities of Owners (each
// once, in request order) in the service config SCID; Include names what each result adds
// (relatedInfo, customProperties).
type ActivityQuery struct {
	SCID    string
	Owners  []string
	Include []string
}

// DecodeActivityQuery reads an activity query's body and its ?include= (comma-separated:
// ActivityIncludes). owners.people (a social group) needs a social graph OpenPlay does not have:
// 400.
func DecodeActivityQuery(body []byte, include string) (ActivityQuery, error) {
	var q ActivityQuery
	var err error
	if q.Include, err = decodeInclude(include, ActivityIncludes); err != nil {
		return q, err
	}
	top, err := decodeObject(body)
	if err != nil {
		return q, err
	}
	for _, key := range sortedKeys(top) {
		val := top[key]
		switch key {
		case "type":
			if t, _ := val.(string); !strings.EqualFold(t, "activity") {
				return q, errs.E(errs.Invalid, "type", "must be activity")
			}
		case "scid":
			q.SCID, _ = val.(string)
			if err := CheckSCID(q.SCID); err != nil {
				return q, err
			}
		case "owners":
			if q.Owners, err = decodeOwners(val); err != nil {
				return q, err
			}
		default:
			return q, errs.E(errs.Invalid, keyField(key), "not allowed in an activity query (allowed: type, scid, owners)")
		}
	}
	if q.SCID == "" {
		return q, errs.E(errs.Invalid, "scid", "an activity query names its service config (OpenPlay keeps activities per service config)")
	}
	if q.Owners == nil {
		return q, errs.E(errs.Invalid, "owners", "an activity query names its players: owners.xuids")
	}
	return q, nil
}

// decodeOwners reads owners: {"xuids": [...]}, 1 to MaxActivityOwners player IDs, each kept once.
func decodeOwners(v any) ([]string, error) {
	owners, err := asObject(v, "owners")
	if err != nil {
		return nil, err
	}
	for _, key := range sortedKeys(owners) {
		switch key {
		case "xuids":
		case "people":
			return nil, errs.E(errs.Invalid, "owners.people", "social groups are not supported: OpenPlay has no social graph (friends, followers); name the players in owners.xuids")
		default:
			return nil, errs.E(errs.Invalid, "owners."+keyField(key), "not allowed in owners (allowed: xuids)")
		}
	}
	list, ok := owners["xuids"].([]any)
	if !ok || len(list) == 0 || len(list) > MaxActivityOwners {
		return nil, errs.E(errs.Invalid, "owners.xuids", "must be an array of 1 to %d player IDs", MaxActivityOwners)
	}
	var out []string
	for i, v := range list {
		id, ok := v.(string)
		if !ok || !player.ValidID(id) {
			return nil, errs.E(errs.Invalid, fmt.Sprintf("owners.xuids[%d]", i), "must be a player ID (1 to %d printable ASCII characters)", player.MaxIDLength)
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// Result is the activity as the query answers it, if it still holds at now: s is the session
// stored under its reference (nil when there is none), which Result brings up to date at now in
// place (a query reads each session for this alone, and a copy of the largest would double what
// it holds). An activity whose session is gone or was
// made anew, or whose owner has not been an active member of it all along since, is not
// answered (false).
func (q ActivityQuery) Result(a *Activity, s *Session, now time.Time) (map[string]any, bool) {
	if !a.holds(s, now) {
		return nil, false
	}
	out := a.Render()
	if slices.Contains(q.Include, "relatedInfo") {
		out["relatedInfo"] = map[string]any{
			"visibility": s.Visibility(), "joinRestriction": s.restriction("joinRestriction"), "closed": s.flag("closed"),
			"maxMembersCount": s.MaxMembers(), "membersCount": len(s.Members),
		}
	}
	if slices.Contains(q.Include, "customProperties") {
		custom := s.Properties.Custom
		if custom == nil {
			custom = map[string]any{}
		}
		// as JSON text, so that a query holds what it answers, not each session's decoded values
		raw, _ := json.Marshal(custom) // decoded JSON always encodes
		out["customProperties"] = json.RawMessage(raw)
	}
	return out, true
}

// holds reports whether the activity still counts at now: s is the session stored under its
// reference (nil when there is none), which holds brings up to date at now in place. It does not
// once its session is gone or was made anew, or its owner has not been an active member of it
// all along since it was made.
func (a *Activity) holds(s *Session, now time.Time) bool {
	if s == nil || s.Branch != a.Branch {
		return false
	}
	if _, gone := s.evaluate(now); gone {
		return false
	}
	m := s.Member(a.Owner)
	return m != nil && m.Status() == Active && !m.StatusSince.After(a.Since)
}

// Find applies GET /handles/{id} to the activity: s is its session as stored (nil when none),
// brought up to date at now in place. An activity that no longer holds is gone (404), as MPSD
// deletes it when its owner leaves or goes inactive; one that holds is anyone's to read, as the
// activity query answers it to any signed-in player.
func (a *Activity) Find(s *Session, now time.Time) error {
	if !a.holds(s, now) {
		return HandleNotFound(a.ID)
	}
	return nil
}

// Delete applies DELETE /handles/{id} to the activity for c: s is its session as stored (nil
// when none), brought up to date at now in place. An activity that no longer holds is 404 (see
// Find); only its owner or a server principal may delete one (403).
func (a *Activity) Delete(c Caller, s *Session, now time.Time) error {
	if err := a.Find(s, now); err != nil {
		return err
	}
	if !c.Server && c.ID != a.Owner {
		return errs.E(errs.Permission, "handleId", "only the owner of an activity handle or a server principal may delete it")
	}
	return nil
}

// Render is the handle as POST /handles and GET /handles/{id} answer it (MPSD's activity
// handle, the official client's activityJson with its id and owner; titleId is left
// out, as activeTitleId is: an OpenPlay deployment has no Xbox title ID).
func (a *Activity) Render() map[string]any {
	return map[string]any{
		"id": a.ID, "type": "activity", "version": 1, "ownerXuid": a.Owner,
		"sessionRef": map[string]any{"scid": a.Ref.SCID, "templateName": a.Ref.Template, "name": a.Ref.Name},
	}
}
