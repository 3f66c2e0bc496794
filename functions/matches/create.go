package matches

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/gamesreq"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/ids"
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
	body, err := httpapi.ReadBody(r)
	if err != nil {
		return nil, err
	}
	req, err := decodeCreate(body)
	if err != nil {
		return nil, err
	}
	invitees, err := gamesreq.Seats(r.Context(), h.svc.Auth, me.ID, req.inviteeIDs, req.auto)
	if err != nil {
		return nil, err
	}
	settings, err := h.svc.Settings(r.Context())
	if err != nil {
		return nil, err
	}
	id := ids.Random()
	if req.requestID != nil {
		id = match.IDFor(h.svc.Config.ApplicationID, me.ID, *req.requestID)
	}
	now := h.svc.Time()
	cmd := match.Create{ID: id, ApplicationID: h.svc.Config.ApplicationID, Creator: me,
		Invitees: invitees, AutoMatching: req.auto, Variant: req.variant, Timeouts: settings.Timeouts}
	if req.auto != nil && len(invitees) == 0 {
		return h.autoMatch(r.Context(), cmd, now)
	}
	m, _, _, err := h.svc.Store.CreateMatch(r.Context(), id, func() (*match.Match, []notification.Notification, error) {
		m, err := match.New(cmd, now)
		return m, nil, err
	})
	if err == nil {
		m.Expire(now) // a retry may come after a timer lapsed
	}
	return m, err
}
