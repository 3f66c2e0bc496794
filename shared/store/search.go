package store

import (
	"context"
	"time"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/session"
)

// Search handles live in their sessions (session.Session.Search); a session document with one
// carries its template's key ("search") and the handle's creation time ("searchTime"), which
// the query below reads by.

// searchHandlesQuery finds the sessions of one template that have a search handle, newest
// handle first.
var searchHandlesQuery = Query{
	Collection: Sessions,
	Filters:    []Filter{{Field: "search", Op: "=="}},
	Orders:     []Order{{Field: "searchTime", Dir: firestore.Desc}, {Field: firestore.DocumentID, Dir: firestore.Desc}},
}

// QuerySearchHandles calls found with each session of the template scid/template whose search
// handle q matches at now (see session.SearchQuery.Match), newest handle first, among the first
// session.MaxSearchScan handles and session.MaxSearchBytes of stored sessions. It decodes them
// one at a time, so it holds about one session in memory besides what found keeps.
func (s *Store) QuerySearchHandles(ctx context.Context, q *session.SearchQuery, now time.Time, found func(*session.Session)) error {
	client, err := s.Client(ctx)
	if err != nil {
		return err
	}
	fq := searchHandlesQuery.build(client, session.TemplateKey(q.SCID, q.Template))
	read := 0
	return scan(ctx, fq.Select("doc"), session.MaxSearchScan, func(snap *firestore.DocumentSnapshot) (bool, error) {
		if read >= session.MaxSearchBytes {
			return false, nil
		}
		var d sessionDoc
		if err := snap.DataTo(&d); err != nil {
			return false, backendError(err, "decode "+snap.Ref.Path)
		}
		read += len(d.Doc)
		stored, err := d.session()
		if err != nil {
			return false, backendError(err, "decode "+snap.Ref.Path)
		}
		if current, ok := q.Match(stored, now); ok {
			found(current)
		}
		return true, nil
	})
}
