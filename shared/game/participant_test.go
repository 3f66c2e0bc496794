package game

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFind(t *testing.T) {
	type seat struct{ id string }
	seats := []seat{{"a"}, {"b"}, {"b"}}
	found := Find(seats, func(s *seat) bool { return s.id == "b" })
	assert.Same(t, &seats[1], found, "the first that matches, in place")
	assert.Nil(t, Find(seats, func(s *seat) bool { return s.id == "c" }))
	assert.Nil(t, Find([]seat(nil), func(*seat) bool { return true }))
}
