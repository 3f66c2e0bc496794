package store_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/store"
)

// TestPlayerDocID: every uid gets a document ID Firestore accepts, ordinary uids are unchanged,
// and unescaping the ID gives the uid back (so no two uids share one).
func TestPlayerDocID(t *testing.T) {
	for _, c := range []struct{ uid, id string }{
		{"zK9MDvUHMapfne80et89Ksl5SAsT", "zK9MDvUHMapfne80et89Ksl5SAsT"},
		{"a.b_c-d", "a.b_c-d"},
		{"__x", "__x"},
		{"x__", "x__"},
		{"...", "..."},
		{".", "%2E"},
		{"..", "%2E%2E"},
		{"__x__", "%5F%5Fx%5F%5F"},
		{"__", "%5F%5F"},
		{"___", "%5F%5F%5F"},
		{"__a.b__", "%5F%5Fa%2Eb%5F%5F"},
		{"a/b", "a%2Fb"},
		{"/", "%2F"},
		{"%", "%25"},
		{"%2E", "%252E"},
		{"%5F%5Fx%5F%5F", "%255F%255Fx%255F%255F"},
		{"__%__", "%5F%5F%25%5F%5F"},
	} {
		id := store.PlayerDocID(c.uid)
		assert.Equal(t, c.id, id, "uid %q", c.uid)
		assert.True(t, store.ValidDocID(id), "uid %q: %q is not a document ID Firestore accepts", c.uid, id)
		back, err := url.PathUnescape(id)
		assert.NoError(t, err)
		assert.Equal(t, c.uid, back, "uid %q: %q does not decode to it", c.uid, id)
	}
}

// FuzzPlayerDocID: whatever the player ID, its document ID is one Firestore accepts and
// unescapes to it.
func FuzzPlayerDocID(f *testing.F) {
	for _, seed := range []string{"zK9MDvUHMapfne80et89Ksl5SAsT", ".", "..", "__x__", "a/b", "%2E", "%"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, uid string) {
		if !player.ValidID(uid) {
			return
		}
		id := store.PlayerDocID(uid)
		back, err := url.PathUnescape(id)
		require.NoError(t, err, "uid %q: document ID %q", uid, id)
		assert.True(t, store.ValidDocID(id), "uid %q: document ID %q", uid, id)
		assert.Equal(t, uid, back, "document ID %q unescaped", id)
	})
}
