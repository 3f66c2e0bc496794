package matches

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
)

// Get serves turnBasedMatches.get: GET /games/v1/turnbasedmatches/{matchId}. Only participants
// who have been invited see the match; anyone else is told it does not exist. The game state is
// included unless includeMatchData=false.
func (h *Handlers) Get(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	id, err := matchID(r)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	withData, err := queryBool(r, "includeMatchData", true)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	m, err := h.svc.Store.Match(r.Context(), id)
	if err == nil {
		m.Expire(h.svc.Time()) // a lapsed turn is not shown as live, even before the sweeper runs
	}
	if err == nil && !m.VisibleTo(me.ID) {
		err = errs.E(errs.NotFound, "matchId", "no match %q", id)
	}
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, render(m, me.ID, withData))
}
