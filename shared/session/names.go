package session

import (
	"regexp"
	"strings"

	"github.com/openplay-games/openplay/shared/errs"
)

var (
	// guidPattern matches service config IDs and handle IDs.
	guidPattern = regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`)
	// MPSD does not document the characters of template and session names; XSAPI bounds them
	// to 99. OpenPlay allows letters, digits, '-', '_' and '.' (inferred), which every name in
	// the reference's samples uses, and keeps '~' free as the separator of a reference.
	namePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,99}$`)
)

// CheckSCID checks a service config ID (a GUID).
func CheckSCID(scid string) error {
	if !guidPattern.MatchString(scid) {
		return errs.E(errs.Invalid, "scid", "%q is not a service config ID (a GUID)", scid)
	}
	return nil
}

// CheckName checks a template or session name; field names which.
func CheckName(name, field string) error {
	if !namePattern.MatchString(name) || name == "." || name == ".." {
		return errs.E(errs.Invalid, field, "%q is not a valid name: 1 to 99 letters, digits, '-', '_' or '.'", name)
	}
	return nil
}

// ParseRef checks a session reference from a path.
func ParseRef(scid, template, name string) (Ref, error) {
	if err := CheckSCID(scid); err != nil {
		return Ref{}, err
	}
	if err := CheckName(template, "template"); err != nil {
		return Ref{}, err
	}
	if err := CheckName(name, "name"); err != nil {
		return Ref{}, err
	}
	return Ref{SCID: scid, Template: template, Name: name}, nil
}

// RefFromKey is the reference a session's Key names (in its case-folded spelling, which reads
// and writes of the session accept as well).
func RefFromKey(key string) (Ref, error) {
	parts := strings.Split(key, "~")
	if len(parts) != 3 {
		return Ref{}, errs.E(errs.Invalid, "key", "%q is not scid~template~name", key)
	}
	return ParseRef(parts[0], parts[1], parts[2])
}

// keyField names a client's JSON key in an error's field: the key as it is, or "" (quoted) for
// the empty key, which would otherwise name no field at all.
func keyField(key string) string {
	if key == "" {
		return `""`
	}
	return key
}
