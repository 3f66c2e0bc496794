package signal

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/openplay-games/openplay/shared/application"
)

// TestTURNCredential checks the TURN REST API scheme against a value computed independently:
// printf '%s' '1795428000:ana' | openssl dgst -sha1 -hmac 'north' -binary | base64
func TestTURNCredential(t *testing.T) {
	username, credential := TURNCredential([]byte("north"), "ana", time.Unix(1795428000, 0))
	assert.Equal(t, "1795428000:ana", username)
	assert.Equal(t, "jcukoeF8Da+jP467dRsG0r3v2hE=", credential)
}

func TestICEServers(t *testing.T) {
	rt := application.Realtime{STUN: []string{"stun:turn.example.com:3478"}, TURN: []string{"turn:turn.example.com:3478"}, TURNCredentialTTL: time.Hour}
	now := time.Date(2026, 11, 22, 10, 0, 0, 500, time.UTC)

	servers, expires := ICEServers(rt, []byte("north"), "ana", now)
	assert.Equal(t, now.Add(time.Hour).Truncate(time.Second), expires)
	username, credential := TURNCredential([]byte("north"), "ana", expires)
	assert.Equal(t, []ICEServer{{URLs: rt.STUN}, {URLs: rt.TURN, Username: username, Credential: credential}}, servers)

	servers, _ = ICEServers(rt, nil, "ana", now)
	assert.Equal(t, []ICEServer{{URLs: rt.STUN}}, servers, "without a secret there are no TURN servers")
	servers, _ = ICEServers(application.Realtime{TURNCredentialTTL: time.Hour}, []byte("north"), "ana", now)
	assert.Empty(t, servers)
}
