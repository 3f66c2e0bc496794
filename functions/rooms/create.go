package rooms

import (
	"net/http"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/room"
)

// Create serves rooms.create: POST /games/v1/rooms/create. The caller creates the room and is
// joined; each invited player gets an invitation notification. A caller auto-matching alone
// joins a compatible room waiting for players, if there is one (see autoMatch). With a
// requestId, a retry returns the room the first call made or joined.
func (h *Handlers) Create(w http.ResponseWriter, r *http.Request) {
	rm, err := h.create(r)
	answerRoom(w, r, rm, err)
}

func (h *Handlers) create(r *http.Request) (*room.Room, error) {
	me := httpapi.Player(r.Context())
	req, err := httpapi.DecodeBody(r, decodeCreate)
	if err != nil {
		return nil, err
	}
	c, err := games.Prepare(r.Context(), h.svc, me.ID, req.Create, room.IDFor)
	if err != nil {
		return nil, err
	}
	cmd := room.Create{ID: c.ID, ApplicationID: h.svc.Config.ApplicationID, Creator: me, Invitees: c.Invitees,
		AutoMatching: req.Auto, Variant: req.Variant, Client: req.client, Timeouts: c.Timeouts}
	if req.Alone() {
		return h.autoMatch(r.Context(), cmd, c.Now)
	}
	return games.Create(r.Context(), h.svc, games.Rooms(h.svc.Store), c, func() (*room.Room, []notification.Notification, error) {
		return room.New(cmd, c.Now)
	})
}
