package session

import (
	"fmt"
	"slices"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/player"
)

// The batch query (POST /serviceconfigs/{scid}/batch, docs/mpsd.md §11): the query of each
// player of {"xuids": [...]}, its results grouped per player in request order (a session with
// two of them is in both groups). It is one query over the players' member index entries, so it
// reads no more than a query: the newest MaxQueryBytes of the players' stored sessions.

// MaxBatchPlayers bounds the players of a batch query; MaxBatchKeys is the most member index
// entries one query looks for (Firestore's bound on array-contains-any), which the options
// multiply: with inactive, reservations and private, each player needs six.
const (
	MaxBatchPlayers = 10
	MaxBatchKeys    = 30
)

// DecodeBatch reads a batch query's body: {"xuids": [...]}, 1 to MaxBatchPlayers player IDs.
func DecodeBatch(body []byte) ([]string, error) {
	top, err := decodeObject(body)
	if err != nil {
		return nil, err
	}
	for _, key := range sortedKeys(top) {
		if key != "xuids" {
			return nil, errs.E(errs.Invalid, keyField(key), "not allowed in a batch query (allowed: xuids)")
		}
	}
	list, ok := top["xuids"].([]any)
	if !ok || len(list) == 0 || len(list) > MaxBatchPlayers {
		return nil, errs.E(errs.Invalid, "xuids", "must be an array of 1 to %d player IDs", MaxBatchPlayers)
	}
	out := make([]string, len(list))
	for i, v := range list {
		id, ok := v.(string)
		if !ok || !player.ValidID(id) {
			return nil, errs.E(errs.Invalid, fmt.Sprintf("xuids[%d]", i), "must be a player ID (1 to %d printable ASCII characters)", player.MaxIDLength)
		}
		out[i] = id
	}
	return out, nil
}

// Batch is a batch query: one Query per player, in request order, and the results found so far.
type Batch struct {
	Queries []Query
	results [][]map[string]any
}

// Batch is the batch query of players with q's options, each authorized for c as a query of
// that player would be.
func (q Query) Batch(players []string, c Caller) (*Batch, error) {
	b := &Batch{Queries: make([]Query, len(players)), results: make([][]map[string]any, len(players))}
	for i, p := range players {
		one := q
		one.Player = p
		if err := one.Authorize(c); err != nil {
			return nil, err
		}
		b.Queries[i] = one
	}
	if n := len(b.Keys()); n > MaxBatchKeys {
		return nil, errs.E(errs.Invalid, "xuids", "at most %d players with these options (each needs %d of the %d member entries a query looks for)",
			MaxBatchKeys/len(q.PlayerKeysFor("")), len(q.PlayerKeysFor("")), MaxBatchKeys)
	}
	return b, nil
}

// PlayerKeysFor are the member index entries q looks for with player in place of its own.
func (q Query) PlayerKeysFor(player string) []string {
	q.Player = player
	return q.PlayerKeys()
}

// Keys are the member index entries of all the batch's players, each once.
func (b *Batch) Keys() []string {
	var out []string
	for _, q := range b.Queries {
		for _, k := range q.PlayerKeys() {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// Add files a stored session (the sessions come newest first) under each player whose query it
// matches at now, up to each one's take; it reports whether a player may still take more. The
// session's timers are brought up to date once for all the players.
func (b *Batch) Add(s *Session, now time.Time) bool {
	s, ok := current(s, now)
	more := false
	for i, q := range b.Queries {
		if ok && len(b.results[i]) < q.Take && q.matches(s) {
			b.results[i] = append(b.results[i], q.Result(s))
		}
		more = more || len(b.results[i]) < q.Take
	}
	return more
}

// Results are the results grouped per player, in request order.
func (b *Batch) Results() []map[string]any {
	out := []map[string]any{}
	for _, r := range b.results {
		out = append(out, r...)
	}
	return out
}
