package ids

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDerivedIsDeterministicAndValid(t *testing.T) {
	a := Derived("create", "app", "ana", "7")
	require.Equal(t, a, Derived("create", "app", "ana", "7"))
	assert.True(t, Valid(a), "Derived(...) = %q", a)
	for _, other := range []string{Derived("create", "app", "ben", "7"), Derived("create", "app", "ana7"), Derived("create", "appana", "7")} {
		assert.NotEqual(t, a, other, "different parts (or the same text split differently) must give a different ID")
	}
}

func TestRandomIsValidAndFresh(t *testing.T) {
	r := Random()
	assert.True(t, Valid(r), "Random() = %q", r)
	assert.NotEqual(t, r, Random())
}

func TestValidRefusesWhatNoGeneratorMakes(t *testing.T) {
	for _, bad := range []string{"", "short", strings.Repeat("A", 26), strings.Repeat("a", 27), strings.Repeat("1", 26)} {
		assert.False(t, Valid(bad), "Valid(%q)", bad)
	}
}
