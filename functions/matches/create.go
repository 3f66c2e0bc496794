package matches

import (
	"net/http"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
)

// Create serves turnBasedMatches.create: POST /games/v1/turnbasedmatches/create. The caller is
// joined and has the first turn; invited players are invited when the turn first reaches them.
// A caller auto-matching alone joins a compatible match waiting for a player, if there is one
// (see autoMatch). With a requestId, a retry returns the match the first call made or joined.
func (h *Handlers) Create(w http.ResponseWriter, r *http.Request) {
	m, err := h.create(r)
	answerMatch(w, r, m, err)
}

func (h *Handlers) create(r *http.Request) (*match.Match, error) {
	me := httpapi.Player(r.Context())
	req, err := httpapi.DecodeBody(r, decodeCreate)
	if err != nil {
		return nil, err
	}
	c, err := games.Prepare(r.Context(), h.svc, me.ID, req, match.IDFor)
	if err != nil {
		return nil, err
	}
	cmd := match.Create{ID: c.ID, ApplicationID: h.svc.Config.ApplicationID, Creator: me,
		Invitees: c.Invitees, AutoMatching: req.Auto, Variant: req.Variant, Timeouts: c.Timeouts}
	if req.Alone() {
		return h.autoMatch(r.Context(), cmd, c.Now)
	}
	return games.Create(r.Context(), h.svc, games.Matches(h.svc.Store), c, func() (*match.Match, []notification.Notification, error) {
		m, err := match.New(cmd, c.Now)
		return m, nil, err
	})
}
