package session

import (
	"maps"

	"github.com/openplay-games/openplay/shared/errs"
)

// The merge rules (docs/mpsd.md §4): in a custom object each top-level key of the request
// replaces the stored value whole and null deletes it (no deep merge); in a system object each
// field named replaces the stored field whole (arrays and objects included) and null clears it.
// Constants are only ever added: at creation (of the session, or of a member), and never over a
// different value, which is a 409.

// mergeProperties applies delta to a properties bag.
func mergeProperties(b *Bag, delta *BagDelta) {
	if delta == nil {
		return
	}
	b.System = mergeKeys(b.System, delta.System, replace)
	if delta.CustomSet {
		b.Custom = mergeCustom(b.Custom, delta.Custom)
	}
}

// mergeKeys merges delta into m one key at a time: null deletes the key, any other value is
// combined with the stored one by merge. It returns m (made when needed).
func mergeKeys(m, delta map[string]any, merge func(old, v any) any) map[string]any {
	for _, k := range sortedKeys(delta) {
		if delta[k] == nil {
			delete(m, k)
			continue
		}
		if m == nil {
			m = map[string]any{}
		}
		m[k] = merge(m[k], delta[k])
	}
	return m
}

// replace is the merge of a value that replaces the stored one whole.
func replace(_, v any) any { return cloneJSON(v) }

// mergeCustom merges a request's custom value into the stored one (which it does not change).
func mergeCustom(old, delta any) any {
	d, ok := delta.(map[string]any)
	if !ok {
		return cloneJSON(delta)
	}
	out, _ := old.(map[string]any)
	return mergeKeys(maps.Clone(out), d, replace)
}

// addConstants adds delta's constants to b. A constant b holds (even as null, as a template
// forcing it unset) must be sent with the same value; a new one is allowed only while creating.
func addConstants(b *Bag, delta *BagDelta, creating bool, field string) error {
	if delta == nil {
		return nil
	}
	for _, k := range sortedKeys(delta.System) {
		old, had := b.System[k]
		switch {
		case had && !same(old, delta.System[k]):
			return errs.E(errs.Conflict, field+".system."+k, "conflicts with the value the session (or its template) already has")
		case !had && !creating:
			return errs.E(errs.Conflict, field+".system."+k, "constants can only be set when the session or member is created")
		case !had:
			if b.System == nil {
				b.System = map[string]any{}
			}
			b.System[k] = cloneJSON(delta.System[k])
		}
	}
	if !delta.CustomSet {
		return nil
	}
	d, dok := delta.Custom.(map[string]any)
	o, ook := b.Custom.(map[string]any)
	if !dok || (!ook && b.Custom != nil) {
		switch {
		case same(b.Custom, delta.Custom):
		case b.Custom == nil && creating:
			b.Custom = cloneJSON(delta.Custom)
		default:
			return errs.E(errs.Conflict, field+".custom", "conflicts with the value the session (or its template) already has")
		}
		return nil
	}
	for _, k := range sortedKeys(d) {
		old, had := o[k]
		switch {
		case had && !same(old, d[k]):
			return errs.E(errs.Conflict, field+".custom."+k, "conflicts with the value the session (or its template) already has")
		case !had && !creating:
			return errs.E(errs.Conflict, field+".custom."+k, "constants can only be set when the session or member is created")
		case !had:
			if o == nil {
				o = map[string]any{}
				b.Custom = o
			}
			o[k] = cloneJSON(d[k])
		}
	}
	return nil
}
