// Package rooms serves the Play Games v1 real-time rooms resource: one handler per method,
// each registered in the route table as its own entry point (RoomsCreate, RoomsGet, …). The
// handlers are in this file, what they read from a request in decode.go, and the resources they
// answer with in render.go.
//
// Every mutating handler is one Firestore transaction on the room document (see store), with the
// notifications it owes written to the outbox in that transaction and published after commit.
// The `language` query parameter is accepted; descriptions are in English.
package rooms

import (
	"context"
	"net/http"
	"time"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/service"
)

// Handlers serves the rooms methods for one instance.
type Handlers struct {
	svc   *service.Service
	rooms games.Resource[*room.Room]
}

// New returns the rooms handlers of svc.
func New(svc *service.Service) *Handlers {
	return &Handlers{svc: svc, rooms: games.NewResource(svc, svc.Store.Rooms(), "roomId", "room")}
}

// writeRoom answers with the Room resource as the caller sees it.
func writeRoom(w http.ResponseWriter, r *http.Request, rm *room.Room) error {
	httpapi.WriteJSON(w, r, http.StatusOK, renderRoom(rm, httpapi.Player(r.Context()).ID))
	return nil
}

// Create serves rooms.create: POST /games/v1/rooms/create. The caller creates the room and is
// joined; each invited player gets an invitation notification. A caller auto-matching alone
// joins the oldest waiting room of their pools that takes them, or else gets their own room (a
// seed), which shows the pool's wait estimate. With a requestId, a retry returns the room the
// first call made or joined.
func (h *Handlers) Create(w http.ResponseWriter, r *http.Request) error {
	ctx, me := r.Context(), httpapi.Player(r.Context())
	req, err := httpapi.DecodeBody(r, decodeCreate)
	if err != nil {
		return err
	}
	c, err := games.Prepare(ctx, h.svc, me, req.CreateRequest, room.IDFor)
	if err != nil {
		return err
	}
	cmd := room.Create{Create: c.Create, Client: req.client}
	rm, err := games.Open(ctx, h.rooms, c, games.Maker[*room.Room]{
		New: func() (*room.Room, []notification.Notification, error) { return room.New(cmd, c.Now) },
		Join: func(rm *room.Room, s game.Seeker) ([]notification.Notification, error) {
			return rm.Place(c.ApplicationID, s, req.client, false, c.Now)
		},
		Seeding: func(ctx context.Context) (err error) {
			pool := game.Pool(c.ApplicationID, c.Variant, 1+int(c.AutoMatching.Max))
			cmd.WaitEstimateSeconds, err = h.svc.Store.RoomWaitEstimate(ctx, pool)
			return err
		},
	})
	if err != nil {
		return err
	}
	return writeRoom(w, r, rm)
}

// Get serves rooms.get: GET /games/v1/rooms/{roomId}. Only the room's participants and invitees
// see it; anyone else is told it does not exist.
func (h *Handlers) Get(w http.ResponseWriter, r *http.Request) error {
	rm, err := h.rooms.Read(r)
	if err != nil {
		return err
	}
	return writeRoom(w, r, rm)
}

// Join serves rooms.join: POST /games/v1/rooms/{roomId}/join. Only an invitee with a pending
// invitation may join.
func (h *Handlers) Join(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.rooms, w, r, decodeJoin, func(rm *room.Room, me player.Profile, client room.Client, now time.Time) ([]notification.Notification, error) {
		return rm.Join(me, client, now)
	}, writeRoom)
}

// Leave serves rooms.leave: POST /games/v1/rooms/{roomId}/leave. Only a joined participant may
// leave; the request's reason becomes the participant's leaveReason (see room.LeaveReasonFor).
func (h *Handlers) Leave(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.rooms, w, r, decodeLeave, func(rm *room.Room, me player.Profile, cmd room.Leave, now time.Time) ([]notification.Notification, error) {
		return rm.Leave(me.ID, cmd, now)
	}, writeRoom)
}

// Decline serves rooms.decline: POST /games/v1/rooms/{roomId}/decline. Only an invitee with a
// pending invitation may decline.
func (h *Handlers) Decline(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.rooms, w, r, games.NoBody, func(rm *room.Room, me player.Profile, _ struct{}, now time.Time) ([]notification.Notification, error) {
		return rm.Decline(me.ID, now)
	}, writeRoom)
}

// Dismiss serves rooms.dismiss: POST /games/v1/rooms/{roomId}/dismiss. The invitation leaves the
// caller's list without being answered. The method has no response body: 204.
func (h *Handlers) Dismiss(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.rooms, w, r, games.NoBody, func(rm *room.Room, me player.Profile, _ struct{}, now time.Time) ([]notification.Notification, error) {
		return rm.Dismiss(me.ID, now)
	}, games.NoContent)
}

// List serves rooms.list: GET /games/v1/rooms. It returns the caller's pending invitations
// (not answered, not dismissed), newest first, a page at a time.
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) error {
	me := httpapi.Player(r.Context())
	limit, err := games.MaxResults(r)
	if err != nil {
		return err
	}
	rooms, next, err := h.svc.Store.Invitations(r.Context(), me.ID, limit, r.URL.Query().Get("pageToken"))
	if err != nil {
		return err
	}
	h.rooms.Refresh(rooms...)
	out := gamesv1.RoomList{Kind: gamesv1.KindRoomList, NextPageToken: next}
	for _, rm := range rooms {
		if rm.Participant(me.ID).Status != room.Invited {
			continue // the invitation lapsed; the sweeper has not stored that yet
		}
		out.Items = append(out.Items, renderRoom(rm, me.ID))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
	return nil
}

// ReportStatus serves rooms.reportStatus: POST /games/v1/rooms/{roomId}/reportstatus. A joined
// participant reports its connections to peers of the room; the answer is the room's status.
func (h *Handlers) ReportStatus(w http.ResponseWriter, r *http.Request) error {
	return games.Change(h.rooms, w, r, decodeReportStatus, func(rm *room.Room, me player.Profile, updates []room.PeerUpdate, now time.Time) ([]notification.Notification, error) {
		return rm.ReportStatus(me.ID, updates, now)
	}, writeStatus)
}

// writeStatus answers with the room's status as the caller sees it.
func writeStatus(w http.ResponseWriter, r *http.Request, rm *room.Room) error {
	httpapi.WriteJSON(w, r, http.StatusOK, renderStatus(rm, httpapi.Player(r.Context()).ID))
	return nil
}
