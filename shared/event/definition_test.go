package event

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ladder is depth levels of two events each, both parents of both events of the next level: the
// number of paths from the bottom to the top doubles with every level.
func ladder(depth int) []Definition {
	var defs []Definition
	for i := range depth {
		var children []string
		if i+1 < depth {
			children = []string{fmt.Sprintf("a%d", i+1), fmt.Sprintf("b%d", i+1)}
		}
		defs = append(defs, Definition{ID: fmt.Sprintf("a%d", i), DisplayName: "A", ChildEvents: children},
			Definition{ID: fmt.Sprintf("b%d", i), DisplayName: "B", ChildEvents: children})
	}
	return defs
}

// TestPrepareWalksSharedAncestorsOnce: an event reached by many paths is walked once. Prepare
// walked every path, whose number doubles with each level of a ladder: 20 levels allocated
// millions of times (and 30 ran for an hour); now it allocates about as often as there are
// events and links.
func TestPrepareWalksSharedAncestorsOnce(t *testing.T) {
	defs, err := Prepare(ladder(3))
	require.NoError(t, err)
	assert.Equal(t, []string{"a0", "a1", "b0", "b1"}, defs[4].Ancestors, "a2 counts toward both events of both levels above")
	assert.Empty(t, defs[0].Ancestors)
	deep := ladder(20)
	allocs := testing.AllocsPerRun(1, func() { _, _ = Prepare(deep) })
	assert.Less(t, allocs, 20000.0)
}

// FuzzPrepare: any definitions file is refused, or its definitions are valid, each event's
// ancestors are defined events (never itself), listed once and in order, and every parent of an
// event is among its ancestors with the parent's own ancestors.
func FuzzPrepare(f *testing.F) {
	for _, seed := range []string{`[]`, `[{"id":"a","displayName":"A","childEvents":["b"]},{"id":"b","displayName":"B","visibility":"HIDDEN"}]`,
		`[{"id":"a","displayName":"A","childEvents":["b","c"]},{"id":"b","displayName":"B","childEvents":["d"]},{"id":"c","displayName":"C","childEvents":["d"]},{"id":"d","displayName":"D"}]`,
		`[{"id":"a","displayName":"A","childEvents":["a"]}]`, `[{"id":"a","displayName":"A","childEvents":["b"]},{"id":"b","displayName":"B","childEvents":["a"]}]`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var in []Definition
		if json.Unmarshal(raw, &in) != nil {
			return
		}
		defs, err := Prepare(in)
		if err != nil {
			return
		}
		byID := map[string]Definition{}
		for _, d := range defs {
			require.True(t, ValidID(d.ID), "id %q", d.ID)
			require.NotContains(t, byID, d.ID, "id %q twice", d.ID)
			require.Contains(t, []Visibility{Revealed, Hidden}, d.Visibility)
			byID[d.ID] = d
		}
		for _, d := range defs {
			assert.True(t, slices.IsSorted(d.Ancestors) && len(slices.Compact(slices.Clone(d.Ancestors))) == len(d.Ancestors), "%s: %v", d.ID, d.Ancestors)
			assert.NotContains(t, d.Ancestors, d.ID, "%s counts toward itself", d.ID)
			for _, a := range d.Ancestors {
				assert.Contains(t, byID, a, "%s: ancestor %q is no event", d.ID, a)
			}
			for _, c := range d.ChildEvents {
				child := byID[c].Ancestors
				assert.Contains(t, child, d.ID, "%s is a parent of %s", d.ID, c)
				for _, a := range d.Ancestors {
					assert.Contains(t, child, a, "%s: %s is an ancestor of its parent %s", c, a, d.ID)
				}
			}
		}
	})
}
