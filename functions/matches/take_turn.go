package matches

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// TakeTurn serves turnBasedMatches.takeTurn: PUT /games/v1/turnbasedmatches/{matchId}/turn.
// Only the pending participant plays, at the current matchVersion (otherwise 409 and nothing
// changes); the next player is notified.
func (h *Handlers) TakeTurn(w http.ResponseWriter, r *http.Request) {
	m, err := decoded(h, r, decodeTurn, func(t match.Turn) rule {
		return func(m *match.Match, me player.Profile, now time.Time) ([]notification.Notification, error) {
			return m.TakeTurn(me.ID, t, now)
		}
	})
	answerMatch(w, r, m, err)
}
