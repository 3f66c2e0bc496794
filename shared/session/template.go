package session

import (
	"encoding/json"
	"strings"

	"github.com/openplay-games/openplay/shared/errs"
)

// Template is a session template: the constants (and role types) every session made from it
// starts with. Its constants win over a creator's: a creator may only add the ones it lacks,
// and a constant the template sets to null stays unset (for a timeout: never fires).
type Template struct {
	SCID      string         `json:"scid"`
	Name      string         `json:"name"`
	Constants Bag            `json:"constants"`
	RoleTypes map[string]any `json:"roleTypes,omitempty"`
}

// Key is the case-folded scid~name: the Firestore document ID.
func (t *Template) Key() string { return TemplateKey(t.SCID, t.Name) }

// TemplateKey is the document ID of a template.
func TemplateKey(scid, name string) string { return strings.ToLower(scid + "~" + name) }

// ParseTemplate reads a template file's body: {"constants": {...}, "roleTypes": {...}}, with an
// optional "contractVersion" (104 or more). Its constants are checked like a creator's.
func ParseTemplate(scid, name string, raw []byte) (*Template, error) {
	if err := CheckSCID(scid); err != nil {
		return nil, err
	}
	if err := CheckName(name, "template"); err != nil {
		return nil, err
	}
	if len(raw) > MaxSessionBytes {
		return nil, errs.E(errs.Invalid, "template", "a template holds at most %d bytes, as a session does", MaxSessionBytes)
	}
	top, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	t := &Template{SCID: strings.ToLower(scid), Name: name}
	for _, key := range sortedKeys(top) {
		switch key {
		case "constants":
			b, err := decodeBag(top[key], key, sessionConstants)
			if err != nil {
				return nil, err
			}
			t.Constants = Bag{System: b.System, Custom: b.Custom}
		case "roleTypes":
			if t.RoleTypes, err = asObject(top[key], key); err != nil {
				return nil, err
			}
			t.RoleTypes = withoutDerived(t.RoleTypes)
		case "contractVersion":
			if n, ok := intValue(top[key]); !ok || n < MinContractVersion {
				return nil, errs.E(errs.Invalid, key, "must be %d or more", MinContractVersion)
			}
		default:
			return nil, errs.E(errs.Invalid, keyField(key), "not allowed in a session template (allowed: constants, roleTypes, contractVersion)")
		}
	}
	if err := checkConstants(t.Constants.System); err != nil {
		return nil, err
	}
	return t, nil
}

// Render is the template as SessionTemplatesGet shows it.
func (t *Template) Render() map[string]any {
	out := map[string]any{"name": t.Name, "contractVersion": ContractVersion, "constants": renderBag(t.Constants)}
	if t.RoleTypes != nil {
		out["roleTypes"] = t.RoleTypes
	}
	return out
}

// Marshal and UnmarshalTemplate are the stored form.
func (t *Template) Marshal() ([]byte, error) { return json.Marshal(t) }

// UnmarshalTemplate reads a stored template.
func UnmarshalTemplate(raw []byte) (*Template, error) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	t := &Template{}
	return t, dec.Decode(t)
}
