// Package event holds Play Games events: the definitions a studio ships, and the rules of
// events.record (batch and per-event failures, idempotency, rate) as a pure planner over the
// player's current counters.
//
// childEvents: a definition may list child events. Recording a child also counts toward its
// parent, and toward the parent's parents: an event's counter is the sum of its own recordings
// and those of all its descendants. Definitions form no cycles (Check refuses them).
package event

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Visibility says whether players see a definition before recording it.
type Visibility string

const (
	Revealed Visibility = "REVEALED" // shown to every player
	Hidden   Visibility = "HIDDEN"   // shown to a player once they recorded it
)

// Definition is one event a game records, as the studio's definitions file holds it.
type Definition struct {
	ID                string     `json:"id"`
	DisplayName       string     `json:"displayName"`
	Description       string     `json:"description,omitempty"`
	ImageURL          string     `json:"imageUrl,omitempty"`
	IsDefaultImageURL bool       `json:"isDefaultImageUrl,omitempty"`
	Visibility        Visibility `json:"visibility,omitempty"`
	ChildEvents       []string   `json:"childEvents,omitempty"`
	// Ancestors are the events a recording of this one also counts toward, derived by Prepare.
	Ancestors []string `json:"-"`
}

// Counter is how many times a player recorded an event (with its descendants).
type Counter struct {
	DefinitionID string
	PlayerID     string
	NumEvents    int64
	UpdatedAt    time.Time
}

// Limits on definitions.
const (
	maxIDLength          = 64
	maxDisplayNameLength = 100
	maxDescriptionLength = 500
	maxImageURLLength    = 2048
)

// Prepare checks a set of definitions and fills in what follows from them: the default
// visibility (REVEALED) and each definition's ancestors. The error names the definition and the
// rule.
func Prepare(defs []Definition) ([]Definition, error) {
	byID := map[string]*Definition{}
	out := slices.Clone(defs)
	for i := range out {
		d := &out[i]
		where := fmt.Sprintf("events[%d]", i)
		switch {
		case !ValidID(d.ID):
			return nil, fmt.Errorf("%s.id %q: 1 to %d letters, digits, '-', '_' or '.'", where, d.ID, maxIDLength)
		case byID[d.ID] != nil:
			return nil, fmt.Errorf("%s.id %q: defined twice", where, d.ID)
		case d.DisplayName == "" || len(d.DisplayName) > maxDisplayNameLength:
			return nil, fmt.Errorf("%s (%s).displayName: required, at most %d bytes", where, d.ID, maxDisplayNameLength)
		case len(d.Description) > maxDescriptionLength:
			return nil, fmt.Errorf("%s (%s).description: at most %d bytes", where, d.ID, maxDescriptionLength)
		case len(d.ImageURL) > maxImageURLLength:
			return nil, fmt.Errorf("%s (%s).imageUrl: at most %d bytes", where, d.ID, maxImageURLLength)
		}
		switch d.Visibility {
		case "":
			d.Visibility = Revealed
		case Revealed, Hidden:
		default:
			return nil, fmt.Errorf("%s (%s).visibility %q: REVEALED or HIDDEN", where, d.ID, d.Visibility)
		}
		byID[d.ID] = d
	}
	parents := map[string][]string{}
	for _, d := range out {
		seen := map[string]bool{}
		for _, c := range d.ChildEvents {
			switch {
			case byID[c] == nil:
				return nil, fmt.Errorf("%s.childEvents: no event %q", d.ID, c)
			case c == d.ID:
				return nil, fmt.Errorf("%s.childEvents: an event cannot be its own child", d.ID)
			case seen[c]:
				return nil, fmt.Errorf("%s.childEvents: %q listed twice", d.ID, c)
			}
			seen[c] = true
			parents[c] = append(parents[c], d.ID)
		}
	}
	known := map[string][]string{}
	for i := range out {
		ancestors, err := ancestorsOf(out[i].ID, parents, map[string]bool{}, known)
		if err != nil {
			return nil, err
		}
		out[i].Ancestors = slices.Clone(ancestors)
	}
	return out, nil
}

// ancestorsOf is every event a recording of id also counts toward, sorted, each once. Each
// event's ancestors are worked out once and kept in known: an event reached by several paths
// (two parents with a common parent, and so on down) costs one walk, not one per path, whose
// number doubles with every such level.
func ancestorsOf(id string, parents map[string][]string, path map[string]bool, known map[string][]string) ([]string, error) {
	if ancestors, ok := known[id]; ok {
		return ancestors, nil
	}
	if path[id] {
		return nil, fmt.Errorf("%s.childEvents: the events form a cycle", id)
	}
	path[id] = true
	defer delete(path, id)
	var out []string
	for _, p := range parents[id] {
		up, err := ancestorsOf(p, parents, path, known)
		if err != nil {
			return nil, err
		}
		out = append(append(out, p), up...)
	}
	sort.Strings(out)
	out = slices.Compact(out)
	known[id] = out
	return out, nil
}

// ValidID reports whether id can name an event (and a Firestore document).
func ValidID(id string) bool {
	if id == "" || len(id) > maxIDLength || id == "." || id == ".." || strings.HasPrefix(id, "__") && strings.HasSuffix(id, "__") {
		return false // Firestore reserves __names__
	}
	for _, c := range id {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// Diff compares the stored definitions with the desired ones: which to create, which to update
// (changed), and which are stored but no longer desired.
func Diff(stored, desired []Definition) (create, update []Definition, remove []string) {
	have := map[string]Definition{}
	for _, d := range stored {
		have[d.ID] = d
	}
	want := map[string]bool{}
	for _, d := range desired {
		want[d.ID] = true
		old, ok := have[d.ID]
		switch {
		case !ok:
			create = append(create, d)
		case !same(old, d):
			update = append(update, d)
		}
	}
	for _, d := range stored {
		if !want[d.ID] {
			remove = append(remove, d.ID)
		}
	}
	sort.Strings(remove)
	return create, update, remove
}

func same(a, b Definition) bool {
	return a.ID == b.ID && a.DisplayName == b.DisplayName && a.Description == b.Description && a.ImageURL == b.ImageURL &&
		a.IsDefaultImageURL == b.IsDefaultImageURL && a.Visibility == b.Visibility &&
		slices.Equal(a.ChildEvents, b.ChildEvents) && slices.Equal(a.Ancestors, b.Ancestors)
}
