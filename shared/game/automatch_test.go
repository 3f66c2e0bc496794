package game

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPool(t *testing.T) {
	one, two := int32(1), int32(2)
	assert.NotEqual(t, Pool("app", nil, 2), Pool("app", &one, 2), "variants share a pool")
	assert.NotEqual(t, Pool("app", &one, 2), Pool("app", &two, 2), "variants share a pool")
	assert.NotEqual(t, Pool("a", nil, 2), Pool("b", nil, 2), "applications share a pool")
	assert.NotEqual(t, Pool("a", nil, 2), Pool("a", nil, 3), "sizes share a pool")
	again := int32(1)
	assert.Equal(t, Pool("app", &one, 4), Pool("app", &again, 4), "the same variant makes different pools")
	assert.Equal(t, []string{Pool("app", nil, 2), Pool("app", nil, 3), Pool("app", nil, 4)},
		Pools("app", nil, AutoMatch{Min: 1, Max: 3}), "the pools of games of 2, 3 and 4")
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
		t.Run(tt.name, func(t *testing.T) {
			err := Fits(tt.seeker, tt.size, tt.masks)
			if tt.fits {
				assert.NoError(t, err)
			} else {
				assert.Error(t, err)
			}
		})
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
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Spill(tt.movers, tt.fromOpen, tt.intoOpen))
		})
	}
}
