package player

import (
	"strings"
	"unicode"
)

// MaxDisplayNameRunes bounds a display name, in characters (runes): enough for any real name or
// handle, too few for a paragraph.
const MaxDisplayNameRunes = 64

// CleanDisplayName is a display name as OpenPlay shows it to other players, made from the
// name a player chose (an ID token's name claim, an Auth user's display name): control,
// format and private-use characters are removed (bidirectional overrides and isolates, zero-width
// characters, Unicode tags, which could reorder or hide text around the name), any run of white
// space (line breaks included) becomes one space, the ends are trimmed, and the result is cut to
// MaxDisplayNameRunes. Invalid UTF-8 is dropped.
func CleanDisplayName(raw string) string {
	out := make([]rune, 0, MaxDisplayNameRunes)
	space := false
	for _, r := range strings.ToValidUTF8(raw, "") {
		switch {
		case unicode.IsSpace(r):
			space = len(out) > 0
		case unicode.In(r, unicode.Cc, unicode.Cf, unicode.Co):
		default:
			if space {
				out, space = append(out, ' '), false
			}
			out = append(out, r)
		}
		if len(out) >= MaxDisplayNameRunes {
			break
		}
	}
	return strings.TrimRight(string(out[:min(len(out), MaxDisplayNameRunes)]), " ")
}
