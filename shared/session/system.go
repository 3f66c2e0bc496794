package session

import (
	"fmt"
	"slices"
	"strings"

	"github.com/openplay-games/openplay/shared/errs"
)

// check validates one system field and returns its stored form (enums in canonical case: the
// official client writes some in other cases, and MPSD compares them case-insensitively).
type check func(v any) (any, error)

// scope is one of the four system objects; each knows its fields.
type scope map[string]check

var (
	sessionConstants = scope{
		"version": intIn(1, 1<<30), "maxMembersCount": intIn(1, 10000),
		"visibility": enum("open", "visible", "private"), "initiators": stringList,
		"inviteProtocol": text, "reservedRemovalTimeout": timeoutMillis, "inactiveRemovalTimeout": timeoutMillis,
		"readyRemovalTimeout": timeoutMillis, "sessionEmptyTimeout": timeoutMillis, "capabilities": capabilities,
		"metrics": anyObject, "memberInitialization": memberInitialization, "peerToPeerRequirements": anyObject,
		"peerToHostRequirements": anyObject, "measurementServerAddresses": anyObject,
		"cloudComputePackage": anyObject, "arbitration": anyObject, "broadcastViewerTitleIds": stringList,
		"ownershipPolicies": anyObject,
	}
	sessionProperties = scope{
		"keywords": keywords, "turn": indexList, "joinRestriction": enum("none", "local", "followed"),
		"readRestriction": enum("none", "local", "followed"), "closed": boolean, "locked": boolean,
		"host": text, "initializationSucceeded": boolean, "serverConnectionStringCandidates": stringList,
		"matchmaking": anyObject, "matchmakingResubmit": boolean, "owners": indexList, "allocateCloudCompute": boolean,
	}
	memberConstants = scope{
		"xuid": text, "initialize": boolean, "matchmakingResult": anyObject, "team": anyValue,
	}
	memberProperties = scope{
		"active": boolean, "ready": boolean, "connection": text, "subscription": subscription,
		"subscriptions": anyObject, "secureDeviceAddress": text, "initializationGroup": indexList,
		"groups": stringList, "encounters": stringList, "measurements": anyObject,
		"serverMeasurements": anyObject, "RolePreference": anyObject, "arbitration": anyObject,
	}
)

// validate checks every field of a system object of a request (field is its path for errors).
// A null value is kept: it clears the field (or, in a template, forces it unset).
func (sc scope) validate(system map[string]any, field string) error {
	for _, name := range sortedKeys(system) {
		c, ok := sc[name]
		if !ok {
			return errs.E(errs.Invalid, field+"."+name, "unknown system field")
		}
		if system[name] == nil {
			continue
		}
		v, err := c(system[name])
		if err != nil {
			return errs.E(errs.Invalid, field+"."+name, "%v", err)
		}
		system[name] = v
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func intIn(lo, hi int) check {
	return func(v any) (any, error) {
		if n, ok := intValue(v); ok && n >= lo && n <= hi {
			return v, nil
		}
		return nil, fmt.Errorf("must be a whole number from %d to %d", lo, hi)
	}
}

// timeoutMillis checks a timeout: milliseconds, 0 or more; null (handled by validate) means never.
func timeoutMillis(v any) (any, error) { return intIn(0, 1<<31-1)(v) }

func enum(values ...string) check {
	return func(v any) (any, error) {
		if s, ok := v.(string); ok {
			for _, want := range values {
				if strings.EqualFold(s, want) {
					return want, nil
				}
			}
		}
		return nil, fmt.Errorf("must be one of %s", strings.Join(values, ", "))
	}
}

func boolean(v any) (any, error) {
	if _, ok := v.(bool); ok {
		return v, nil
	}
	return nil, fmt.Errorf("must be true or false")
}

func text(v any) (any, error) {
	if _, ok := v.(string); ok {
		return v, nil
	}
	return nil, fmt.Errorf("must be a string")
}

func stringList(v any) (any, error) {
	list, ok := v.([]any)
	if !ok || slices.ContainsFunc(list, func(x any) bool { _, s := x.(string); return !s }) {
		return nil, fmt.Errorf("must be an array of strings")
	}
	return v, nil
}

// MaxKeywords and MaxKeywordLength bound properties.system.keywords, which queries index
// (MPSD documents no limit; inferred, to keep a session's index entries small).
const (
	MaxKeywords      = 100
	MaxKeywordLength = 256
)

func keywords(v any) (any, error) {
	list, ok := v.([]any)
	if !ok || len(list) > MaxKeywords || slices.ContainsFunc(list, func(x any) bool { s, ok := x.(string); return !ok || s == "" || len(s) > MaxKeywordLength }) {
		return nil, fmt.Errorf("must be an array of at most %d strings of 1 to %d bytes", MaxKeywords, MaxKeywordLength)
	}
	return v, nil
}

// indexList is an array of member indices.
func indexList(v any) (any, error) {
	list, ok := v.([]any)
	if !ok || slices.ContainsFunc(list, func(x any) bool { n, ok := intValue(x); return !ok || n < 0 }) {
		return nil, fmt.Errorf("must be an array of member indices")
	}
	return v, nil
}

func anyObject(v any) (any, error) {
	if _, ok := v.(map[string]any); ok {
		return v, nil
	}
	return nil, fmt.Errorf("must be a JSON object")
}

func anyValue(v any) (any, error) { return v, nil }

func capabilities(v any) (any, error) {
	m, ok := v.(map[string]any)
	if !ok || slices.ContainsFunc(sortedKeys(m), func(k string) bool { _, b := m[k].(bool); return !b }) {
		return nil, fmt.Errorf("must be an object of booleans")
	}
	return v, nil
}

// ChangeType is what a shoulder-tap subscription asks to hear about.
type ChangeType string

// ChangeTypes are the change types XSAPI writes, in canonical case.
var ChangeTypes = []ChangeType{"everything", "host", "initialization", "matchmakingStatus", "membersList",
	"membersStatus", "joinability", "customProperty", "membersCustomProperty"}

var changeTypeNames = func() []string {
	out := make([]string, len(ChangeTypes))
	for i, c := range ChangeTypes {
		out[i] = string(c)
	}
	return out
}()

// subscription is {id, changeTypes}: the member's shoulder-tap subscription.
func subscription(v any) (any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("must be an object {id, changeTypes}")
	}
	for _, k := range sortedKeys(m) {
		switch k {
		case "id":
			if _, ok := m[k].(string); !ok {
				return nil, fmt.Errorf("id must be a string")
			}
		case "changeTypes":
			list, ok := m[k].([]any)
			if !ok {
				return nil, fmt.Errorf("changeTypes must be an array")
			}
			for i, x := range list {
				c, err := enum(changeTypeNames...)(x)
				if err != nil {
					return nil, fmt.Errorf("changeTypes[%d] %v", i, err)
				}
				list[i] = c
			}
		default:
			return nil, fmt.Errorf("unknown field %q", k)
		}
	}
	return v, nil
}
