package session

import (
	"cmp"
	"slices"
	"strings"
)

// Peer-to-host QoS (docs/mpsd.md §5 and §8.4). With constants.system.peerToHostRequirements, the
// measuring stage judges each member's measurements to the host's device against its thresholds;
// with no host yet, episode 1's measuring ends by naming the devices every other member of the
// episode reaches within them, best first by hostSelectionMetric (hostCandidates), for the title
// to pick its host from.

// hostRequirements is constants.system.peerToHostRequirements (a threshold is 0 when not set).
type hostRequirements struct {
	latencyMax, downMin, upMin int
	metric                     string
}

// hostRequirements reads the session's peer-to-host requirements (false: it has none).
func (s *Session) hostRequirements() (hostRequirements, bool) {
	req, ok := s.Constants.System["peerToHostRequirements"].(map[string]any)
	if !ok {
		return hostRequirements{}, false
	}
	r := hostRequirements{metric: "latency"}
	r.latencyMax, _ = intValue(req["latencyMaximum"])
	r.downMin, _ = intValue(req["bandwidthDownMinimum"])
	r.upMin, _ = intValue(req["bandwidthUpMinimum"])
	if m, ok := req["hostSelectionMetric"].(string); ok {
		r.metric = strings.ToLower(m) // XSAPI writes bandwidthUp, MPSD documents bandwidthup
	}
	return r, true
}

// failure is the first failure cause, by MPSD's precedence, of one measurement ("" when it
// meets the requirements).
func (r hostRequirements) failure(measurement any) string {
	if n, ok := intValue(path(measurement, "latency")); ok && r.latencyMax > 0 && n > r.latencyMax {
		return FailLatency
	}
	if n, ok := intValue(path(measurement, "bandwidthDown")); ok && n < r.downMin {
		return FailBandwidthDown
	}
	if n, ok := intValue(path(measurement, "bandwidthUp")); ok && n < r.upMin {
		return FailBandwidthUp
	}
	return ""
}

// score orders candidates by the selection metric: lower is better.
func (r hostRequirements) score(measurement any) int {
	down, _ := intValue(path(measurement, "bandwidthDown"))
	up, _ := intValue(path(measurement, "bandwidthUp"))
	switch r.metric {
	case "bandwidthdown":
		return -down
	case "bandwidthup":
		return -up
	case "bandwidth":
		return -(down + up)
	}
	latency, _ := intValue(path(measurement, "latency"))
	return latency
}

// measurementTo is m's measurement to the device with token ("" as any: none).
func (m *Member) measurementTo(token string) (any, bool) {
	measurements, _ := m.Properties.System["measurements"].(map[string]any)
	for k, v := range measurements {
		if strings.EqualFold(k, token) {
			return v, true
		}
	}
	return nil, false
}

// hostFailure judges m's measurement to the host's device against the peer-to-host requirements
// ("" when it meets them, when there is no host, or when m is on the host's device).
func (s *Session) hostFailure(m *Member) string {
	r, ok := s.hostRequirements()
	host, _ := s.Properties.System["host"].(string)
	if !ok || host == "" || strings.EqualFold(m.DeviceToken(), host) {
		return ""
	}
	if v, ok := m.measurementTo(host); ok {
		return r.failure(v)
	}
	return ""
}

// chooseHostCandidates sets HostCandidates at the end of episode 1's measuring when the session
// has peer-to-host requirements and no host: the devices of the episode's members that every
// other member of the episode (on another device) measured within the requirements, best first
// by the selection metric's total over those measurements, then by token.
func (s *Session) chooseHostCandidates() {
	r, ok := s.hostRequirements()
	if _, hosted := s.Properties.System["host"]; !ok || hosted {
		return
	}
	members := s.inEpisode()
	type candidate struct {
		token string
		score int
	}
	var found []candidate
	seen := map[string]bool{}
	for _, host := range members {
		token := host.DeviceToken()
		if token == "" || seen[token] {
			continue
		}
		seen[token] = true
		c, fits := candidate{token: token}, true
		for _, m := range members {
			if m.DeviceToken() == token {
				continue
			}
			v, measured := m.measurementTo(token)
			if !measured || r.failure(v) != "" {
				fits = false
				break
			}
			c.score += r.score(v)
		}
		if fits {
			found = append(found, c)
		}
	}
	slices.SortFunc(found, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.score, b.score), strings.Compare(a.token, b.token))
	})
	s.HostCandidates = nil
	for _, c := range found {
		s.HostCandidates = append(s.HostCandidates, c.token)
	}
}
