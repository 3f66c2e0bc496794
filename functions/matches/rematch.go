package matches

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
)

// Rematch serves turnBasedMatches.rematch: POST /games/v1/turnbasedmatches/{matchId}/rematch.
// A participant who finished a completed match starts its one rematch. The rematch's ID is
// derived from the match, so a retry (with or without requestId) returns the same pair.
func (h *Handlers) Rematch(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	old, rematch, err := h.rematch(r)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	previous, next := render(old, me.ID, true), render(rematch, me.ID, true)
	httpapi.WriteJSON(w, r, http.StatusOK, gamesv1.TurnBasedMatchRematch{Kind: gamesv1.KindTurnBasedMatchRematch,
		PreviousMatch: &previous, Rematch: &next})
}

func (h *Handlers) rematch(r *http.Request) (*match.Match, *match.Match, error) {
	id, err := matchID(r)
	if err != nil {
		return nil, nil, err
	}
	if err := bodyless(r); err != nil {
		return nil, nil, err
	}
	if err := queryRequestID(r); err != nil {
		return nil, nil, err
	}
	me, now := httpapi.Player(r.Context()), h.svc.Time()
	old, rematch, notes, err := h.svc.Store.Rematch(r.Context(), id, func(old, existing *match.Match) (*match.Match, []notification.Notification, error) {
		return old.Rematch(me.ID, existing, now)
	})
	if err != nil {
		return nil, nil, err
	}
	h.svc.Deliver(r.Context(), notes)
	return old, rematch, nil
}
