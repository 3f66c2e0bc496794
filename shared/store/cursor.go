package store

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/openplay-games/openplay/shared/errs"
)

// cursor is the position after the last item of a page: the sort key (none when the query
// orders by document ID alone) and the document ID of that item. Both are immutable for a given document, so a page token stays correct while documents
// are added, changed or removed around it.
//
// Phase and Count serve listings in several parts (matches: open ones, then completed ones up to a
// cap): the part the next page continues, and how many items the capped part returned so far.
type cursor struct {
	At    time.Time `json:"t,omitzero"`
	ID    string    `json:"id,omitempty"`
	Phase string    `json:"p,omitempty"`
	Count int       `json:"n,omitempty"`
}

// positioned reports whether the cursor points after an item (rather than at a part's start).
func (c *cursor) positioned() bool { return c != nil && c.ID != "" }

func (c cursor) token() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func parseCursor(token string) (*cursor, error) {
	if token == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(token)
	var c cursor
	if err != nil || json.Unmarshal(b, &c) != nil || (c.ID == "" && !c.At.IsZero()) || c.Count < 0 || c == (cursor{}) ||
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
