package application

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	s, err := Parse([]byte(`{"timeouts":{"turn":"48h","roomConnection":"2m"}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Defaults
	want.Timeouts.Turn, want.Timeouts.RoomConnection = 48*time.Hour, 2*time.Minute
	if s != want {
		t.Fatalf("Parse = %+v, want %+v", s, want)
	}
	partial := Settings{Timeouts: Timeouts{Turn: time.Hour}}.WithDefaults()
	if partial.Timeouts.Turn != time.Hour || partial.Timeouts.RoomConnection != Defaults.Timeouts.RoomConnection {
		t.Fatalf("WithDefaults = %+v; want the hour kept and the rest defaulted", partial)
	}
	if s, err := Parse([]byte(`{}`)); err != nil || s != Defaults {
		t.Fatalf("Parse({}) = %+v, %v; want the defaults", s, err)
	}
	for raw, wantErr := range map[string]string{
		`{"timeouts":{"turn":"two days"}}`:   "timeouts.turn",
		`{"timeouts":{"invitation":"1s"}}`:   "timeouts.invitation: 1s is outside",
		`{"timeouts":{"autoMatch":"9000h"}}`: "timeouts.autoMatch",
		`{"timeouts":{"turnTimeout":"48h"}}`: "unknown field",
		`{"timeout":{}}`:                     "unknown field",
		`[]`:                                 "cannot unmarshal",
	} {
		if _, err := Parse([]byte(raw)); err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("Parse(%s) = %v, want an error mentioning %q", raw, err, wantErr)
		}
	}
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
