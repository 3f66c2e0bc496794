package session

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/openplay-games/openplay/shared/errs"
)

// DeviceToken is the token of the member's device, derived from the secure device address it
// uploaded ("" when it has none). MPSD derives one from each address: members on one device
// share it, properties.system.host names a device by it and measurements are keyed by it
// (docs/mpsd.md §2, §6 and §7.2). OpenPlay's is the first 16 bytes of the address's SHA-256 in lower-case hex,
// the 32-hex form MPSD's tokens have: the same for the same address, and revealing nothing of it.
func (m *Member) DeviceToken() string {
	addr, _ := m.Properties.System["secureDeviceAddress"].(string)
	if addr == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(addr))
	return hex.EncodeToString(sum[:16])
}

// checkHost applies MPSD's rule to a host the request wrote: one that names no member's device
// token (compared case-insensitively) is deleted, not refused; one that does clears the
// hostCandidates.
func (s *Session) checkHost() {
	host, ok := s.Properties.System["host"].(string)
	if !ok {
		return
	}
	for _, m := range s.Members {
		if t := m.DeviceToken(); t != "" && strings.EqualFold(t, host) {
			s.HostCandidates = nil // the title chose
			return
		}
	}
	delete(s.Properties.System, "host")
}

// checkMeasurements refuses measurements a member uploaded to its own device, which MPSD forbids.
func checkMeasurements(m *Member, field string) error {
	own := m.DeviceToken()
	measurements, _ := m.Properties.System["measurements"].(map[string]any)
	for k := range measurements {
		if own != "" && strings.EqualFold(k, own) {
			return errs.E(errs.Invalid, field+".measurements", "%s is the member's own device token: measure other devices", k)
		}
	}
	return nil
}
