package matches

import (
	"context"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/store"
)

// noCap is the maxCompleted of a listing that does not limit finished matches (no
// maxCompletedMatches).
const noCap = -1

// List phases, which the page token carries: open matches first, then finished ones.
const (
	phaseOpen = ""
	phaseDone = "done"
)

// listMatches is turnBasedMatches.list's page: up to l.limit of playerID's matches (fewer once
// they take a page's bytes), the open ones, newest first, then at most l.maxCompleted finished
// ones over all pages (noCap: no limit), newest first, and the token of the next page ("": the
// last). Both parts page by creation time, so a token stays correct while matches change (a
// match that finishes between two pages may show in both parts).
func listMatches(ctx context.Context, st *store.Store, playerID string, l listing) ([]*match.Match, string, error) {
	cur, err := store.ParseCursor(l.pageToken)
	if err != nil {
		return nil, "", err
	}
	if cur == nil {
		cur = &store.Cursor{}
	}
	if cur.Phase != phaseOpen && cur.Phase != phaseDone {
		return nil, "", errs.E(errs.Invalid, "pageToken", "not a page token this API returned")
	}
	limit := l.limit
	var out []*match.Match
	if cur.Phase == phaseOpen {
		page, end, more, err := st.ListedMatches(ctx, playerID, true, cur, limit, l.withData)
		if err != nil {
			return nil, "", err
		}
		out = page
		if more {
			return out, end.Token(), nil
		}
		cur, limit = &store.Cursor{Phase: phaseDone}, limit-len(page)
	}
	take := limit
	if l.maxCompleted != noCap {
		take = min(take, l.maxCompleted-cur.Count)
	}
	if take <= 0 {
		if l.maxCompleted != noCap && cur.Count >= l.maxCompleted {
			return out, "", nil
		}
		return out, cur.Token(), nil
	}
	page, end, more, err := st.ListedMatches(ctx, playerID, false, cur, take, l.withData)
	if err != nil {
		return nil, "", err
	}
	out = append(out, page...)
	count := cur.Count + len(page)
	if !more || (l.maxCompleted != noCap && count >= l.maxCompleted) {
		return out, "", nil
	}
	end.Phase, end.Count = phaseDone, count
	return out, end.Token(), nil
}

// syncMatches is turnBasedMatches.sync's page: up to l.limit of the matches playerID may see
// that changed after the position in l.pageToken, least recent change first, finished ones beyond
// l.maxCompleted in this page passed over (noCap: none); the token of the new position (the same
// token when nothing changed, so a client can keep calling with it); and whether more changes
// are waiting.
func syncMatches(ctx context.Context, st *store.Store, playerID string, l listing) ([]*match.Match, string, bool, error) {
	cur, err := store.ParseCursor(l.pageToken)
	if err != nil {
		return nil, "", false, err
	}
	if cur != nil && cur.Phase != "" {
		return nil, "", false, errs.E(errs.Invalid, "pageToken", "not a sync token: use the nextPageToken of a sync response")
	}
	page, end, more, err := st.ChangedMatches(ctx, playerID, cur, l.limit, l.withData)
	if err != nil {
		return nil, "", false, err
	}
	if len(page) == 0 {
		return nil, l.pageToken, false, nil
	}
	var out []*match.Match
	completed := 0
	for _, m := range page {
		if !m.Open() {
			if l.maxCompleted != noCap && completed >= l.maxCompleted {
				continue
			}
			completed++
		}
		out = append(out, m)
	}
	return out, end.Token(), more, nil
}
