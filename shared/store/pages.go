package store

import (
	"context"
	"reflect"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/api/iterator"
)

// pageBytes bounds what one page of a listing holds (rooms.list, turnBasedMatches.list and
// sync): a page ends early, with a token for the rest, once the documents it read take this much
// decoded, whatever maxResults asked (the discovery document lets a page hold fewer). A page
// holds at least one document, so a listing always moves on.
const pageBytes = 256 << 10

// readPage reads up to limit documents of q, fewer once they take pageBytes; more reports
// whether documents follow the last one returned.
func readPage[T any](ctx context.Context, q firestore.Query, limit int) (page []*T, more bool, err error) {
	size := 0
	err = scan(ctx, q, limit+1, func(snap *firestore.DocumentSnapshot) (bool, error) {
		if len(page) == limit || size >= pageBytes {
			more = true
			return false, nil
		}
		v := new(T)
		if err := snap.DataTo(v); err != nil {
			return false, backendError(err, "decode "+snap.Ref.Path)
		}
		page = append(page, v)
		size += footprint(reflect.ValueOf(v))
		return true, nil
	})
	return page, more, err
}

// scan hands the documents of q, in order, to visit until it returns false, q runs out or limit
// documents were read: one query, whose stream is closed as soon as visit has had enough, so a
// caller that stops at a size reads little past it.
func scan(ctx context.Context, q firestore.Query, limit int, visit func(*firestore.DocumentSnapshot) (more bool, err error)) error {
	it := q.Limit(limit).Documents(ctx)
	defer it.Stop()
	for {
		snap, err := it.Next()
		if err == iterator.Done {
			return nil
		}
		if err != nil {
			return backendError(err, "query")
		}
		if more, err := visit(snap); err != nil || !more {
			return err
		}
	}
}

var timeType = reflect.TypeFor[time.Time]()

// footprint estimates what a decoded document holds in memory: its strings and byte slices, and
// a word for everything else.
func footprint(v reflect.Value) int {
	switch v.Kind() {
	case reflect.String:
		return 16 + v.Len()
	case reflect.Slice:
		n := 24
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return n + v.Len()
		}
		for i := range v.Len() {
			n += footprint(v.Index(i))
		}
		return n
	case reflect.Map:
		n := 48
		for it := v.MapRange(); it.Next(); {
			n += footprint(it.Key()) + footprint(it.Value())
		}
		return n
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return 8
		}
		return 8 + footprint(v.Elem())
	case reflect.Struct:
		if v.Type() == timeType {
			return 24
		}
		n := 0
		for i := range v.NumField() {
			n += footprint(v.Field(i))
		}
		return n
	}
	return 8
}
