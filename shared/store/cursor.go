package store

import (
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
)

// cursor is the position after the last item of a page: the sort key and the document ID of that
// item. Both are immutable for a given document, so a page token stays correct while documents
// are added, changed or removed around it.
type cursor struct {
	At time.Time `json:"t"`
	ID string    `json:"id"`
}

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
	if err != nil || json.Unmarshal(b, &c) != nil || c.ID == "" || c.At.IsZero() {
		return nil, errs.E(errs.Invalid, "pageToken", "not a page token this API returned")
	}
	return &c, nil
}
