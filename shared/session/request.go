package session

import (
	"slices"
	"strconv"
	"strings"

	"github.com/openplay-games/openplay/shared/errs"
)

// BagDelta is the part of a property bag a request sends. A nil System value clears that field;
// Custom, when CustomSet, merges one top-level key at a time (an object) or replaces the whole
// custom value (anything else).
type BagDelta struct {
	System    map[string]any
	Custom    any
	CustomSet bool
}

// MemberDelta is what a request sends for one member.
type MemberDelta struct {
	Constants  *BagDelta
	Properties *BagDelta
	Roles      map[string]any
}

// Reservation is a reserve_N entry: Player is its constants.system.xuid.
type Reservation struct {
	N      int
	Player string
	Delta  MemberDelta
}

// Request is a decoded session PUT body (MultiplayerSessionRequest). Me is the caller's member
// entry (nil with Leave for "me": null; nil without Leave when absent). Indexed holds existing
// members referenced by index (server principals only): a nil entry removes the member. A nil
// Servers entry removes that server; a nil RoleTypes entry removes that role type.
type Request struct {
	Constants  *BagDelta
	Properties *BagDelta
	RoleTypes  map[string]any
	Me         *MemberDelta
	Leave      bool
	Reserve    []Reservation
	Indexed    map[int]*MemberDelta
	Servers    map[string]any
}

// MaxReservations bounds reserve_N keys in one request.
const MaxReservations = 100

// DecodeRequest parses a session PUT body. Only constants, properties, members, servers and
// roleTypes are allowed at the top; every system field is checked against its schema (enums
// case-insensitively, as the official client writes some capitalised); anything else is a 400
// naming the field. An empty body is {}.
func DecodeRequest(body []byte) (*Request, error) {
	req := &Request{}
	if len(strings.TrimSpace(string(body))) == 0 {
		return req, nil
	}
	top, err := decodeObject(body)
	if err != nil {
		return nil, err
	}
	for _, key := range sortedKeys(top) {
		val := top[key]
		switch key {
		case "constants":
			req.Constants, err = decodeBag(val, key, sessionConstants)
		case "properties":
			req.Properties, err = decodeBag(val, key, sessionProperties)
		case "roleTypes":
			if req.RoleTypes, err = asObject(val, key); err == nil {
				req.RoleTypes = withoutDerived(req.RoleTypes)
			}
		case "servers":
			req.Servers, err = asObject(val, key)
		case "members":
			err = req.decodeMembers(val)
		default:
			err = errs.E(errs.Invalid, keyField(key), "not allowed in a session request (allowed: constants, properties, members, servers, roleTypes)")
		}
		if err != nil {
			return nil, err
		}
	}
	return req, nil
}

func (req *Request) decodeMembers(v any) error {
	members, err := asObject(v, "members")
	if err != nil {
		return err
	}
	for _, key := range sortedKeys(members) {
		field := "members." + key
		val := members[key]
		switch {
		case key == "me":
			if val == nil {
				req.Leave = true
				continue
			}
			if req.Me, err = decodeMember(val, field); err != nil {
				return err
			}
		case strings.HasPrefix(key, "reserve_"):
			n, err := strconv.Atoi(strings.TrimPrefix(key, "reserve_"))
			if err != nil || n < 0 || n >= MaxReservations || key != "reserve_"+strconv.Itoa(n) {
				return errs.E(errs.Invalid, field, "a reservation key is reserve_N with N from 0 to %d", MaxReservations-1)
			}
			d, err := decodeMember(val, field)
			if err != nil {
				return err
			}
			var player string
			if d.Constants != nil {
				player, _ = d.Constants.System["xuid"].(string)
			}
			if player == "" {
				return errs.E(errs.Invalid, field+".constants.system.xuid", "a reservation names the player to reserve a place for")
			}
			req.Reserve = append(req.Reserve, Reservation{N: n, Player: player, Delta: *d})
		default:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || key != strconv.Itoa(i) {
				return errs.E(errs.Invalid, field, "a member key is me, reserve_N or an existing member's index")
			}
			if req.Indexed == nil {
				req.Indexed = map[int]*MemberDelta{}
			}
			if val == nil {
				req.Indexed[i] = nil
				continue
			}
			if req.Indexed[i], err = decodeMember(val, field); err != nil {
				return err
			}
		}
	}
	slices.SortFunc(req.Reserve, func(a, b Reservation) int { return a.N - b.N })
	return nil
}

func decodeMember(v any, field string) (*MemberDelta, error) {
	m, err := asObject(v, field)
	if err != nil {
		return nil, err
	}
	d := &MemberDelta{}
	for _, key := range sortedKeys(m) {
		switch key {
		case "constants":
			d.Constants, err = decodeBag(m[key], field+"."+key, memberConstants)
		case "properties":
			d.Properties, err = decodeBag(m[key], field+"."+key, memberProperties)
		case "roles":
			d.Roles, err = asObject(m[key], field+"."+key)
		default:
			err = errs.E(errs.Invalid, field+"."+key, "not allowed in a member (allowed: constants, properties, roles)")
		}
		if err != nil {
			return nil, err
		}
	}
	if d.Properties != nil && d.Properties.System["ready"] == true && d.Properties.System["active"] == true {
		return nil, errs.E(errs.Invalid, field+".properties.system", "ready and active cannot both be true")
	}
	return d, nil
}

func decodeBag(v any, field string, sc scope) (*BagDelta, error) {
	m, err := asObject(v, field)
	if err != nil {
		return nil, err
	}
	b := &BagDelta{}
	for _, key := range sortedKeys(m) {
		switch key {
		case "system":
			if m[key] == nil {
				continue
			}
			if b.System, err = asObject(m[key], field+".system"); err != nil {
				return nil, err
			}
			if err := sc.validate(b.System, field+".system"); err != nil {
				return nil, err
			}
		case "custom":
			b.Custom, b.CustomSet = m[key], true
		default:
			return nil, errs.E(errs.Invalid, field+"."+key, "a property bag has only system and custom")
		}
	}
	return b, nil
}

// DecodeProperties parses the body of PUT …/sessions/{name}/properties ({system, custom}): the
// same as a session PUT whose body has only properties.
func DecodeProperties(body []byte) (*Request, error) {
	if len(strings.TrimSpace(string(body))) == 0 {
		return &Request{}, nil
	}
	v, err := decodeJSON(body)
	if err != nil {
		return nil, err
	}
	bag, err := decodeBag(v, "properties", sessionProperties)
	if err != nil {
		return nil, err
	}
	return &Request{Properties: bag}, nil
}
