package seating

import "testing"

func TestPool(t *testing.T) {
	one, two := int32(1), int32(2)
	if Pool("app", nil, 2) == Pool("app", &one, 2) || Pool("app", &one, 2) == Pool("app", &two, 2) ||
		Pool("a", nil, 2) == Pool("b", nil, 2) || Pool("a", nil, 2) == Pool("a", nil, 3) {
		t.Fatal("different applications, variants or sizes share a pool")
	}
	if again := int32(1); Pool("app", &one, 4) != Pool("app", &again, 4) {
		t.Fatal("the same variant makes different pools")
	}
	got := Pools("app", nil, AutoMatch{Min: 1, Max: 3})
	if len(got) != 3 || got[0] != Pool("app", nil, 2) || got[2] != Pool("app", nil, 4) {
		t.Fatalf("Pools = %v, want the pools of games of 2, 3 and 4", got)
	}
}

func TestFits(t *testing.T) {
	tests := []struct {
		name   string
		seeker AutoMatch
		size   int
		masks  []int64
		fits   bool
	}{
		{"two-player game for a two-player seeker", AutoMatch{Min: 1, Max: 1}, 2, nil, true},
		{"four-player game for a two-player seeker", AutoMatch{Min: 1, Max: 1}, 4, nil, false},
		{"within a range", AutoMatch{Min: 1, Max: 3}, 3, nil, true},
		{"below the seeker's minimum", AutoMatch{Min: 2, Max: 3}, 2, nil, false},
		{"disjoint bitmasks", AutoMatch{Min: 1, Max: 1, ExclusiveBitmask: 0b01}, 2, []int64{0b10}, true},
		{"overlapping bitmasks", AutoMatch{Min: 1, Max: 3, ExclusiveBitmask: 0b11}, 4, []int64{0, 0b100, 0b10}, false},
		{"no roles meet anyone", AutoMatch{Min: 1, Max: 1}, 2, []int64{0b1}, true},
	}
	for _, tt := range tests {
		if err := Fits(tt.seeker, tt.size, tt.masks); (err == nil) != tt.fits {
			t.Errorf("%s: Fits = %v, want fits %v", tt.name, err, tt.fits)
		}
	}
}

func TestSpill(t *testing.T) {
	tests := []struct {
		name                       string
		movers, fromOpen, intoOpen int
		want                       int
	}{
		{"two of a room of 4 into a room of three: one fills it", 2, 2, 1, 1},
		{"the one left into the other three: whole, not spilled", 1, 3, 1, 0},
		{"three into a room of two: never towards the emptier", 3, 1, 2, 0},
		{"two into two: whole, not spilled", 2, 2, 2, 0},
		{"equally full: no move either way", 3, 2, 2, 0},
		{"three of a game of 8 into one with two open", 3, 5, 2, 2},
		{"a full game takes nobody", 2, 2, 0, 0},
	}
	for _, tt := range tests {
		if got := Spill(tt.movers, tt.fromOpen, tt.intoOpen); got != tt.want {
			t.Errorf("%s: Spill(%d, %d, %d) = %d, want %d", tt.name, tt.movers, tt.fromOpen, tt.intoOpen, got, tt.want)
		}
	}
}
