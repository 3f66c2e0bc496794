// Package matches serves the Play Games v1 turnBasedMatches resource: one handler per method,
// each its own entry point (TurnBasedMatchesCreate, …TakeTurn, …). The handlers are in this
// file, what they read from a request in decode.go, and the resources they answer with in
// render.go. Every call that changes a match is one Firestore transaction on the match document
// (the rematch: on the match and its rematch), with the notifications it owes written to the
// outbox in that transaction and published after commit. The rules live in shared/match.
package matches

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/service"
)

// Handlers serves the turnBasedMatches methods for one instance.
type Handlers struct {
	svc     *service.Service
	matches games.Resource[*match.Match]
}

// New returns the turnBasedMatches handlers of svc.
func New(svc *service.Service) *Handlers {
	return &Handlers{svc: svc, matches: games.NewResource(svc, svc.Store.Matches(), "matchId", "match")}
}

// writeMatch answers with the match as the caller sees it, with its data.
func writeMatch(w http.ResponseWriter, r *http.Request, m *match.Match) error {
	httpapi.WriteJSON(w, r, http.StatusOK, render(m, httpapi.Player(r.Context()).ID, true))
	return nil
}

// Create serves turnBasedMatches.create: POST /games/v1/turnbasedmatches/create. The caller is
// joined and has the first turn; invited players are invited when the turn first reaches them.
// A caller auto-matching alone joins the oldest waiting match of their pools that takes them
// (and plays if the turn waits at their slot), or else gets their own match (a seed). With a
// requestId, a retry returns the match the first call made or joined.
func (h *Handlers) Create(w http.ResponseWriter, r *http.Request) error {
	ctx, me := r.Context(), httpapi.Player(r.Context())
	req, err := httpapi.DecodeBody(r, decodeCreate)
	if err != nil {
		return err
	}
	c, err := games.Prepare(ctx, h.svc, me, req, match.IDFor)
	if err != nil {
		return err
	}
	m, err := games.Open(ctx, h.matches, c, games.Maker[*match.Match]{
		New: func() (*match.Match, []notification.Notification, error) {
			m, err := match.New(match.Create{Create: c.Create}, c.Now)
			return m, nil, err
		},
		Join: func(m *match.Match, s game.Seeker) ([]notification.Notification, error) {
			return m.Place(c.ApplicationID, s, false, c.Now)
		},
	})
	if err != nil {
		return err
	}
	return writeMatch(w, r, m)
}

// Get serves turnBasedMatches.get: GET /games/v1/turnbasedmatches/{matchId}. Only participants
// who have been invited see the match; anyone else is told it does not exist. The game state is
// included unless includeMatchData=false.
func (h *Handlers) Get(w http.ResponseWriter, r *http.Request) error {
	withData, err := queryBool(r, "includeMatchData", true)
	if err != nil {
		return err
	}
	m, err := h.matches.Read(r)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, render(m, httpapi.Player(r.Context()).ID, withData))
	return nil
}

// The methods without a request body that change the caller's place in a match.

// Join serves turnBasedMatches.join: PUT /games/v1/turnbasedmatches/{matchId}/join. An invitee
// accepts the invitation (and must, before playing).
func (h *Handlers) Join(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.matches, w, r, games.NoBody, func(m *match.Match, me player.Profile, _ struct{}, now time.Time) ([]notification.Notification, error) {
		return m.Join(me, now)
	}, writeMatch)
}

// Decline serves turnBasedMatches.decline: PUT /games/v1/turnbasedmatches/{matchId}/decline.
func (h *Handlers) Decline(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.matches, w, r, games.NoBody, func(m *match.Match, me player.Profile, _ struct{}, now time.Time) ([]notification.Notification, error) {
		return m.Decline(me.ID, now)
	}, writeMatch)
}

// Leave serves turnBasedMatches.leave: PUT /games/v1/turnbasedmatches/{matchId}/leave, out of
// turn (during one's turn, leaveTurn).
func (h *Handlers) Leave(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.matches, w, r, games.NoBody, func(m *match.Match, me player.Profile, _ struct{}, now time.Time) ([]notification.Notification, error) {
		return m.Leave(me.ID, now)
	}, writeMatch)
}

// Cancel serves turnBasedMatches.cancel: PUT /games/v1/turnbasedmatches/{matchId}/cancel. The
// match ends for everyone as MATCH_CANCELED. No response body: 204.
func (h *Handlers) Cancel(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.matches, w, r, games.NoBody, func(m *match.Match, me player.Profile, _ struct{}, now time.Time) ([]notification.Notification, error) {
		return m.Cancel(me.ID, now)
	}, games.NoContent)
}

// Dismiss serves turnBasedMatches.dismiss: PUT /games/v1/turnbasedmatches/{matchId}/dismiss.
// The match leaves the caller's list, sync shows it to them as MATCH_DELETED, and they get no
// more notifications about it. No response body: 204.
func (h *Handlers) Dismiss(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.matches, w, r, games.NoBody, func(m *match.Match, me player.Profile, _ struct{}, now time.Time) ([]notification.Notification, error) {
		return m.Dismiss(me.ID, now)
	}, games.NoContent)
}

// TakeTurn serves turnBasedMatches.takeTurn: PUT /games/v1/turnbasedmatches/{matchId}/turn.
// Only the pending participant plays, at the current matchVersion (otherwise 409 and nothing
// changes); the next player is notified.
func (h *Handlers) TakeTurn(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.matches, w, r, decodeTurn, func(m *match.Match, me player.Profile, t match.Turn, now time.Time) ([]notification.Notification, error) {
		return m.TakeTurn(me.ID, t, now)
	}, writeMatch)
}

// LeaveTurn serves turnBasedMatches.leaveTurn: PUT /games/v1/turnbasedmatches/{matchId}/leaveTurn
// ?matchVersion=&pendingParticipantId=. The pending participant leaves and names who plays next.
func (h *Handlers) LeaveTurn(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.matches, w, r, decodeLeaveTurn(r), func(m *match.Match, me player.Profile, l leaveTurn, now time.Time) ([]notification.Notification, error) {
		return m.LeaveTurn(me.ID, l.version, l.next, now)
	}, writeMatch)
}

// Finish serves turnBasedMatches.finish: PUT /games/v1/turnbasedmatches/{matchId}/finish. The
// pending player finishes first with the final data and results; each other joined participant
// then finishes once with its results (see match.Finish).
func (h *Handlers) Finish(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.matches, w, r, decodeFinish, func(m *match.Match, me player.Profile, f match.Finish, now time.Time) ([]notification.Notification, error) {
		return m.Finish(me.ID, f, now)
	}, writeMatch)
}

// Rematch serves turnBasedMatches.rematch: POST /games/v1/turnbasedmatches/{matchId}/rematch.
// A participant who finished a completed match starts its one rematch. The rematch's ID is
// derived from the match, so a retry (with or without requestId) returns the same pair.
func (h *Handlers) Rematch(w http.ResponseWriter, r *http.Request) error {
	me := httpapi.Player(r.Context())
	old, rematch, err := h.rematch(r)
	if err != nil {
		return err
	}
	previous, next := render(old, me.ID, true), render(rematch, me.ID, true)
	httpapi.WriteJSON(w, r, http.StatusOK, gamesv1.TurnBasedMatchRematch{Kind: gamesv1.KindTurnBasedMatchRematch,
		PreviousMatch: &previous, Rematch: &next})
	return nil
}

func (h *Handlers) rematch(r *http.Request) (*match.Match, *match.Match, error) {
	id, err := h.matches.ID(r)
	if err != nil {
		return nil, nil, err
	}
	if _, err := httpapi.DecodeBody(r, games.NoBody); err != nil {
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
	h.svc.Outbox.Deliver(r.Context(), notes)
	return old, rematch, nil
}

// List serves turnBasedMatches.list: GET /games/v1/turnbasedmatches. The caller's matches they
// have not dismissed: open ones first, then at most maxCompletedMatches finished ones, each part
// newest first. Game state is left out (data.dataAvailable) unless includeMatchData=true.
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) error {
	me := httpapi.Player(r.Context())
	l, err := readListing(r)
	if err != nil {
		return err
	}
	found, next, err := listMatches(r.Context(), h.svc.Store, me.ID, l)
	if err != nil {
		return err
	}
	h.matches.Refresh(found...)
	out := gamesv1.TurnBasedMatchList{Kind: gamesv1.KindTurnBasedMatchList, NextPageToken: next}
	for _, m := range found {
		out.Items = append(out.Items, render(m, me.ID, l.withData))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
	return nil
}

// Sync serves turnBasedMatches.sync: GET /games/v1/turnbasedmatches/sync. The matches the caller
// is in that changed since the position in pageToken (from the start without one), least recent
// change first; matches the caller dismissed come as MATCH_DELETED tombstones. nextPageToken is
// the new position: a client that always syncs from the last token it got sees every change
// once, in order. moreAvailable says more changes are waiting now.
func (h *Handlers) Sync(w http.ResponseWriter, r *http.Request) error {
	me := httpapi.Player(r.Context())
	l, err := readListing(r)
	if err != nil {
		return err
	}
	found, next, more, err := syncMatches(r.Context(), h.svc.Store, me.ID, l)
	if err != nil {
		return err
	}
	h.matches.Refresh(found...)
	out := gamesv1.TurnBasedMatchSync{Kind: gamesv1.KindTurnBasedMatchSync, NextPageToken: next, MoreAvailable: more}
	for _, m := range found {
		out.Items = append(out.Items, renderSynced(m, me.ID, l.withData))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
	return nil
}
