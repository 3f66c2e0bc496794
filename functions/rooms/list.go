package rooms

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/room"
)

// List page sizes: maxResults is 1 to 500 as the discovery document says.
const (
	defaultPageSize = 50
	maxPageSize     = 500
)

// List serves rooms.list: GET /games/v1/rooms. It returns the caller's pending invitations
// (not answered, not dismissed), newest first, a page at a time.
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) {
	me := httpapi.Player(r.Context())
	limit, err := httpapi.QueryInt(r, "maxResults", 1, maxPageSize, defaultPageSize)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	rooms, next, err := h.svc.Store.Invitations(r.Context(), me.ID, limit, r.URL.Query().Get("pageToken"))
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	out := gamesv1.RoomList{Kind: gamesv1.KindRoomList, NextPageToken: next}
	now := h.svc.Time()
	for _, rm := range rooms {
		if rm.Expire(now); rm.Participant(me.ID).Status != room.Invited {
			continue // the invitation lapsed; the sweeper has not stored that yet
		}
		out.Items = append(out.Items, renderRoom(rm, me.ID))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
}
