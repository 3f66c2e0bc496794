package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHandleIDNamesItsPlace(t *testing.T) {
	for _, place := range []HandlePlace{InHandles, InSession, InActivity} {
		for _, random := range [][16]byte{{}, {0: 0xff, 6: 0xff, 8: 0xff, 15: 0xff}, {6: 0x4a, 8: 0x3c}} {
			id := NewHandleID(place, random)
			parsed, err := ParseHandleID(id)
			require.NoError(t, err, "a GUID")
			assert.Equal(t, id, parsed, "in lower case")
			assert.Equal(t, []HandlePlace{place}, HandlePlaces(id), id)
			assert.Equal(t, byte('8'), id[14], "version 8: %s", id)
			assert.Contains(t, "89ab", string(id[19]), "RFC 9562's variant: %s", id)
		}
	}
}

func TestHandlePlacesOfOtherIDs(t *testing.T) {
	for _, id := range []string{
		"0d1f6c2a-3b4e-4f5a-8b6c-7d8e9f0a1b2c", // version 4, as OpenPlay made handle IDs before
		"0d1f6c2a-3b4e-8f5a-8b6c-7d8e9f0a1b2c", // version 8, no place
		"0d1f6c2a-3b4e-805a-8b6c-7d8e9f0a1b2c", // version 8, place 0
		"0d1f6c2a-3b4e-845a-8b6c-7d8e9f0a1b2c", // version 8, past the places
		"",
	} {
		assert.Equal(t, []HandlePlace{InHandles, InSession, InActivity}, HandlePlaces(id), "looked for everywhere: %q", id)
	}
}

func TestGUIDv4(t *testing.T) {
	id := GUIDv4([16]byte{6: 0xff, 8: 0xff})
	assert.Equal(t, "00000000-0000-4f00-bf00-000000000000", id)
	assert.Len(t, HandlePlaces(id), 3, "names no place")
}
