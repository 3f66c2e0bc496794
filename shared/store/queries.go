package store

import "cloud.google.com/go/firestore"

// Query is a query the code runs, declared once: the code builds it from this declaration, and
// a test checks that infra/firestore.indexes.json declares a composite index for each, because
// the emulator runs any query while production Firestore refuses one without its index.
type Query struct {
	Collection string
	Filters    []Filter
	Orders     []Order
}

// Filter is a field condition whose value is supplied when the query runs.
type Filter struct {
	Field string
	Op    string // "==", "array-contains", "array-contains-any", …
}

// Order is a sort key. The last order of every query is the document ID, which makes cursors
// exact when the other keys tie.
type Order struct {
	Field string
	Dir   firestore.Direction
}

// Queries lists every query the code runs on a field (a listing in document ID order alone,
// such as the event definitions', needs no index and reads no field).
var Queries = []Query{invitationsQuery, matchListQuery, matchSyncQuery, pendingQuery, sessionsByMemberQuery, sessionsByKeywordQuery,
	seekingQuery(Rooms), seekingQuery(Matches), waitingQuery(Rooms), waitingQuery(Matches), ticketsQuery,
	roomFillsQuery, dueQuery(Rooms), dueQuery(Matches), dueQuery(Sessions), signalsQuery, searchHandlesQuery,
	searchHandleQuery, activityByIDQuery, inboxQuery, templatesQuery}

// build makes the Firestore query with values for the filters, in order.
func (q Query) build(client *firestore.Client, values ...any) firestore.Query {
	return q.buildIn(client.Collection(q.Collection), values...)
}

// buildIn is build on a subcollection named q.Collection (a collection group in the index file).
func (q Query) buildIn(collection *firestore.CollectionRef, values ...any) firestore.Query {
	query := collection.Query
	for i, f := range q.Filters {
		query = query.Where(f.Field, f.Op, values[i])
	}
	for _, o := range q.Orders {
		query = query.OrderBy(o.Field, o.Dir)
	}
	return query
}
