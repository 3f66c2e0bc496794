package player

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCleanDisplayName(t *testing.T) {
	for _, c := range []struct {
		name, raw, want string
	}{
		{"a plain name", "Ana", "Ana"},
		{"names in any script", "Zoë 李雷 Ελένη", "Zoë 李雷 Ελένη"},
		{"emoji", "Ana 🎮", "Ana 🎮"},
		{"white space collapsed and trimmed", "  Ana \t\n  María  ", "Ana María"},
		{"line and paragraph separators are white space", "Ana\u2028visit\u2029now", "Ana visit now"},
		{"control characters", "Ana\x00\x07\x1b[31m", "Ana[31m"},
		{"a right-to-left override that would reverse the text after it", "Ana\u202egnp.exe", "Anagnp.exe"},
		{"bidi isolates and marks", "\u2066Ana\u2069\u200f", "Ana"},
		{"zero-width characters", "A\u200bn\u200da\ufeff", "Ana"},
		{"Unicode tags", "Ana\U000E0041\U000E0042", "Ana"},
		{"private use", "Ana\ue000", "Ana"},
		{"invalid UTF-8", "An\xffa", "Ana"},
		{"nothing left", "\u202e \u200b\n", ""},
	} {
		assert.Equal(t, c.want, CleanDisplayName(c.raw), c.name)
	}
}

func TestCleanDisplayNameBound(t *testing.T) {
	long := CleanDisplayName(strings.Repeat("é", 1000))
	assert.Equal(t, MaxDisplayNameRunes, utf8.RuneCountInString(long))
	cut := CleanDisplayName(strings.Repeat("a", MaxDisplayNameRunes-1) + "   b")
	assert.Equal(t, strings.Repeat("a", MaxDisplayNameRunes-1), cut, "a cut never ends in a space")
	assert.Equal(t, strings.Repeat("ü", MaxDisplayNameRunes), CleanDisplayName(strings.Repeat("ü\u202e", 500)), "characters removed do not count")
}

// FuzzCleanDisplayName: whatever a player calls themselves, the clean name is valid UTF-8 of at
// most MaxDisplayNameRunes characters, none of them control, format or private-use, with single
// spaces between words and none at the ends; and cleaning it again changes nothing.
func FuzzCleanDisplayName(f *testing.F) {
	for _, s := range []string{"Ana", " Ana \n María ", "Ana\u202egnp.exe", "\xff\xfe", strings.Repeat("é ", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		clean := CleanDisplayName(raw)
		require.True(t, utf8.ValidString(clean), "%q", clean)
		require.LessOrEqual(t, utf8.RuneCountInString(clean), MaxDisplayNameRunes)
		require.Equal(t, strings.TrimSpace(clean), clean)
		require.NotContains(t, clean, "  ")
		for _, r := range clean {
			require.False(t, unicode.In(r, unicode.Cc, unicode.Cf, unicode.Co) || (unicode.IsSpace(r) && r != ' '), "%q in %q", r, clean)
		}
		require.Equal(t, clean, CleanDisplayName(clean))
	})
}
