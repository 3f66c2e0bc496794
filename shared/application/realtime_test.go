package application

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseRealtime(t *testing.T) {
	s, err := Parse([]byte(`{"realtime":{"stunUrls":["stun:turn.example.com:3478"],
		"turnUrls":["turn:turn.example.com:3478?transport=udp","turns:turn.example.com:5349"],"turnCredentialTtl":"30m"}}`))
	require.NoError(t, err)
	assert.Equal(t, Realtime{STUN: []string{"stun:turn.example.com:3478"},
		TURN: []string{"turn:turn.example.com:3478?transport=udp", "turns:turn.example.com:5349"}, TURNCredentialTTL: 30 * time.Minute}, s.Realtime)

	assert.Equal(t, DefaultTURNCredentialTTL, Settings{}.WithDefaults().Realtime.TURNCredentialTTL,
		"settings stored before the realtime block get the default credential lifetime")

	for _, tt := range []struct{ raw, wantErr string }{
		{`{"realtime":{"stunUrls":["turn:x"]}}`, "realtime.stunUrls[0]"},
		{`{"realtime":{"turnUrls":["turn:x","https://x"]}}`, "realtime.turnUrls[1]"},
		{`{"realtime":{"turnCredentialTtl":"10s"}}`, "realtime.turnCredentialTtl"},
		{`{"realtime":{"turnCredentialTtl":"48h"}}`, "realtime.turnCredentialTtl"},
		{`{"realtime":{"turnCredentialTtl":"soon"}}`, "realtime.turnCredentialTtl"},
		{`{"realtime":{"turnSecret":"x"}}`, "unknown field"},
	} {
		_, err := Parse([]byte(tt.raw))
		assert.ErrorContains(t, err, tt.wantErr, tt.raw)
	}
}
