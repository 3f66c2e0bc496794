package matches

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
)

// Sync serves turnBasedMatches.sync: GET /games/v1/turnbasedmatches/sync. The matches the caller
// is in that changed since the position in pageToken (from the start without one), least recent
// change first; matches the caller dismissed come as MATCH_DELETED tombstones. nextPageToken is
// the new position: a client that always syncs from the last token it got sees every change
// once, in order. moreAvailable says more changes are waiting now.
func (h *Handlers) Sync(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	l, err := readListing(r)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	found, next, more, err := h.svc.Store.SyncMatches(r.Context(), me.ID, l.limit, l.maxCompleted, l.pageToken, l.withData)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	out := gamesv1.TurnBasedMatchSync{Kind: gamesv1.KindTurnBasedMatchSync, NextPageToken: next, MoreAvailable: more}
	now := h.svc.Time()
	for _, m := range found {
		m.Expire(now)
		out.Items = append(out.Items, renderSynced(m, me.ID, l.withData))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
}
