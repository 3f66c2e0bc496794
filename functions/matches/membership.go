package matches

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// The bodyless methods that change the caller's place in a match. Each is its own entry point.

// Join serves turnBasedMatches.join: PUT /games/v1/turnbasedmatches/{matchId}/join. An invitee
// accepts the invitation (and must, before playing).
func (h *Handlers) Join(w http.ResponseWriter, r *http.Request) {
	m, err := h.bodyless(r, func(m *match.Match, me player.Profile, now time.Time) ([]notification.Notification, error) {
		return nil, m.Join(me, now)
	})
	answerMatch(w, r, m, err)
}

// Decline serves turnBasedMatches.decline: PUT /games/v1/turnbasedmatches/{matchId}/decline.
func (h *Handlers) Decline(w http.ResponseWriter, r *http.Request) {
	m, err := h.bodyless(r, func(m *match.Match, me player.Profile, now time.Time) ([]notification.Notification, error) {
		return m.Decline(me.ID, now)
	})
	answerMatch(w, r, m, err)
}

// Leave serves turnBasedMatches.leave: PUT /games/v1/turnbasedmatches/{matchId}/leave, out of
// turn (during one's turn, leaveTurn).
func (h *Handlers) Leave(w http.ResponseWriter, r *http.Request) {
	m, err := h.bodyless(r, func(m *match.Match, me player.Profile, now time.Time) ([]notification.Notification, error) {
		return m.Leave(me.ID, now)
	})
	answerMatch(w, r, m, err)
}

// Cancel serves turnBasedMatches.cancel: PUT /games/v1/turnbasedmatches/{matchId}/cancel. The
// match ends for everyone as MATCH_CANCELED. No response body: 204.
func (h *Handlers) Cancel(w http.ResponseWriter, r *http.Request) {
	_, err := h.bodyless(r, func(m *match.Match, me player.Profile, now time.Time) ([]notification.Notification, error) {
		return m.Cancel(me.ID, now)
	})
	answerEmpty(w, r, err)
}

// Dismiss serves turnBasedMatches.dismiss: PUT /games/v1/turnbasedmatches/{matchId}/dismiss.
// The match leaves the caller's list, sync shows it to them as MATCH_DELETED, and they get no
// more notifications about it. No response body: 204.
func (h *Handlers) Dismiss(w http.ResponseWriter, r *http.Request) {
	_, err := h.bodyless(r, func(m *match.Match, me player.Profile, now time.Time) ([]notification.Notification, error) {
		return nil, m.Dismiss(me.ID, now)
	})
	answerEmpty(w, r, err)
}

func (h *Handlers) bodyless(r *http.Request, apply rule) (*match.Match, error) {
	if err := bodyless(r); err != nil {
		return nil, err
	}
	return h.update(r, apply)
}

func answerEmpty(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.NoContent(w)
}
