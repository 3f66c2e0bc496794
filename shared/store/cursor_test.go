package store

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

func TestParseCursor(t *testing.T) {
	good := Cursor{At: time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC), ID: "abc", Phase: "done", Count: 3}
	got, err := ParseCursor(good.Token())
	require.NoError(t, err, "round trip")
	assert.Equal(t, good, *got, "round trip")
	c, err := ParseCursor("")
	assert.NoError(t, err, "empty token")
	assert.Nil(t, c, "empty token")
	for _, raw := range []string{`{}`, `{"id":"a/b"}`, `{"id":"__x__"}`, `{"id":".."}`, `{"t":"2026-01-01T00:00:00Z"}`, `{"id":"a","n":-1}`, `nope`} {
		_, err := ParseCursor(base64.RawURLEncoding.EncodeToString([]byte(raw)))
		assert.Error(t, err, "token %s accepted", raw)
	}
	_, err = ParseCursor("***")
	assert.Error(t, err, "non-base64 token accepted")
}

// TestValidDocID: what Firestore refuses as a document ID is refused before it gets there
// (the route fuzzer found invalid UTF-8 in a notification ID answered with a 500).
func TestValidDocID(t *testing.T) {
	for _, id := range []string{"abc", "a.b", "%2F", "日本", "_x_", strings.Repeat("a", 1500)} {
		assert.True(t, ValidDocID(id), "%q", id)
	}
	for _, id := range []string{"", ".", "..", "a/b", "__x__", "\xff", "a\xc3", strings.Repeat("a", 1501)} {
		assert.False(t, ValidDocID(id), "%q", id)
	}
}

// FuzzParseCursor: any page token is refused as one this API did not return (a 400 naming
// pageToken), or is a cursor whose document ID Firestore accepts and which round-trips.
func FuzzParseCursor(f *testing.F) {
	f.Add(Cursor{At: time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC), ID: "abc", Phase: "done", Count: 3}.Token())
	f.Add(Cursor{Phase: "open"}.Token())
	for _, raw := range []string{`{"id":"a/b"}`, `{"id":"\u00ff","n":1}`, `{"t":"2026-01-01T00:00:00Z","id":"x"}`} {
		f.Add(base64.RawURLEncoding.EncodeToString([]byte(raw)))
	}
	f.Fuzz(func(t *testing.T, token string) {
		c, err := ParseCursor(token)
		if err != nil {
			var e *errs.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, errs.Invalid, e.Kind)
			assert.Equal(t, "pageToken", e.Field)
			return
		}
		if token == "" {
			assert.Nil(t, c)
			return
		}
		assert.True(t, c.ID == "" || ValidDocID(c.ID), "document ID %q", c.ID)
		again, err := ParseCursor(c.Token())
		require.NoError(t, err)
		assert.Equal(t, c, again)
	})
}
