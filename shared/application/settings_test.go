package application

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		name string
		raw  string
		want func(*Settings)
	}{
		{"an empty file is the defaults", `{}`, func(*Settings) {}},
		{"timeouts", `{"timeouts":{"turn":"48h","roomConnection":"2m","unreachable":"90s"}}`, func(s *Settings) {
			s.Timeouts.Turn, s.Timeouts.RoomConnection, s.Timeouts.Unreachable = 48*time.Hour, 2*time.Minute, 90*time.Second
		}},
		{"invitation limits", `{"limits":{"invitations":{"window":"1h","perSender":1000,"perSenderToOnePlayer":40,"perRecipient":100}}}`, func(s *Settings) {
			s.Limits.Invitations = InvitationLimits{Window: time.Hour, PerSender: 1000, PerSenderToOnePlayer: 40, PerRecipient: 100}
		}},
		{"one limit", `{"limits":{"invitations":{"perRecipient":5}}}`, func(s *Settings) { s.Limits.Invitations.PerRecipient = 5 }},
	} {
		got, err := Parse([]byte(c.raw))
		require.NoError(t, err, c.name)
		want := Defaults
		c.want(&want)
		assert.Equal(t, want, got, c.name)
	}
}

// TestShippedFileIsTheDefaults: infra/application.json, which make run loads and a studio edits,
// parses, and spells out the defaults (so it shows every setting's default value).
func TestShippedFileIsTheDefaults(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "infra", "application.json"))
	require.NoError(t, err)
	got, err := Parse(raw)
	require.NoError(t, err)
	assert.Equal(t, Defaults, got)
	var f fileFormat
	require.NoError(t, json.Unmarshal(raw, &f))
	assert.NotContains(t, []string{f.Timeouts.Turn, f.Timeouts.AutoMatch, f.Timeouts.Invitation, f.Timeouts.RoomConnection,
		f.Timeouts.Unreachable, f.Limits.Invitations.Window}, "", "every timeout is written out")
}

func TestParseRefuses(t *testing.T) {
	for raw, wantErr := range map[string]string{
		`{"timeouts":{"turn":"two days"}}`:                            "timeouts.turn",
		`{"timeouts":{"invitation":"1s"}}`:                            "timeouts.invitation: 1s is outside",
		`{"timeouts":{"autoMatch":"9000h"}}`:                          "timeouts.autoMatch",
		`{"timeouts":{"unreachable":"15s"}}`:                          "timeouts.unreachable: 15s is outside 20s to 8760h0m0s",
		`{"timeouts":{"turnTimeout":"48h"}}`:                          "unknown field",
		`{"timeout":{}}`:                                              "unknown field",
		`[]`:                                                          "cannot unmarshal",
		`{"limits":{"invitations":{"window":"500ms"}}}`:               "limits.invitations.window: 500ms is outside 1s to 24h0m0s",
		`{"limits":{"invitations":{"window":"soon"}}}`:                "limits.invitations.window",
		`{"limits":{"invitations":{"perSender":0}}}`:                  "limits.invitations.perSender: 0 is outside 1 to 1000",
		`{"limits":{"invitations":{"perSender":1001}}}`:               "limits.invitations.perSender: 1001 is outside",
		`{"limits":{"invitations":{"perRecipient":-3}}}`:              "limits.invitations.perRecipient: -3 is outside",
		`{"limits":{"invitations":{"perSender":"many"}}}`:             "cannot unmarshal",
		`{"limits":{"invitations":{"perSenderToOnePlayer":61}}}`:      "limits.invitations.perSenderToOnePlayer: 61 is more than limits.invitations.perSender (60)",
		`{"limits":{"invitations":{"perSender":10,"perSenders":10}}}`: "unknown field",
		`{"limits":{"invites":{}}}`:                                   "unknown field",
		`{} {"timeouts":{"turn":"1h"}}`:                               "more than one JSON value",
	} {
		_, err := Parse([]byte(raw))
		assert.ErrorContains(t, err, wantErr, raw)
	}
}

func TestWithDefaults(t *testing.T) {
	partial := Settings{Timeouts: Timeouts{Turn: time.Hour}, Limits: Limits{Invitations: InvitationLimits{PerSender: 7}}}.WithDefaults()
	want := Defaults
	want.Timeouts.Turn, want.Limits.Invitations.PerSender = time.Hour, 7
	assert.Equal(t, want, partial, "what is set is kept, the rest (a document from before limits existed) gets the defaults")
}

func TestEach(t *testing.T) {
	var names []string
	Defaults.Each(func(name string, _ any) { names = append(names, name) })
	assert.Equal(t, []string{"timeouts.turn", "timeouts.autoMatch", "timeouts.invitation", "timeouts.roomConnection",
		"timeouts.unreachable", "limits.invitations.window", "limits.invitations.perSender", "limits.invitations.perSenderToOnePlayer",
		"limits.invitations.perRecipient", "auth.checkRevoked", "realtime.stunUrls", "realtime.turnUrls",
		"realtime.turnCredentialTtl", "cors.allowedOrigins"}, names)
}

func TestParseAuth(t *testing.T) {
	for _, tt := range []struct {
		raw          string
		checkRevoked bool
		wantErr      string
	}{
		{raw: `{}`, checkRevoked: false},
		{raw: `{"auth": {}}`, checkRevoked: false},
		{raw: `{"auth": {"checkRevoked": true}}`, checkRevoked: true},
		{raw: `{"auth": {"checkRevoked": "yes"}}`, wantErr: "cannot unmarshal"},
		{raw: `{"auth": {"checkRevocation": true}}`, wantErr: "unknown field"},
	} {
		s, err := Parse([]byte(tt.raw))
		if tt.wantErr != "" {
			require.Error(t, err, tt.raw)
			assert.Contains(t, err.Error(), tt.wantErr, tt.raw)
			continue
		}
		require.NoError(t, err, tt.raw)
		assert.Equal(t, tt.checkRevoked, s.Auth.CheckRevoked, tt.raw)
		assert.Equal(t, Defaults.Timeouts, s.Timeouts, tt.raw)
	}
}

// FuzzParse: a settings file is refused, or is one JSON object whose every setting is within its
// bounds (a setting it leaves out has its default, which is), and whose allowed origins are each
// in the form origin() makes of it (whether that is how browsers write them, TestParseCORSRefuses
// checks case by case).
func FuzzParse(f *testing.F) {
	for _, seed := range []string{`{}`, `null`, `{"timeouts":{"turn":"48h","roomConnection":"2m"}}`, `{"auth":{"checkRevoked":true}}`,
		`{"limits":{"invitations":{"window":"1h","perSender":1000,"perSenderToOnePlayer":40,"perRecipient":100}}}`,
		`{"realtime":{"stunUrls":["stun:a:3478"],"turnUrls":["turns:b:5349?transport=tcp"],"turnCredentialTtl":"2h"}}`,
		`{"cors":{"allowedOrigins":["https://game.example.com","http://[::1]:8000","*"]}}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		s, err := Parse(raw)
		if err != nil {
			return
		}
		assert.True(t, json.Valid(raw), "%q was read as settings but is not one JSON value", raw)
		for _, v := range s.durations() {
			assert.True(t, *v.into >= v.min && *v.into <= v.max, "%s: %s", v.name, *v.into)
		}
		for _, v := range s.counts() {
			assert.True(t, *v.into >= v.min && *v.into <= v.max, "%s: %d", v.name, *v.into)
		}
		assert.LessOrEqual(t, s.Limits.Invitations.PerSenderToOnePlayer, s.Limits.Invitations.PerSender)
		assert.True(t, s.Realtime.TURNCredentialTTL >= MinTURNCredentialTTL && s.Realtime.TURNCredentialTTL <= MaxTURNCredentialTTL)
		for _, o := range s.CORS.AllowedOrigins {
			canonical, ok := origin(o)
			assert.True(t, o == "*" || ok && canonical == o, "allowed origin %q is not one a browser sends", o)
		}
		assert.Equal(t, s, s.WithDefaults(), "a parsed setting is never left unset")
	})
}
