package store

import (
	"reflect"
	"strings"
	"time"

	"cloud.google.com/go/firestore"
)

// replacement is every stored field of the struct v points to, as the updates that make a
// document hold v: what Set writes, in a form that takes a precondition (Set takes none). An
// empty field tagged omitempty, which Set leaves out, is deleted; a zero one tagged
// serverTimestamp is stamped with the commit time, as Set does. It reads the top-level
// firestore tags only, as the client does for a struct with no embedded fields.
func replacement(v any) []firestore.Update {
	rv := reflect.ValueOf(v).Elem()
	t := rv.Type()
	out := make([]firestore.Update, 0, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("firestore"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		value := rv.Field(i)
		if strings.Contains(opts, "serverTimestamp") && value.IsZero() {
			out = append(out, firestore.Update{FieldPath: firestore.FieldPath{name}, Value: firestore.ServerTimestamp})
			continue
		}
		if strings.Contains(opts, "omitempty") && empty(value) {
			out = append(out, firestore.Update{FieldPath: firestore.FieldPath{name}, Value: firestore.Delete})
			continue
		}
		out = append(out, firestore.Update{FieldPath: firestore.FieldPath{name}, Value: value.Interface()})
	}
	return out
}

// empty reports whether omitempty leaves a field out: for a time, as the client decides it
// (time.Time.IsZero, which ignores the location).
func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	}
	if t, ok := v.Interface().(time.Time); ok {
		return t.IsZero()
	}
	return v.IsZero()
}
