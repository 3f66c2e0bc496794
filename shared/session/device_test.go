package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// connectedTemplate is a lobby of 4 whose members may upload secure device addresses.
const connectedTemplate = `{"constants":{"system":{"version":1,"maxMembersCount":4,"capabilities":{"connectivity":true}}}}`

// TestDeviceTokens: a member's secure device address gives it a device token (members on one
// device share it), rendered on the member; a member without an address has none.
func TestDeviceTokens(t *testing.T) {
	s := must(t, nil, template(t, connectedTemplate), ana, `{"members":{"me":{"properties":{"system":{"active":true,"secureDeviceAddress":"AAA="}}}}}`, t0).Session
	s = must(t, s, nil, ben, `{"members":{"me":{"properties":{"system":{"active":true,"secureDeviceAddress":"AAA="}}}}}`, t0).Session
	s = must(t, s, nil, cal, `{"members":{"me":{"properties":{"system":{"active":true,"secureDeviceAddress":"BBB="}}}}}`, t0).Session
	s = must(t, s, nil, Caller{ID: "dan"}, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`, t0).Session
	doc := rendered(t, s, "ana")
	token := func(i string) any { return doc["members"].(map[string]any)[i].(map[string]any)["deviceToken"] }
	assert.Regexp(t, `^[0-9a-f]{32}$`, token("0"))
	assert.Equal(t, token("0"), token("1"), "two members on one device")
	assert.NotEqual(t, token("0"), token("2"), "members on two devices")
	assert.Nil(t, token("3"), "a member without a secure device address")
	assert.Equal(t, s.Members[0].DeviceToken(), token("0"))
}

// TestHost: properties.system.host that names a member's device token (in any case) is kept; one
// that names no member's device, as the official client's hostDeviceTokenJson does here, is
// deleted, not refused; a large session has no host.
func TestHost(t *testing.T) {
	s := must(t, nil, template(t, connectedTemplate), ana, `{"members":{"me":{"properties":{"system":{"active":true,"secureDeviceAddress":"AAA="}}}}}`, t0).Session
	own := strings.ToUpper(s.Members[0].DeviceToken())
	kept := must(t, s, nil, ana, `{"properties":{"system":{"host":"`+own+`"}}}`, t0).Session
	assert.Equal(t, own, kept.Properties.System["host"])

	dropped := must(t, kept, nil, ana, string(vectors(t, "Multiplayer.json")["hostDeviceTokenJson"]), t0)
	assert.NotContains(t, dropped.Session.Properties.System, "host", "a host naming no member's device")
	assert.True(t, dropped.Changed, "the old host is gone")

	untouched := must(t, kept, nil, ana, `{"properties":{"custom":{"map":"dunes"}}}`, t0).Session
	assert.Equal(t, own, untouched.Properties.System["host"], "a write that does not name the host keeps it")

	large := must(t, nil, template(t, `{"constants":{"system":{"version":1,"maxMembersCount":200,"capabilities":{"large":true}}}}`), ana, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`, t0).Session
	_, err := put(t, large, nil, ana, `{"properties":{"system":{"host":"abc"}}}`, t0, Conditions{})
	require.Error(t, err)
	assert.True(t, errs.Is(err, errs.Invalid))
	assert.Equal(t, "properties.system.host", errField(err))
}

// TestMeasurementsOfOwnDevice: a member may not upload measurements to its own device token.
func TestMeasurementsOfOwnDevice(t *testing.T) {
	s := must(t, nil, template(t, connectedTemplate), ana, `{"members":{"me":{"properties":{"system":{"active":true,"secureDeviceAddress":"AAA="}}}}}`, t0).Session
	own := s.Members[0].DeviceToken()
	_, err := put(t, s, nil, ana, `{"members":{"me":{"properties":{"system":{"measurements":{"`+own+`":{"latency":5}}}}}}}`, t0, Conditions{})
	require.Error(t, err)
	assert.True(t, errs.Is(err, errs.Invalid))
	assert.Equal(t, "members.me.properties.system.measurements", errField(err))
	must(t, s, nil, ana, `{"members":{"me":{"properties":{"system":{"measurements":{"0123456789abcdef0123456789abcdef":{"latency":5}}}}}}}`, t0)
}
