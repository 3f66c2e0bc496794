package session

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostTemplate is a lobby of 4 with member initialization and peer-to-host requirements (250 ms,
// 1 Mbit/s down, 500 kbit/s up); metric is the hostSelectionMetric.
func hostTemplate(metric string) string {
	return `{"constants":{"system":{"maxMembersCount":4,"inactiveRemovalTimeout":null,"capabilities":{"connectivity":true},
	"peerToHostRequirements":{"latencyMaximum":250,"bandwidthDownMinimum":1000,"bandwidthUpMinimum":500,"hostSelectionMetric":"` + metric + `"},
	"memberInitialization":{"joinTimeout":10000,"measurementTimeout":30000,"membersNeededToStart":2}}}}`
}

// hostLobby is qosLobby on hostTemplate after every member joined from a device of its own:
// Ana from "A", Ben from "B", Cal from "C". It returns the three devices' tokens too.
func hostLobby(t *testing.T, metric string) (*Session, map[string]string) {
	t.Helper()
	s := qosLobby(t, hostTemplate(metric))
	devices := map[string]string{}
	for i, c := range []Caller{ana, ben, cal} {
		addr := []string{"QQ==", "Qg==", "Qw=="}[i]
		s = must(t, s, nil, c, `{"members":{"me":{"properties":{"system":{"active":true,"secureDeviceAddress":"`+addr+`"}}}}}`, t0).Session
		devices[c.ID] = s.Member(c.ID).DeviceToken()
	}
	require.Contains(t, stageOf(t, s), `"measuring"`)
	return s, devices
}

// measurementsBody is the PUT body of a member's measurements to two other devices: latency
// (ms), down and up (kbit/s).
func measurementsBody(to1 string, l1, d1, u1 int, to2 string, l2, d2, u2 int) string {
	m := `"%s":{"latency":%d,"bandwidthDown":%d,"bandwidthUp":%d}`
	return `{"members":{"me":{"properties":{"system":{"measurements":{` + fmt.Sprintf(m, to1, l1, d1, u1) + `,` +
		fmt.Sprintf(m, to2, l2, d2, u2) + `}}}}}}`
}

// TestHostCandidates: without a host, episode 1's measuring ends with the devices every other
// member reaches within the requirements, best first by the selection metric: C is out (Ben
// measured 300 ms to it), A beats B on latency (20+40 against 30+50 ms) and B beats A on upload
// bandwidth. Setting the host to a candidate clears the list.
func TestHostCandidates(t *testing.T) {
	for _, c := range []struct {
		metric string
		want   func(d map[string]string) []string
	}{
		{"latency", func(d map[string]string) []string { return []string{d["ana"], d["ben"]} }},
		{"bandwidthUp", func(d map[string]string) []string { return []string{d["ben"], d["ana"]} }},
	} {
		t.Run(c.metric, func(t *testing.T) {
			s, d := hostLobby(t, c.metric)
			at := t0.Add(time.Second)
			s = must(t, s, nil, ana, measurementsBody(d["ben"], 30, 5000, 4000, d["cal"], 80, 5000, 4000), at).Session
			s = must(t, s, nil, ben, measurementsBody(d["ana"], 20, 5000, 1000, d["cal"], 300, 5000, 4000), at).Session
			s = must(t, s, nil, cal, measurementsBody(d["ana"], 40, 5000, 1000, d["ben"], 50, 5000, 4000), at).Session
			assert.Nil(t, path(rendered(t, s, "ana"), "initializing"), "the episode is over: %s", js(rendered(t, s, "ana")))
			assert.Equal(t, c.want(d), s.HostCandidates)
			assert.Equal(t, js(c.want(d)), js(rendered(t, s, "ana")["hostCandidates"]))
			for _, m := range s.Members {
				assert.Empty(t, m.InitFailure, "nobody fails peer-to-host without a host")
			}

			s = must(t, s, nil, ana, `{"properties":{"system":{"host":"`+d["ben"]+`"}}}`, at).Session
			assert.Empty(t, s.HostCandidates, "the host is chosen")
			assert.Nil(t, rendered(t, s, "ana")["hostCandidates"])
		})
	}
}

// TestHostRequirements: with a host set before measuring, each member's measurement to the host's
// device is judged against the requirements (the host's own member is not): Cal's upload to it is
// too slow.
func TestHostRequirements(t *testing.T) {
	s, d := hostLobby(t, "latency")
	at := t0.Add(time.Second)
	s = must(t, s, nil, ana, `{"properties":{"system":{"host":"`+d["ana"]+`"}}}`, at).Session
	s = must(t, s, nil, ana, measurementsBody(d["ben"], 30, 5000, 4000, d["cal"], 80, 5000, 4000), at).Session
	s = must(t, s, nil, ben, measurementsBody(d["ana"], 20, 5000, 1000, d["cal"], 300, 5000, 4000), at).Session
	s = must(t, s, nil, cal, measurementsBody(d["ana"], 40, 5000, 100, d["ben"], 50, 5000, 4000), at).Session
	assert.Empty(t, s.Member("ana").InitFailure)
	assert.Empty(t, s.Member("ben").InitFailure, "Ben's 300 ms is to Cal, not to the host")
	assert.Equal(t, FailBandwidthUp, s.Member("cal").InitFailure)
	assert.Empty(t, s.HostCandidates, "a host was set")
}
