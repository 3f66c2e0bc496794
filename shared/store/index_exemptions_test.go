package store

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"cloud.google.com/go/firestore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIndexExemptionsServeNoQuery keeps infra/firestore.indexes.json's field overrides safe and
// complete. Production Firestore refuses a query that needs the single-field index of a field
// exempted from indexing, and the emulator indexes nothing, so only this test catches an
// exemption that breaks a query. Every override is an exemption of a field the store writes, no
// query served by single-field indexes reads it (the store's, or the web client's listeners';
// an exemption leaves composite indexes alone),
// and every TTL field is exempted: documents' expiry times are timestamps written in increasing
// order, which Firestore's best practices say not to index (a hotspot at high write rates), and
// no query needs them.
func TestIndexExemptionsServeNoQuery(t *testing.T) {
	var file struct {
		FieldOverrides []struct {
			CollectionGroup string            `json:"collectionGroup"`
			FieldPath       string            `json:"fieldPath"`
			Indexes         []json.RawMessage `json:"indexes"`
		} `json:"fieldOverrides"`
	}
	readJSON(t, "../../infra/firestore.indexes.json", &file)
	var ttl struct {
		TTLPolicies []struct {
			CollectionGroup string `json:"collectionGroup"`
			Field           string `json:"field"`
		} `json:"ttlPolicies"`
	}
	readJSON(t, "../../infra/firestore.ttl.json", &ttl)

	// The documents whose fields are exempted beside the TTL fields: games' and sessions' blobs,
	// and timestamps written in increasing order at every call's rate, which no query reads or
	// whose queries have composite indexes.
	written := map[string]reflect.Type{Matches: reflect.TypeFor[matchDoc](), Rooms: reflect.TypeFor[roomDoc](),
		Sessions: reflect.TypeFor[sessionDoc](), SessionTemplates: reflect.TypeFor[templateDoc](), signals: reflect.TypeFor[signalDoc](),
		Outbox: reflect.TypeFor[outboxDoc]()}
	ttlFields := map[string]bool{}
	for _, p := range ttl.TTLPolicies {
		ttlFields[p.CollectionGroup+"."+p.Field] = true
	}
	exempt := map[string]bool{}
	for _, f := range file.FieldOverrides {
		field := f.CollectionGroup + "." + f.FieldPath
		exempt[field] = true
		assert.Empty(t, f.Indexes, "%s: only exemptions (\"indexes\": [])", field)
		if !ttlFields[field] {
			doc, ok := written[f.CollectionGroup]
			if assert.True(t, ok, "%s: exempted, but neither a TTL field nor in a document the test knows", field) {
				top, _, _ := strings.Cut(f.FieldPath, ".")
				assert.Contains(t, firestoreFields(doc), top, "%s: not a field of %s", field, doc.Name())
			}
		}
		for _, q := range append(slices.Clone(Queries), webClientQueries...) {
			if q.Collection != f.CollectionGroup || !servedBySingleField(q) {
				continue
			}
			for _, used := range queriedFields(q) {
				assert.False(t, used == f.FieldPath || strings.HasPrefix(used, f.FieldPath+"."),
					"%s is exempted from indexing, but a query reads it: %+v", field, q)
			}
		}
	}
	for field := range ttlFields {
		assert.True(t, exempt[field], "the TTL field %s is indexed: exempt it in infra/firestore.indexes.json", field)
	}
}

func readJSON(t *testing.T, path string, into any) {
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, into))
}

// queriedFields are the fields q filters or orders on.
func queriedFields(q Query) []string {
	var fields []string
	for _, f := range q.Filters {
		fields = append(fields, f.Field)
	}
	for _, o := range q.Orders {
		fields = append(fields, o.Field)
	}
	return fields
}

// firestoreFields are the top-level field names of the document struct t, as the Firestore
// client writes them (an untagged embedded struct's fields are its own).
func firestoreFields(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("firestore"), ",")
		switch {
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			names = append(names, firestoreFields(f.Type)...)
		case name != "" && name != "-":
			names = append(names, name)
		}
	}
	return names
}

// webClientQueries are the queries @openplay/web runs on Firestore (clients/web/src), in the
// same form: a player's inbox, newest delivered first, and the same after a point in time (the
// read of what a burst pushed out of the listener's window: inbox.ts), and a player's signals in
// one room (realtime/signalling.ts), each served by a single-field index.
var webClientQueries = []Query{
	{Collection: "inbox", Orders: []Order{{Field: "deliveredAt", Dir: firestore.Desc}, {Field: firestore.DocumentID, Dir: firestore.Desc}}},
	{Collection: "inbox", Filters: []Filter{{Field: "deliveredAt", Op: ">"}},
		Orders: []Order{{Field: "deliveredAt", Dir: firestore.Desc}, {Field: firestore.DocumentID, Dir: firestore.Desc}}},
	{Collection: signals, Filters: []Filter{{Field: "roomId", Op: "=="}}, Orders: []Order{{Field: firestore.DocumentID, Dir: firestore.Asc}}},
}

// TestWebClientQueriesAreListed keeps webClientQueries complete: the web client's sources hold
// one where or orderBy clause per filter and order listed there (document ID orders aside), each
// naming its field with a string literal (or documentId()), so that this test can read it.
func TestWebClientQueriesAreListed(t *testing.T) {
	clause := regexp.MustCompile(`\b(where|orderBy)\(\s*([^,)]*)`)
	literal := regexp.MustCompile(`^["']([\w.]+)["']$`)
	var found []string
	err := filepath.WalkDir("../../clients/web/src", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".ts") {
			return err
		}
		raw, err := os.ReadFile(path)
		for _, m := range clause.FindAllStringSubmatch(string(raw), -1) {
			named := strings.TrimSpace(m[2])
			if strings.HasPrefix(named, "documentId(") { // the capture ends at its first ")"
				continue // a document ID order needs no field's index
			}
			field := literal.FindStringSubmatch(named)
			if assert.NotNil(t, field, "%s: %s(%s…: name the field with a string literal", path, m[1], m[2]) {
				found = append(found, field[1])
			}
		}
		return err
	})
	require.NoError(t, err)
	var listed []string
	for _, q := range webClientQueries {
		for _, f := range queriedFields(q) {
			if f != firestore.DocumentID {
				listed = append(listed, f)
			}
		}
	}
	assert.ElementsMatch(t, listed, found, "the web client's query clauses; add a new one to webClientQueries")
}
