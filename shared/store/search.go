package store

import (
	"context"
	"time"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/session"
)

// Search handles live in their sessions (session.Session.Search); a session document with one
// carries its template's key ("search") and the handle's creation time ("searchTime"), which
// the search query reads by, and the handle's ID ("searchId"), by which GET and DELETE
// /handles/{id} find it.

// searchHandlesQuery finds the sessions of one template that have a search handle, newest
// handle first.
var searchHandlesQuery = Query{
	Collection: Sessions,
	Filters:    []Filter{{Field: "search", Op: "=="}},
	Orders:     []Order{{Field: "searchTime", Dir: firestore.Desc}, {Field: firestore.DocumentID, Dir: firestore.Desc}},
}

// searchHandleQuery finds the session holding a search handle, by the handle's ID: one
// equality, which Firestore's automatic single-field index serves.
var searchHandleQuery = Query{
	Collection: Sessions,
	Filters:    []Filter{{Field: "searchId", Op: "=="}},
	Orders:     []Order{{Field: firestore.DocumentID, Dir: firestore.Asc}},
}

// SearchHandleSession reads the session holding the search handle id (as session.ParseHandleID
// returns it) with one indexed query; none is the handle's NotFound.
func (s *Store) SearchHandleSession(ctx context.Context, id string) (*session.Session, error) {
	var found *session.Session
	one := sessionScan{docs: 1, bytes: 1} // one session, whatever its size
	err := s.scanSessions(ctx, one, func(c *firestore.Client) firestore.Query {
		return searchHandleQuery.build(c, id)
	}, func(stored *session.Session) bool {
		found = stored
		return false
	})
	if err == nil && found == nil {
		err = session.HandleNotFound(id)
	}
	return found, err
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
