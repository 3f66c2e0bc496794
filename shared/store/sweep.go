package store

import (
	"context"
	"time"

	"cloud.google.com/go/firestore"
)

// dueQuery finds an application's games (or sessions whose member initialization stage) whose
// next timer has run out, earliest first. (A
// deployment serves one application; the filter keeps sweeps of several sharing one project,
// such as test runs, off each other's games.)
func dueQuery(collection string) Query {
	return Query{Collection: collection, Filters: []Filter{{Field: "applicationId", Op: "=="}, {Field: "deadline", Op: "<="}},
		Orders: []Order{{Field: "deadline", Dir: firestore.Asc}, {Field: firestore.DocumentID, Dir: firestore.Asc}}}
}

// Due is a page of games whose timers have run out.
type Due struct {
	IDs  []string
	Next *DueCursor // nil on the last page
}

// DueCursor is where the next page of due games starts.
type DueCursor struct {
	deadline time.Time
	id       string
}

// DueGames returns up to limit IDs of the application's games in the collection (Rooms or
// Matches; or Sessions, whose key names them) whose deadline is not after now, after the cursor
// (nil: from the start).
func (s *Store) DueGames(ctx context.Context, collection, applicationID string, now time.Time, limit int, after *DueCursor) (Due, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return Due{}, err
	}
	q := dueQuery(collection).build(client, applicationID, now).Select("deadline").Limit(limit)
	if after != nil {
		q = q.StartAfter(after.deadline, after.id)
	}
	type due struct {
		Deadline time.Time `firestore:"deadline"`
	}
	docs, err := q.Documents(ctx).GetAll()
	if err != nil {
		return Due{}, backendError(err, "query due "+collection)
	}
	var page Due
	for _, d := range docs {
		page.IDs = append(page.IDs, d.Ref.ID)
	}
	if len(docs) == limit {
		var last due
		if err := docs[len(docs)-1].DataTo(&last); err != nil {
			return Due{}, backendError(err, "decode due "+collection)
		}
		page.Next = &DueCursor{deadline: last.Deadline, id: docs[len(docs)-1].Ref.ID}
	}
	return page, nil
}
