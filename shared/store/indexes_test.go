package store

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cloud.google.com/go/firestore"
)

// TestEveryQueryHasAnIndex keeps the code's queries and infra/firestore.indexes.json in step:
// the emulator runs any query, production Firestore refuses one without its composite index.
func TestEveryQueryHasAnIndex(t *testing.T) {
	raw, err := os.ReadFile("../../infra/firestore.indexes.json")
	require.NoError(t, err)
	var file struct {
		Indexes []struct {
			CollectionGroup string `json:"collectionGroup"`
			QueryScope      string `json:"queryScope"`
			Fields          []struct {
				FieldPath   string `json:"fieldPath"`
				Order       string `json:"order"`
				ArrayConfig string `json:"arrayConfig"`
			} `json:"fields"`
		} `json:"indexes"`
	}
	require.NoError(t, json.Unmarshal(raw, &file))
	declared := map[string]bool{}
	for _, ix := range file.Indexes {
		key := ix.QueryScope + " " + ix.CollectionGroup
		for _, f := range ix.Fields {
			key += " " + f.FieldPath + ":" + f.Order + f.ArrayConfig
		}
		declared[key] = true
	}
	for _, q := range Queries {
		if servedBySingleField(q) {
			continue
		}
		key := "COLLECTION " + q.Collection
		for _, f := range q.Filters {
			switch f.Op {
			case "array-contains", "array-contains-any":
				key += " " + f.Field + ":CONTAINS"
			case "==", "in":
				key += " " + f.Field + ":ASCENDING"
			}
			// a range filter's field is the first order, which names it
		}
		for _, o := range q.Orders {
			dir := "ASCENDING"
			if o.Dir == firestore.Desc {
				dir = "DESCENDING"
			}
			key += " " + o.Field + ":" + dir
		}
		assert.True(t, declared[key], "query %+v has no composite index in infra/firestore.indexes.json (want %q)", q, key)
		delete(declared, key)
	}
	assert.Empty(t, declared, "indexes that serve no query the code runs")
}

// servedBySingleField reports whether Firestore's automatic single-field index serves q, so that
// it needs no composite index: one equality in document order, or one field's order with ties
// in document order the same way.
func servedBySingleField(q Query) bool {
	switch {
	case len(q.Filters) == 1 && q.Filters[0].Op == "==" && len(q.Orders) == 1:
		return q.Orders[0].Field == firestore.DocumentID && q.Orders[0].Dir == firestore.Asc
	case len(q.Filters) == 0 && len(q.Orders) == 2:
		return q.Orders[1].Field == firestore.DocumentID && q.Orders[0].Dir == q.Orders[1].Dir
	}
	return false
}
