package signals

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/gamesreq"
	"github.com/openplay-games/openplay/shared/httpapi"
)

// SignalList is a page of the caller's signals in a room.
type SignalList struct {
	Kind          string   `json:"kind"`
	Items         []Signal `json:"items,omitempty"`
	NextPageToken string   `json:"nextPageToken,omitempty"`
}

// List serves GET /openplay/v1/rooms/{roomId}/signals?pageToken=&maxResults=: the signals sent
// to the caller in the room, in the order they were stored (maxResults 1 to 100, default 100),
// for clients without a Firestore SDK. nextPageToken is the position after the last signal
// returned: reading again from it returns only newer signals. It reads only the caller's own
// signals, not the room, so polling it costs one query.
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) {
	roomID, err := gamesreq.GameID(r, "roomId", "room")
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	limit, err := httpapi.QueryInt(r, "maxResults", 1, 100, 100)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	page, next, err := h.svc.Store.SignalsPage(r.Context(), httpapi.Player(r.Context()).ID, roomID, limit, r.URL.Query().Get("pageToken"), h.svc.Time())
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	out := SignalList{Kind: "openplay#signalList", NextPageToken: next}
	for _, s := range page {
		out.Items = append(out.Items, render(s))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
}
