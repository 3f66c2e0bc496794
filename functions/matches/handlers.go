// Package matches serves the Play Games v1 turnBasedMatches resource: one handler per method,
// each its own entry point (TurnBasedMatchesCreate, …TakeTurn, …). Every call that changes a
// match is one Firestore transaction on the match document (the rematch: on the match and its
// rematch), with the notifications it owes written to the outbox in that transaction and
// published after commit. The rules live in shared/match.
package matches

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/gamesreq"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/service"
)

// Handlers serves the turnBasedMatches methods for one instance.
type Handlers struct {
	svc *service.Service
}

// New returns the turnBasedMatches handlers of svc.
func New(svc *service.Service) *Handlers { return &Handlers{svc: svc} }

// matchID reads and checks the {matchId} path parameter.
func matchID(r *http.Request) (string, error) { return gamesreq.GameID(r, "matchId", "match") }

// rule is a domain rule applied by the caller me at now.
type rule func(m *match.Match, me player.Profile, now time.Time) ([]notification.Notification, error)

// update applies apply to the match in the path in one transaction, delivers the notifications
// it owes, and returns the match as stored.
func (h *Handlers) update(r *http.Request, apply rule) (*match.Match, error) {
	id, err := matchID(r)
	if err != nil {
		return nil, err
	}
	me, now := httpapi.Player(r.Context()), h.svc.Time()
	m, notes, err := h.svc.Store.UpdateMatch(r.Context(), id, func(m *match.Match) ([]notification.Notification, error) {
		expired := m.Expire(now) // lapsed timers fire first; stored with the change if it succeeds
		n, err := apply(m, me, now)
		return append(expired, n...), err
	})
	if err != nil {
		return nil, err
	}
	h.svc.Deliver(r.Context(), notes)
	return m, nil
}

// decoded decodes the request body with decode and applies the rule made from the command.
func decoded[C any](h *Handlers, r *http.Request, decode func([]byte) (C, error), ruleFor func(C) rule) (*match.Match, error) {
	cmd, err := httpapi.DecodeBody(r, decode)
	if err != nil {
		return nil, err
	}
	return h.update(r, ruleFor(cmd))
}

// bodyless checks that a method without a request body got none (or {}).
func bodyless(r *http.Request) error {
	body, err := httpapi.ReadBody(r)
	if err != nil {
		return err
	}
	return httpapi.DecodeBytes(body, &struct{}{})
}

// answerMatch answers with the match as the caller sees it (with its data), or with err.
func answerMatch(w http.ResponseWriter, r *http.Request, m *match.Match, err error) {
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, render(m, httpapi.Player(r.Context()).ID, true))
}

// Page sizes: maxResults and maxCompletedMatches as the discovery document bounds them.
const (
	defaultPageSize = 50
	maxPageSize     = 500
)
