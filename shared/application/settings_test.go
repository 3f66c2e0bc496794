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
	assert.Equal(t, want, s)
	partial := Settings{Timeouts: Timeouts{Turn: time.Hour}}.WithDefaults()
	if partial.Timeouts.Turn != time.Hour || partial.Timeouts.RoomConnection != Defaults.Timeouts.RoomConnection {
		t.Fatalf("WithDefaults = %+v; want the hour kept and the rest defaulted", partial)
	}
	s, err = Parse([]byte(`{}`))
	require.NoError(t, err)
	assert.Equal(t, Defaults, s, "an empty file gives the defaults")
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
