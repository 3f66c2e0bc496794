package matches

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/store"
)

// listing is the query parameters list and sync share.
type listing struct {
	limit, maxCompleted int
	withData            bool
	pageToken           string
}

func readListing(r *http.Request) (listing, error) {
	limit, err := httpapi.QueryInt(r, "maxResults", 1, maxPageSize, defaultPageSize)
	if err != nil {
		return listing{}, err
	}
	maxCompleted, err := httpapi.QueryInt(r, "maxCompletedMatches", 0, maxPageSize, store.NoCap)
	if err != nil {
		return listing{}, err
	}
	withData, err := queryBool(r, "includeMatchData", false)
	if err != nil {
		return listing{}, err
	}
	return listing{limit: limit, maxCompleted: maxCompleted, withData: withData, pageToken: r.URL.Query().Get("pageToken")}, nil
}

// List serves turnBasedMatches.list: GET /games/v1/turnbasedmatches. The caller's matches they
// have not dismissed: open ones first, then at most maxCompletedMatches finished ones, each part
// newest first. Game state is left out (data.dataAvailable) unless includeMatchData=true.
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	l, err := readListing(r)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	found, next, err := h.svc.Store.ListMatches(r.Context(), me.ID, l.limit, l.maxCompleted, l.pageToken, l.withData)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	out := gamesv1.TurnBasedMatchList{Kind: gamesv1.KindTurnBasedMatchList, NextPageToken: next}
	now := h.svc.Time()
	for _, m := range found {
		m.Expire(now)
		out.Items = append(out.Items, render(m, me.ID, l.withData))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
}
