package seating

import (
	"strings"
	"testing"

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
			if !errs.Is(err, errs.Invalid) || !strings.Contains(err.Error(), tt.field) {
				t.Fatalf("err = %v; want invalid mentioning %q", err, tt.field)
			}
		})
	}
	for _, ok := range []struct {
		invitees []string
		auto     *AutoMatch
	}{{seven, nil}, {seven[:4], &AutoMatch{Min: 1, Max: 3}}, {nil, &AutoMatch{Min: 7, Max: 7}}} {
		if err := Check("ana", ok.invitees, ok.auto); err != nil {
			t.Errorf("Check(%v, %+v) = %v, want ok at exactly 8 players or fewer", ok.invitees, ok.auto, err)
		}
	}
}

func TestCheckPlayersChecksTheirIDs(t *testing.T) {
	ana, ben := player.Profile{ID: "ana"}, player.Profile{ID: "ben"}
	if err := CheckPlayers(ana, []player.Profile{ben, ana}, nil); !errs.Is(err, errs.Invalid) ||
		!strings.Contains(err.Error(), "invitedPlayerIds[1]: you cannot invite yourself") {
		t.Fatalf("err = %v; want the self-invite named by its place", err)
	}
	if err := CheckPlayers(ana, []player.Profile{ben}, &AutoMatch{Min: 1, Max: 1}); err != nil {
		t.Fatalf("err = %v; want ok", err)
	}
}
