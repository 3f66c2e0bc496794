package game

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/player"
)

func TestCheck(t *testing.T) {
	seven := []string{"a", "b", "c", "d", "e", "f", "g"}
	tests := []struct {
		name     string
		invitees []string
		auto     *AutoMatch
		field    string
	}{
		{"nobody", nil, nil, "invitedPlayerIds"},
		{"self invite", []string{"ben", "ana"}, nil, "invitedPlayerIds[1]: you cannot invite yourself"},
		{"duplicate", []string{"ben", "ben"}, nil, "invitedPlayerIds[1]: player \"ben\" is invited twice"},
		{"bad id", []string{"a b"}, nil, "invitedPlayerIds[0]"},
		{"empty id", []string{""}, nil, "invitedPlayerIds[0]"},
		{"long id", []string{strings.Repeat("x", 129)}, nil, "invitedPlayerIds[0]"},
		{"min zero", nil, &AutoMatch{Min: 0, Max: 1}, "minAutoMatchingPlayers"},
		{"max below min", nil, &AutoMatch{Min: 2, Max: 1}, "maxAutoMatchingPlayers"},
		{"too many invitees", append(seven, "h"), nil, "at most 8 players"},
		{"too many with auto-match", seven[:5], &AutoMatch{Min: 1, Max: 3}, "at most 8 players"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check("ana", tt.invitees, tt.auto)
			assert.Truef(t, errs.Is(err, errs.Invalid), "err = %v; want invalid", err)
			assert.ErrorContains(t, err, tt.field)
		})
	}
	for _, ok := range []struct {
		invitees []string
		auto     *AutoMatch
	}{{seven, nil}, {seven[:4], &AutoMatch{Min: 1, Max: 3}}, {nil, &AutoMatch{Min: 7, Max: 7}}} {
		assert.NoErrorf(t, Check("ana", ok.invitees, ok.auto), "Check(%v, %+v): want ok at exactly 8 players or fewer", ok.invitees, ok.auto)
	}
}

func TestCheckPlayersChecksTheirIDs(t *testing.T) {
	ana, ben := player.Profile{ID: "ana"}, player.Profile{ID: "ben"}
	err := CheckPlayers(ana, []player.Profile{ben, ana}, nil)
	assert.Truef(t, errs.Is(err, errs.Invalid), "err = %v; want invalid", err)
	assert.ErrorContains(t, err, "invitedPlayerIds[1]: you cannot invite yourself", "the self-invite named by its place")
	assert.NoError(t, CheckPlayers(ana, []player.Profile{ben}, &AutoMatch{Min: 1, Max: 1}))
}
