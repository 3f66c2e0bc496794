package matches

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// LeaveTurn serves turnBasedMatches.leaveTurn: PUT /games/v1/turnbasedmatches/{matchId}/leaveTurn
// ?matchVersion=&pendingParticipantId=. The pending participant leaves and names who plays next.
func (h *Handlers) LeaveTurn(w http.ResponseWriter, r *http.Request) {
	m, err := h.leaveTurn(r)
	answerMatch(w, r, m, err)
}

func (h *Handlers) leaveTurn(r *http.Request) (*match.Match, error) {
	if err := bodyless(r); err != nil {
		return nil, err
	}
	version, err := queryVersion(r)
	if err != nil {
		return nil, err
	}
	next := r.URL.Query().Get("pendingParticipantId")
	return h.update(r, func(m *match.Match, me player.Profile, now time.Time) ([]notification.Notification, error) {
		return m.LeaveTurn(me.ID, version, next, now)
	})
}
