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
	key := session.TemplateKey(q.SCID, q.Template)
	bounds := sessionScan{docs: session.MaxSearchScan, bytes: session.MaxSearchBytes}
	return s.scanSessions(ctx, bounds, func(c *firestore.Client) firestore.Query {
		return searchHandlesQuery.build(c, key)
	}, func(stored *session.Session) bool {
		if current, ok := q.Match(stored, now); ok {
			found(current)
		}
		return true
	})
}
