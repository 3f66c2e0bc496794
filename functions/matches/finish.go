package matches

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// Finish serves turnBasedMatches.finish: PUT /games/v1/turnbasedmatches/{matchId}/finish. The
// pending player finishes first with the final data and results; each other joined participant
// then finishes once with its results (see match.Finish).
func (h *Handlers) Finish(w http.ResponseWriter, r *http.Request) {
	m, err := decoded(h, r, decodeFinish, func(f match.Finish) rule {
		return func(m *match.Match, me player.Profile, now time.Time) ([]notification.Notification, error) {
			return m.Finish(me.ID, f, now)
		}
	})
	answerMatch(w, r, m, err)
}
