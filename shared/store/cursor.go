package store

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/openplay-games/openplay/shared/errs"
)

// Cursor is the position after the last item of a page, as its page token carries it: the sort
// key (none when the query orders by document ID alone) and the document ID of that item. Both
// are immutable for a given document, so a page token stays correct while documents are added,
// changed or removed around it.
//
// Phase and Count serve listings in several parts, whose rules are their handler's (matches: open
// ones, then completed ones up to a cap): the part the next page continues, and how many items
// the capped part returned so far. The store's queries read neither.
type Cursor struct {
	At    time.Time `json:"t,omitzero"`
	ID    string    `json:"id,omitempty"`
	Phase string    `json:"p,omitempty"`
	Count int       `json:"n,omitempty"`
}

// positioned reports whether the cursor points after an item (rather than at a part's start).
func (c *Cursor) positioned() bool { return c != nil && c.ID != "" }

// Token is the page token of c.
func (c Cursor) Token() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParseCursor reads a page token ("": nil, the start); a token this API did not make is refused
// as an invalid pageToken.
func ParseCursor(token string) (*Cursor, error) {
	if token == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(token)
	var c Cursor
	if err != nil || json.Unmarshal(b, &c) != nil || (c.ID == "" && !c.At.IsZero()) || c.Count < 0 || c == (Cursor{}) ||
		(c.ID != "" && !ValidDocID(c.ID)) {
		return nil, errs.E(errs.Invalid, "pageToken", "not a page token this API returned")
	}
	return &c, nil
}

// ValidDocID reports whether id can name a Firestore document: what a page token, a message or
// a path carries goes into a query, so a forged one must be refused before Firestore sees it (the
// client refuses invalid UTF-8 itself, which would otherwise surface as an internal error).
func ValidDocID(id string) bool {
	return id != "" && len(id) <= 1500 && utf8.ValidString(id) && id != "." && id != ".." && !strings.Contains(id, "/") &&
		!(strings.HasPrefix(id, "__") && strings.HasSuffix(id, "__"))
}
